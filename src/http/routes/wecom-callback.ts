// WeCom self-built app callback (WC/90930): GET verifies the URL, POST accepts a message.
// POST: verify → decrypt → decode → persist to the inbox → empty 200. Nothing else happens before the
// ack, so WeCom's 5 s deadline is never at risk; once persisted, the answer is always 200.
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { AcceptResult } from '../../app/inbound/accept-inbound.js';
import type { InboundEvent } from '../../channels/inbound-event.js';
import { decodeMessage, openCallback, verifyUrl } from '../../channels/wecom/codec.js';
import type { WecomCrypto } from '../../channels/wecom/crypto.js';
import type { Clock } from '../../shared/clock.js';
import { badRequest } from '../../shared/errors.js';
import { readTextBody } from '../read-body.js';

export interface WecomCallbackDeps {
  crypto: WecomCrypto;
  clock: Clock;
  maxSkewSeconds: number;
  maxBodyBytes: number;
  accept(event: InboundEvent): Promise<AcceptResult>;
}

/** Base64 never contains spaces: a '+' that arrived unencoded was turned into one by query parsing. */
const b64 = (v: string) => v.replace(/ /g, '+');

function param(ctx: Context, name: string): string {
  const v = ctx.query[name];
  const s = Array.isArray(v) ? v[0] : v;
  if (!s) throw badRequest('missing_parameter', `query parameter ${name} is required`);
  return s;
}

export function mountWecomCallback(router: Router, deps: WecomCallbackDeps): void {
  const freshness = () => ({ now: deps.clock.now(), maxSkewSeconds: deps.maxSkewSeconds });

  router.get('/wecom/callback', (ctx) => {
    const plain = verifyUrl(
      deps.crypto,
      { msgSignature: param(ctx, 'msg_signature'), timestamp: param(ctx, 'timestamp'), nonce: param(ctx, 'nonce'), echostr: b64(param(ctx, 'echostr')) },
      freshness(),
    );
    // The body must be the plaintext only: no quotes, BOM or newline (WC/90930).
    ctx.type = 'text/plain';
    ctx.body = plain;
  });

  router.post('/wecom/callback', async (ctx) => {
    const query = { msgSignature: param(ctx, 'msg_signature'), timestamp: param(ctx, 'timestamp'), nonce: param(ctx, 'nonce') };
    const body = await readTextBody(ctx, deps.maxBodyBytes);
    const xml = openCallback(deps.crypto, { ...query, body }, freshness());
    const event = decodeMessage(xml);
    const result = await deps.accept(event);
    ctx.state.log.debug({ result: result.status }, 'wecom callback acked');
    ctx.status = 200;
    ctx.body = '';
  });
}
