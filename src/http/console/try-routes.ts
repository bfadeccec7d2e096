// 试一试 (admin, only when the simulator started the server): GET /try/state?after=SEQ → TryItState;
// POST /try/say {userId, text}, /try/voice {userId, audio: base64, transcript}, /try/tap {userId, seq, button},
// /try/clock {hours}, /try/job {name} → 202 once the platform has the message (the bot answers
// asynchronously, as it does in chat; the page polls /try/state).
import type Router from '@koa/router';
import type { Context } from 'koa';
import { slideSession } from '../../app/console/sessions.js';
import { requireRole } from '../../app/console/viewer.js';
import type { TryItBackend } from '../../app/try-it/try-it-port.js';
import { badRequest } from '../../shared/errors.js';
import { readJsonBody } from '../read-body.js';
import { viewerIn, type ConsoleDeps } from './console-deps.js';
import { sessionToken } from './session-cookie.js';

/** A voice note of the platform's 60 s cap is ~100 KB as AMR and ~2 MB as 16 kHz WAV; base64 adds a third. */
const MAX_VOICE_BODY = 4 * 1024 * 1024;
const MAX_BODY = 16 * 1024;
const MAX_TEXT = 2000;

const field = (body: Record<string, unknown>, name: string, max = MAX_TEXT): string => {
  const v = body[name];
  if (typeof v !== 'string' || !v.trim()) throw badRequest('invalid_request', `"${name}" is required`);
  if (v.length > max) throw badRequest('invalid_request', `"${name}" is too long`);
  return v.trim();
};

export function mountTryRoutes(router: Router, deps: ConsoleDeps): void {
  const tryIt = deps.tryIt;
  if (!tryIt) return;
  const admin = (ctx: Context): TryItBackend => {
    requireRole(viewerIn(ctx), 'admin');
    return tryIt;
  };

  router.get('/try/state', async (ctx) => {
    const backend = admin(ctx);
    const after = Number(ctx.query.after ?? 0);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await backend.state(Number.isSafeInteger(after) && after > 0 ? after : 0);
  });
  router.post('/try/say', async (ctx) => {
    const backend = admin(ctx);
    const body = await readJsonBody(ctx, MAX_BODY);
    await backend.say(field(body, 'userId', 64), field(body, 'text'));
    ctx.status = 202;
    ctx.body = { ok: true };
  });
  router.post('/try/voice', async (ctx) => {
    const backend = admin(ctx);
    const body = await readJsonBody(ctx, MAX_VOICE_BODY);
    const bytes = Buffer.from(field(body, 'audio', MAX_VOICE_BODY), 'base64');
    if (bytes.length === 0) throw badRequest('invalid_request', '"audio" must be base64');
    await backend.voice(field(body, 'userId', 64), { bytes, transcript: field(body, 'transcript') });
    ctx.status = 202;
    ctx.body = { ok: true };
  });
  router.post('/try/tap', async (ctx) => {
    const backend = admin(ctx);
    const body = await readJsonBody(ctx, MAX_BODY);
    const seq = Number(body.seq);
    if (!Number.isSafeInteger(seq) || seq <= 0) throw badRequest('invalid_request', '"seq" must name a card');
    await backend.tap(field(body, 'userId', 64), seq, field(body, 'button', 64));
    ctx.status = 202;
    ctx.body = { ok: true };
  });
  router.post('/try/clock', async (ctx) => {
    const backend = admin(ctx);
    const hours = Number((await readJsonBody(ctx, MAX_BODY)).hours);
    // Forward only: pg-boss and the outbox schedule against the clock, and time never runs back in chat.
    if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 60) throw badRequest('invalid_request', '"hours" must be between 0 and 1440');
    await backend.advanceClock(hours * 3_600_000);
    // Sessions expire by the same clock: keep the page that moved it signed in.
    await slideSession(deps.app.db, sessionToken(ctx)!, deps.app.clock.now());
    ctx.body = { ok: true };
  });
  router.post('/try/job', async (ctx) => {
    const backend = admin(ctx);
    await backend.runJob(field(await readJsonBody(ctx, MAX_BODY), 'name', 64));
    ctx.status = 202;
    ctx.body = { ok: true };
  });
}
