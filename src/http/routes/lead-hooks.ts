// POST /hooks/leads/:token — a website form's lead, signed by the form's server (no bearer token: the
// token names the source, the signature proves the sender). Headers: X-Zhanbao-Timestamp (Unix seconds)
// and X-Zhanbao-Signature ("sha256=" + hex HMAC-SHA256 with the source's secret over timestamp + "\n" +
// the exact body bytes). Outside ±5 minutes or with a wrong signature: 401 and nothing stored; the same
// signature twice: 409 replayed (the first one was stored). Body: {"name","contact","phone","note","source"?}.
import type Router from '@koa/router';
import getRawBody from 'raw-body';
import type { AppDeps } from '../../app/app-deps.js';
import { intakeLeads } from '../../app/leads/intake-leads.js';
import { readLead } from '../../domain/leads/lead-input.js';
import { REPLAY_WINDOW_MS, verifyLeadHook } from '../../domain/leads/webhook-signature.js';
import { AppError, badRequest, notFound, unauthorized } from '../../shared/errors.js';
import { sanitizeDeep } from '../../shared/sanitize-text.js';
import { findLeadSourceByToken, recordHookSignature } from '../../store/repos/leads-repo.js';

const MAX_BODY = 16 * 1024;

type Deps = Pick<AppDeps, 'db' | 'nlp' | 'stages' | 'scoring' | 'queue' | 'clock' | 'pushRules'>;

export function mountLeadHooks(router: Router, deps: Deps): void {
  router.post('/hooks/leads/:token', async (ctx) => {
    const source = await findLeadSourceByToken(deps.db, ctx.params.token!);
    if (!source) throw notFound('unknown_source', 'no such lead source');
    const body = await getRawBody(ctx.req, { limit: MAX_BODY, length: ctx.get('content-length') || undefined });
    const now = deps.clock.now();
    const signature = ctx.get('x-zhanbao-signature') || undefined;
    const check = verifyLeadHook({ secret: source.secret, timestamp: ctx.get('x-zhanbao-timestamp') || undefined, signature, body }, now);
    if (!check.ok) {
      ctx.state.log.warn({ source: source.id, reason: check.reason }, 'lead hook refused');
      throw unauthorized(check.reason === 'stale' ? 'stale_timestamp' : 'bad_signature',
        check.reason === 'stale' ? 'X-Zhanbao-Timestamp is outside the 5-minute window' : 'missing or wrong X-Zhanbao-Signature');
    }
    let raw: unknown;
    try {
      raw = sanitizeDeep(JSON.parse(body.toString('utf8')));
    } catch {
      throw badRequest('invalid_json', 'body must be a JSON object');
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest('invalid_json', 'body must be a JSON object');
    const o = raw as Record<string, unknown>;
    const read = readLead({ name: o.name, contact: o.contact, phone: o.phone, note: o.note, source: o.source ?? source.name, teamKey: source.teamKey });
    if ('problems' in read) throw badRequest('invalid_lead', 'the lead is invalid; nothing was stored', { problems: read.problems });
    await deps.db.transaction(async (tx) => {
      const fresh = await recordHookSignature(tx, source.tenantId, signature!.trim().replace(/^sha256=/i, '').toLowerCase(), now, new Date(now.getTime() - 2 * REPLAY_WINDOW_MS));
      if (!fresh) throw new AppError('replayed', 'this signature was used already', { status: 409 });
      const r = await intakeLeads(tx, deps, source.tenantId, [{ ref: 0, lead: read.lead }], { via: 'webhook', sourceId: source.id, notify: 'each' });
      // Thrown inside, so the signature is not spent on a lead that was not stored.
      if (!r.ok) throw new AppError('lead_rejected', 'the lead cannot be assigned (check the source team); nothing was stored', { status: 422, details: { problems: r.problems } });
    });
    ctx.status = 201;
    ctx.body = { ok: true };
  });
}
