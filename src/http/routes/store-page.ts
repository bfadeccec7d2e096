// GET /s/:token — what a phone camera opens when it scans a store's QR code outside the mini-program: a
// small page naming the store and explaining how to record the visit in the mini-program; an invalid or
// revoked code gets a friendly 404 page instead of a stack of JSON. Inside WeCom it is the H5 visit form.
import type Router from '@koa/router';
import type { Database } from '../../store/database.js';
import { resolveQr } from '../../app/stores/qr-codes.js';
import { mountStoreVisitH5, showVisitH5, wantsVisitH5, type StoreVisitH5Deps } from './store-visit-h5.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title>
<style>body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:32px 20px;color:#1f2329;background:#f5f6f7}
.card{max-width:420px;margin:0 auto;background:#fff;border-radius:12px;padding:28px 22px;box-shadow:0 2px 8px rgba(0,0,0,.06)}
h1{font-size:22px;margin:0 0 12px}p{line-height:1.7;margin:8px 0;color:#4e5969}ol{padding-left:20px;line-height:1.9;color:#4e5969}</style>
</head><body><div class="card">${body}</div></body></html>`;
}

export function mountStorePage(router: Router, deps: { db: Database; h5?: StoreVisitH5Deps }): void {
  // Inside WeCom the page is a visit form instead (store-visit-h5.ts).
  if (deps.h5) mountStoreVisitH5(router, deps.h5);
  router.get('/s/:token', async (ctx) => {
    const found = await resolveQr(deps.db, null, ctx.params.token!);
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('cache-control', 'no-store');
    // The page has inline styles and nothing else: no scripts, frames, forms or outside resources.
    ctx.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    ctx.set('x-content-type-options', 'nosniff');
    if ('problem' in found) {
      ctx.status = 404;
      ctx.body = page('二维码已失效', `<h1>这个二维码用不了了</h1><p>它可能已经停用,或者印错了。请找店长要一张新的门店二维码。</p>`);
      return;
    }
    if (deps.h5 && wantsVisitH5(deps.h5, ctx.get('user-agent'))) return showVisitH5(ctx, deps.h5, ctx.params.token!);
    const campaign = found.code.campaign ? `<p>活动:${escape(found.code.campaign)}</p>` : '';
    ctx.body = page(found.store.name, `<h1>${escape(found.store.name)}</h1>${campaign}
<p>这是门店的拜访登记码,请用企业微信里的小程序扫码:</p>
<ol><li>打开企业微信,进入「工作台」里的「门店助手」小程序</li><li>点「扫码登记」,对准这个二维码</li><li>写下或说出顾客的问题,提交后会给出三条建议</li></ol>
<p>用手机相机或微信扫到这里是正常的,换企业微信小程序扫一次即可。</p>`);
  });
}
