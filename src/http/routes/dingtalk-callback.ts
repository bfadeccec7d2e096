// DingTalk enterprise robot, HTTP mode (platforms.md §3.1): signature headers → JSON body → inbox →
// 200 at once. The reply goes later through the outbox (sessionWebhook or OpenAPI), never in this
// response, so DingTalk's callback deadline is never at risk.
import type Router from '@koa/router';
import type { ReceiveOutcome } from '../../channels/dingtalk/receive.js';
import { badRequest } from '../../shared/errors.js';
import { readTextBody } from '../read-body.js';

export interface DingtalkCallbackDeps {
  maxBodyBytes: number;
  receive(body: unknown, signed: { timestamp: string | undefined; sign: string | undefined }): Promise<ReceiveOutcome>;
}

export function mountDingtalkCallback(router: Router, deps: DingtalkCallbackDeps): void {
  router.post('/dingtalk/callback', async (ctx) => {
    const text = await readTextBody(ctx, deps.maxBodyBytes);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw badRequest('invalid_json', 'request body must be JSON');
    }
    const result = await deps.receive(body, { timestamp: ctx.get('timestamp') || undefined, sign: ctx.get('sign') || undefined });
    ctx.state.log.debug({ result: result.status }, 'dingtalk callback acked');
    ctx.status = 200;
    ctx.body = '';
  });
}
