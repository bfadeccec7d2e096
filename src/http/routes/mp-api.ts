// The mini-program API (/mp/*). Login exchanges a wx.qy.login code for a session; every other call
// carries it as a bearer token, and a missing, unknown or expired one is a 401 whose code tells the
// client to log in again (RELOGIN_CODES in src/shared/mp-api.ts).
import Router from '@koa/router';
import type { Context, Next } from 'koa';
import type { AppDeps } from '../../app/app-deps.js';
import { miniProgramLogin } from '../../app/stores/mp-login.js';
import { qrError, resolveQr } from '../../app/stores/qr-codes.js';
import { MAX_QUESTION_CHARS, recordVisit, visitRecord } from '../../app/stores/record-visit.js';
import { storeLeaderboard } from '../../app/stores/store-leaderboard.js';
import { publicWords } from '../../domain/stores/compliance.js';
import { shanghaiDayStart } from '../../shared/shanghai-time.js';
import { AppError, badRequest } from '../../shared/errors.js';
import type { MpConfigResponse, MyVisitsResponse, StoreCard, VisitRequest } from '../../shared/mp-api.js';
import { findSession } from '../../store/repos/mp-sessions-repo.js';
import { countVisits, listVisitsBy } from '../../store/repos/stores-repo.js';
import { readJsonBody } from '../read-body.js';

/** Audio (≤ 2 MB) arrives base64-encoded inside the JSON body. */
const MAX_BODY = 3 * 1024 * 1024;

interface Caller {
  tenantId: string;
  userId: string;
}

const unauthorized = (code: string, message: string) => new AppError(code, message, { status: 401 });

function sessionAuth(deps: Pick<AppDeps, 'db' | 'clock'>) {
  return async (ctx: Context, next: Next) => {
    const header = ctx.get('authorization');
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw unauthorized('session_missing', '请先登录');
    const session = await findSession(deps.db, token);
    if (!session) throw unauthorized('session_invalid', '登录已失效,请重新登录');
    if (session.expiresAt <= deps.clock.now()) throw unauthorized('session_expired', '登录已过期,请重新登录');
    ctx.state.caller = { tenantId: session.tenantId, userId: session.userId } satisfies Caller;
    await next();
  };
}

const str = (v: unknown, field: string, opts: { optional?: boolean; max?: number } = {}): string | undefined => {
  if (v === undefined || v === null) {
    if (opts.optional) return undefined;
    throw badRequest('bad_request', `${field} is required`);
  }
  if (typeof v !== 'string' || v.length > (opts.max ?? 2000)) throw badRequest('bad_request', `${field} must be a string of at most ${opts.max ?? 2000} characters`);
  return v;
};

export function visitRequest(body: Record<string, unknown>): VisitRequest {
  const audio = body.audio as { base64?: unknown; format?: unknown } | undefined;
  if (audio !== undefined && (typeof audio !== 'object' || audio === null || typeof audio.base64 !== 'string' || typeof audio.format !== 'string')) {
    throw badRequest('bad_request', 'audio must be {"base64","format"}');
  }
  return {
    qr: str(body.qr, 'qr', { max: 512 })!,
    question: str(body.question, 'question', { optional: true, max: MAX_QUESTION_CHARS * 2 }) ?? '',
    customerName: str(body.customerName, 'customerName', { optional: true, max: 64 }),
    customerPhone: str(body.customerPhone, 'customerPhone', { optional: true, max: 32 }),
    complianceNote: str(body.complianceNote, 'complianceNote', { optional: true, max: 1000 }),
    audio: audio ? { base64: audio.base64 as string, format: audio.format as NonNullable<VisitRequest['audio']>['format'] } : undefined,
  };
}

export function createMpRouter(deps: AppDeps): Router {
  const router = new Router({ prefix: '/mp' });

  router.post('/login', async (ctx) => {
    const body = await readJsonBody(ctx, 16 * 1024);
    const code = str(body.code, 'code', { max: 256 })!;
    ctx.body = await miniProgramLogin(deps, code);
  });

  router.use(sessionAuth(deps));

  router.get('/config', (ctx) => {
    ctx.body = { sensitiveWords: publicWords(deps.storeRules.compliance), maxQuestionChars: MAX_QUESTION_CHARS } satisfies MpConfigResponse;
  });

  router.post('/scan', async (ctx) => {
    const caller = ctx.state.caller as Caller;
    const body = await readJsonBody(ctx, 16 * 1024);
    const found = await resolveQr(deps.db, caller.tenantId, str(body.qr, 'qr', { max: 512 })!);
    if ('problem' in found) throw qrError(found.problem);
    const today = shanghaiDayStart(deps.clock.now());
    ctx.body = {
      store: { key: found.store.key, name: found.store.name, city: found.store.city },
      purpose: found.code.purpose,
      campaign: found.code.campaign,
      todayVisits: await countVisits(deps.db, caller.tenantId, today, { storeKey: found.store.key }),
      myTodayVisits: await countVisits(deps.db, caller.tenantId, today, { userId: caller.userId }),
    } satisfies StoreCard;
  });

  router.post('/visits', async (ctx) => {
    const body = await readJsonBody(ctx, MAX_BODY);
    ctx.body = await recordVisit(deps, ctx.state.caller as Caller, visitRequest(body));
  });

  router.get('/visits', async (ctx) => {
    const caller = ctx.state.caller as Caller;
    ctx.body = { visits: (await listVisitsBy(deps.db, caller.tenantId, caller.userId)).map(visitRecord) } satisfies MyVisitsResponse;
  });

  router.get('/leaderboard', async (ctx) => {
    const scope = ctx.query.scope ?? 'store';
    const period = ctx.query.period ?? 'week';
    if (scope !== 'store' && scope !== 'team') throw badRequest('bad_request', 'scope must be store or team');
    if (period !== 'day' && period !== 'week' && period !== 'month') throw badRequest('bad_request', 'period must be day, week or month');
    ctx.body = await storeLeaderboard(deps, ctx.state.caller as Caller, scope, period);
  });

  return router;
}
