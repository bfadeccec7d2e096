// The ceiling for the callback bench, run as its own process like the real server: Koa that reads the
// body, verifies and decrypts the WeCom callback and answers an empty 200. Listens on argv[2]; prints
// "ready" on stdout.
import Koa from 'koa';
import getRawBody from 'raw-body';
import { openCallback } from '../../src/channels/wecom/codec.js';
import { simCrypto } from './wecom-callbacks.js';

const app = new Koa();
app.use(async (ctx) => {
  const body = await getRawBody(ctx.req, { limit: 64 * 1024, encoding: 'utf8' });
  const q = ctx.query as Record<string, string>;
  openCallback(simCrypto, { msgSignature: q.msg_signature!, timestamp: q.timestamp!, nonce: q.nonce!, body }, { now: new Date(), maxSkewSeconds: 600 });
  ctx.status = 200;
  ctx.body = '';
});
app.listen(Number(process.argv[2]), '127.0.0.1', () => console.log('ready'));
