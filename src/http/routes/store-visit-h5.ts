// The H5 visit form: /s/<token> opened inside WeCom, for companies that have not published the
// mini-program. Identity comes from WeCom OAuth2 网页授权 (connect/oauth2/authorize → code →
// auth/getuserinfo through the server's WeCom client), kept in a short-lived HttpOnly cookie scoped to /s/;
// the visit goes through the same recordVisit as POST /mp/visits (validation, compliance rule, suggestions)
// and the page shows the same leaderboards. Plain server-rendered HTML and one small inline script.
//
//   GET  /s/<token>          (store-page.ts hands over when the user agent says wxwork) form, or off to OAuth2
//   GET  /s/<token>/oauth    WeCom sends the browser back here with ?code&state
//   POST /s/<token>/visit    the form (urlencoded, same-site cookie + per-session CSRF token)
import { randomBytes } from 'node:crypto';
import { sameSecret } from '../../shared/same-secret.js';
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { AppDeps } from '../../app/app-deps.js';
import type { PlatformLogin } from '../../app/console/sign-in/platform-sign-in.js';
import { csrfTokenMatches, csrfTokenOf, h5Caller, H5_SESSION_TTL_MS, openH5Session, type H5Caller } from '../../app/stores/h5-visit-session.js';
import { resolveQr } from '../../app/stores/qr-codes.js';
import { MAX_QUESTION_CHARS, recordVisit } from '../../app/stores/record-visit.js';
import { storeLeaderboard } from '../../app/stores/store-leaderboard.js';
import { isWecomClient } from '../../channels/wecom/web-login.js';
import { publicWords } from '../../domain/stores/compliance.js';
import { isAppError } from '../../shared/errors.js';
import type { LeaderboardResponse, VisitResponse } from '../../shared/mp-api.js';
import { sanitizeText } from '../../shared/sanitize-text.js';
import { shanghaiDayStart } from '../../shared/shanghai-time.js';
import { countVisits } from '../../store/repos/stores-repo.js';
import { readTextBody } from '../read-body.js';
import { visitRequest } from './mp-api.js';

export interface StoreVisitH5Deps {
  app: AppDeps;
  /** WeCom's OAuth2 and getuserinfo (the console's platform login for WeCom); null when WeCom is not configured. */
  wecom: PlatformLogin | null;
}

const SESSION_COOKIE = 'zb_store_h5';
const STATE_COOKIE = 'zb_store_oauth';
const COOKIE_PATH = '/s/';
const STATE_MINUTES = 10;
const MAX_FORM_BYTES = 32 * 1024;

/** Whether /s/<token> should be the visit form rather than the explanation. */
export const wantsVisitH5 = (deps: StoreVisitH5Deps, userAgent: string): boolean => deps.wecom !== null && isWecomClient(userAgent);

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const storePath = (token: string) => `/s/${encodeURIComponent(token)}`;
const cookieOptions = (ctx: Context) => ({ httpOnly: true, sameSite: 'lax' as const, secure: ctx.secure, path: COOKIE_PATH, overwrite: true });

function send(ctx: Context, status: number, title: string, body: string, nonce?: string): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('cache-control', 'no-store');
  ctx.set('content-security-policy',
    `default-src 'none'; style-src 'unsafe-inline'; script-src ${nonce ? `'nonce-${nonce}'` : "'none'"}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`);
  ctx.set('x-content-type-options', 'nosniff');
  ctx.set('referrer-policy', 'no-referrer');
  ctx.body = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title>
<style>*{box-sizing:border-box}body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:16px 14px 32px;color:#1f2329;background:#f5f6f7;font-size:16px}
.card{max-width:480px;margin:0 auto 12px;background:#fff;border-radius:12px;padding:18px 16px;box-shadow:0 2px 8px rgba(0,0,0,.06)}
h1{font-size:20px;margin:0 0 6px}h2{font-size:16px;margin:0 0 8px}p{line-height:1.6;margin:6px 0;color:#4e5969}.muted{color:#86909c;font-size:14px}
label{display:block;margin:14px 0 6px;font-weight:600}textarea,input{width:100%;font:inherit;padding:10px;border:1px solid #c9cdd4;border-radius:8px;background:#fff}
textarea{min-height:110px;resize:vertical}.warn{background:#fff7e8;border:1px solid #ffb65d;color:#8a4b00;border-radius:8px;padding:10px;margin-top:10px}
.error{background:#ffece8;border:1px solid #f76560;color:#a1151e;border-radius:8px;padding:10px;margin:0 0 10px}[hidden]{display:none!important}
button,.button{display:block;width:100%;margin-top:18px;padding:13px;font:inherit;font-weight:600;color:#fff;background:#1664ff;border:0;border-radius:8px;text-align:center;text-decoration:none}
ol,ul{padding-left:20px;line-height:1.8;margin:6px 0}.ok{color:#00a870}</style>
</head><body>${body}</body></html>`;
}

const card = (html: string) => `<div class="card">${html}</div>`;
const notice = (ctx: Context, status: number, title: string, text: string, again?: string) =>
  send(ctx, status, title, card(`<h1>${escape(title)}</h1><p>${escape(text)}</p>${again ? `<a class="button" href="${escape(again)}">重新打开</a>` : ''}`));

// ── GET /s/<token> inside WeCom ──────────────────────────────────────────────────────────────────────

/** The form for a signed-in caller; otherwise off to WeCom OAuth2 with a state bound to this browser. */
export async function showVisitH5(ctx: Context, deps: StoreVisitH5Deps, token: string): Promise<void> {
  const sessionToken = ctx.cookies.get(SESSION_COOKIE);
  const caller = await h5Caller(deps.app, sessionToken);
  if (!caller || !sessionToken) {
    // Back from OAuth2 and still no session: the cookie was not kept; say so rather than loop.
    if (ctx.query.from === 'oauth') return notice(ctx, 400, '没能保持登录', '企业微信没有保存登录状态,请稍后重新扫码打开。', storePath(token));
    startOAuth(ctx, deps.wecom!, token);
    return;
  }
  await renderForm(ctx, deps, caller, sessionToken, token, 200, {});
}

function startOAuth(ctx: Context, wecom: PlatformLogin, token: string): void {
  const state = randomBytes(24).toString('base64url');
  const saved = Buffer.from(JSON.stringify({ s: state, t: token })).toString('base64url');
  ctx.cookies.set(STATE_COOKIE, saved, { ...cookieOptions(ctx), maxAge: STATE_MINUTES * 60_000 });
  // Back to the host the browser used (where the state cookie lives); WeCom accepts it only on the app's 可信域名.
  const redirectUri = `${ctx.protocol}://${ctx.host}${storePath(token)}/oauth`;
  ctx.set('cache-control', 'no-store');
  ctx.redirect(wecom.authorizeUrl({ redirectUri, state, userAgent: ctx.get('user-agent') }));
}

interface FormState {
  question?: string;
  customerName?: string;
  customerPhone?: string;
  complianceNote?: string;
  error?: string;
  /** Sensitive words the server found (422): the note block starts open. */
  words?: string[];
}

async function renderForm(ctx: Context, deps: StoreVisitH5Deps, caller: H5Caller, sessionToken: string, token: string, status: number, form: FormState): Promise<void> {
  const { db, clock, storeRules } = deps.app;
  const found = await resolveQr(db, caller.tenantId, token);
  if ('problem' in found) return notice(ctx, 404, '这个二维码用不了了', '它可能已经停用,或者印错了。请找店长要一张新的门店二维码。');
  const today = shanghaiDayStart(clock.now());
  const [storeToday, mineToday] = await Promise.all([
    countVisits(db, caller.tenantId, today, { storeKey: found.store.key }),
    countVisits(db, caller.tenantId, today, { userId: caller.userId }),
  ]);
  const nonce = randomBytes(16).toString('base64');
  const words = publicWords(storeRules.compliance);
  const v = (s: string | undefined) => escape(s ?? '');
  const campaign = found.code.campaign ? `<p>活动:${escape(found.code.campaign)}</p>` : '';
  const warn = form.words?.length ? `问题涉及「${form.words.map(escape).join('、')}」,请填写合规说明` : '';
  send(ctx, status, `${found.store.name} · 拜访登记`, `${card(`<h1 data-test="h5-store">${escape(found.store.name)}</h1>${campaign}
<p class="muted">${escape(caller.name)},你好 · 今天本店已登记 <b data-test="h5-store-today">${storeToday}</b> 次,你登记了 ${mineToday} 次</p>`)}
${card(`<form method="post" action="${storePath(token)}/visit" data-test="h5-form" autocomplete="off">
${form.error ? `<div class="error" role="alert" data-test="h5-error">${escape(form.error)}</div>` : ''}
<input type="hidden" name="csrf" value="${csrfTokenOf(sessionToken)}">
<label for="question">顾客的问题</label>
<textarea id="question" name="question" maxlength="${MAX_QUESTION_CHARS}" required placeholder="例如:宝宝脸上湿疹反复,用什么润肤霜比较好" data-test="h5-question">${v(form.question)}</textarea>
<div class="warn" id="warn" role="status" data-test="h5-warning"${warn ? '' : ' hidden'}>${warn}</div>
<div id="note-block"${form.words?.length ? '' : ' hidden'}>
<label for="note">合规说明(必填)</label>
<textarea id="note" name="complianceNote" maxlength="1000" placeholder="例如:已提醒顾客遵医嘱,未推荐药品" data-test="h5-note">${v(form.complianceNote)}</textarea>
</div>
<label for="cname">顾客称呼(选填)</label>
<input id="cname" name="customerName" maxlength="64" value="${v(form.customerName)}" data-test="h5-customer-name">
<label for="cphone">顾客手机号(选填)</label>
<input id="cphone" name="customerPhone" type="tel" inputmode="tel" maxlength="32" value="${v(form.customerPhone)}" data-test="h5-customer-phone">
<button type="submit" data-test="h5-submit">提交登记</button>
</form>`)}
<script nonce="${nonce}">(function(){
var words=${JSON.stringify(words).replace(/</g, '\\u003c')};
var q=document.getElementById('question'),note=document.getElementById('note'),block=document.getElementById('note-block'),warn=document.getElementById('warn'),form=q.form;
function found(){var t=q.value.toLowerCase(),hit=[];for(var i=0;i<words.length;i++){if(t.indexOf(words[i].toLowerCase())>=0&&hit.indexOf(words[i])<0)hit.push(words[i]);}return hit;}
function update(){var hit=found();var on=hit.length>0||${form.words?.length ? 'true' : 'false'};block.hidden=!on;note.required=on;warn.hidden=!hit.length&&!warn.textContent;if(hit.length)warn.textContent='问题涉及「'+hit.join('、')+'」,请填写合规说明';}
q.addEventListener('input',update);update();
form.addEventListener('submit',function(){form.querySelector('button').disabled=true;});
})();</script>`, nonce);
}

// ── GET /s/<token>/oauth and POST /s/<token>/visit ───────────────────────────────────────────────────

export function mountStoreVisitH5(router: Router, deps: StoreVisitH5Deps): void {
  router.get('/s/:token/oauth', async (ctx) => {
    const token = ctx.params.token!;
    const log = ctx.state.log;
    const raw = ctx.cookies.get(STATE_COOKIE);
    if (raw) ctx.cookies.set(STATE_COOKIE, '', { ...cookieOptions(ctx), maxAge: 0 });
    const saved = raw ? parseState(raw) : null;
    const state = typeof ctx.query.state === 'string' ? ctx.query.state : undefined;
    const code = typeof ctx.query.code === 'string' && ctx.query.code.trim() ? ctx.query.code.trim() : undefined;
    if (!deps.wecom) return notice(ctx, 503, '暂时无法登记', '服务器没有配置企业微信应用,请用小程序登记或联系管理员。');
    if (!saved || saved.t !== token || !state || !sameSecret(saved.s, state) || !code) {
      log.warn({ hasState: Boolean(saved), hasCode: Boolean(code) }, 'store H5 sign-in refused: state missing or different');
      return notice(ctx, 400, '登录没有完成', '企业微信登录没有完成或已过期,请重新打开这个页面。', storePath(token));
    }
    let visitor;
    try {
      visitor = await deps.wecom.visitorOf(code);
    } catch (err) {
      log.warn({ err }, 'store H5 sign-in: WeCom did not confirm the code');
      return notice(ctx, 502, '企业微信没有确认你的身份', '请稍后重新打开这个页面再试一次。', storePath(token));
    }
    if (visitor.kind !== 'member') {
      log.info('store H5 sign-in refused: not a member of the corp');
      return notice(ctx, 403, '只有企业成员可以登记', '请用本企业的企业微信账号扫码打开。');
    }
    const session = await openH5Session(deps.app, visitor.userId);
    ctx.cookies.set(SESSION_COOKIE, session.token, { ...cookieOptions(ctx), maxAge: H5_SESSION_TTL_MS });
    ctx.set('cache-control', 'no-store');
    ctx.status = 303;
    ctx.redirect(`${storePath(token)}?from=oauth`);
  });

  router.post('/s/:token/visit', async (ctx) => {
    const token = ctx.params.token!;
    const sessionToken = ctx.cookies.get(SESSION_COOKIE);
    const caller = await h5Caller(deps.app, sessionToken);
    if (!caller || !sessionToken) return notice(ctx, 401, '登录已过期', '请重新打开这个页面登录后再提交。', storePath(token));
    if (!ctx.is('application/x-www-form-urlencoded')) return notice(ctx, 415, '提交方式不对', '请在页面上填写后提交。', storePath(token));
    const fields = new URLSearchParams(await readTextBody(ctx, MAX_FORM_BYTES));
    const field = (name: string) => sanitizeText(fields.get(name) ?? '');
    if (!csrfTokenMatches(sessionToken, fields.get('csrf') ?? undefined)) {
      ctx.state.log.warn('store H5 visit refused: CSRF token missing or different');
      return notice(ctx, 403, '页面已过期', '请重新打开这个页面再提交。', storePath(token));
    }
    const form: FormState = {
      question: field('question'), customerName: field('customerName'), customerPhone: field('customerPhone'), complianceNote: field('complianceNote'),
    };
    let result: VisitResponse;
    try {
      // The same request shape, limits and domain service as POST /mp/visits.
      result = await recordVisit(deps.app, caller, visitRequest({ qr: token, ...form }));
    } catch (err) {
      if (!isAppError(err) || (err.status >= 500 && err.status !== 503)) throw err;
      if (err.code.startsWith('qr_')) return notice(ctx, 404, '这个二维码用不了了', err.message);
      const words = Array.isArray(err.details?.words) ? (err.details.words as string[]) : undefined;
      return renderForm(ctx, deps, caller, sessionToken, token, err.status, { ...form, error: err.message, words });
    }
    const [stores, people] = await Promise.all([
      storeLeaderboard(deps.app, caller, 'store', 'week'),
      storeLeaderboard(deps.app, caller, 'team', 'week'),
    ]);
    renderResult(ctx, token, result, [stores, people]);
  });
}

function renderResult(ctx: Context, token: string, result: VisitResponse, boards: LeaderboardResponse[]): void {
  const { visit, suggestions, topics } = result;
  const board = (b: LeaderboardResponse) => card(`<h2>${escape(b.title)}</h2>${b.rows.length
    ? `<ol data-test="h5-board-${b.scope}">${b.rows.slice(0, 10).map((r) => `<li>${escape(r.name)} · ${r.visits}次</li>`).join('')}</ol>`
    : '<p class="muted">还没有拜访记录</p>'}`);
  send(ctx, 200, '登记成功', `${card(`<h1 class="ok" data-test="h5-done">登记成功</h1>
<p>${escape(visit.storeName)} · ${escape(visit.question)}</p>
${topics.length ? `<p class="muted">话题:${topics.map(escape).join('、')}</p>` : ''}
${visit.flaggedForReview ? '<p class="muted" data-test="h5-flagged">这条涉及敏感词,已附合规说明,会交给店长复核。</p>' : ''}`)}
${card(`<h2>建议这样跟进</h2>${suggestions.length
    ? `<ol data-test="h5-suggestions">${suggestions.map((s) => `<li data-test="h5-suggestion">${escape(s.action)}<span class="muted">(${escape(s.from)})</span></li>`).join('')}</ol>`
    : '<p class="muted">暂时没有建议</p>'}`)}
${boards.map(board).join('\n')}
<div class="card"><a class="button" href="${storePath(token)}" data-test="h5-again">再登记一位</a></div>`);
}

function parseState(raw: string): { s: string; t: string } | null {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { s?: unknown; t?: unknown };
    return typeof v.s === 'string' && typeof v.t === 'string' ? { s: v.s, t: v.t } : null;
  } catch {
    return null;
  }
}
