// Admin API for leads (issue 15): POST /api/leads (one object or a list), POST /api/leads/import (a CSV or
// XLSX file as the body), and the web-form sources: POST /api/lead-sources {"name","teamKey"} →
// {token, secret, url} (the secret is shown this once), GET /api/lead-sources, DELETE /api/lead-sources/:id.
import type Router from '@koa/router';
import getRawBody from 'raw-body';
import type { AppDeps } from '../../app/app-deps.js';
import { importLeads } from '../../app/leads/import-leads.js';
import { intakeLeads, type IntakeItem, type IntakeOutcome } from '../../app/leads/intake-leads.js';
import { createLeadSource, sourceView } from '../../app/leads/lead-sources.js';
import { fileKindOf, XLSX_TYPE } from '../../app/leads/read-lead-file.js';
import { readLead } from '../../domain/leads/lead-input.js';
import { AppError, badRequest, notFound } from '../../shared/errors.js';
import { sanitizeDeep } from '../../shared/sanitize-text.js';
import { listLeadSources, revokeLeadSource } from '../../store/repos/leads-repo.js';
import { readJsonBody, readTextBody } from '../read-body.js';

const MAX_JSON = 512 * 1024;
const MAX_FILE = 10 * 1024 * 1024;
const MAX_LEADS_PER_POST = 500;

type Deps = Pick<AppDeps, 'db' | 'nlp' | 'stages' | 'scoring' | 'queue' | 'clock' | 'pushRules' | 'config'> & { tenantId: string };

const query = (v: string | string[] | undefined) => {
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : null;
};

export const outcomeView = (o: IntakeOutcome) => ({
  customerId: o.customerId, name: o.name, ownerUserId: o.ownerUserId, status: o.status, assignedBy: o.assignedBy,
});

export function mountLeadsApi(router: Router, deps: Deps): void {
  const { db, tenantId } = deps;

  router.post('/api/leads', async (ctx) => {
    let body: unknown;
    try {
      body = sanitizeDeep(JSON.parse(await readTextBody(ctx, MAX_JSON)));
    } catch (e) {
      if (e instanceof SyntaxError) throw badRequest('invalid_json', 'request body must be JSON: a lead object or a list of them');
      throw e;
    }
    const list = Array.isArray(body) ? body : [body];
    if (list.length === 0 || list.length > MAX_LEADS_PER_POST) throw badRequest('invalid_leads', `send 1 to ${MAX_LEADS_PER_POST} leads`);
    const teamKey = query(ctx.query.teamKey);
    const items: IntakeItem[] = [];
    const problems: { index: number; field: string; problem: string }[] = [];
    list.forEach((raw, index) => {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return problems.push({ index, field: 'lead', problem: 'invalid' });
      const o = raw as Record<string, unknown>;
      const read = readLead({ name: o.name, contact: o.contact, phone: o.phone, source: o.source, note: o.note, owner: o.ownerUserId, teamKey: o.teamKey ?? teamKey });
      if ('problems' in read) problems.push(...read.problems.map((p) => ({ index, field: p.field === 'owner' ? 'ownerUserId' : p.field, problem: p.problem })));
      else items.push({ ref: index, lead: read.lead });
    });
    if (problems.length) throw badRequest('invalid_leads', 'some leads are invalid; nothing was stored', { problems });
    const r = await db.transaction((tx) => intakeLeads(tx, deps, tenantId, items, { via: 'api', notify: 'each' }));
    if (!r.ok) {
      throw new AppError('leads_rejected', 'some leads cannot be assigned; nothing was stored', {
        status: 422, details: { problems: r.problems.map((p) => ({ index: p.ref, field: p.field === 'owner' ? 'ownerUserId' : p.field, problem: p.problem })) },
      });
    }
    ctx.status = r.outcomes.some((o) => o.status === 'created') ? 201 : 200;
    ctx.body = { items: r.outcomes.map((o) => ({ index: o.ref, ...outcomeView(o) })) };
  });

  router.post('/api/leads/import', async (ctx) => {
    const kind = fileKindOf(ctx.get('content-type'));
    if (!kind) throw new AppError('unsupported_type', `send the file as text/csv or ${XLSX_TYPE}`, { status: 415 });
    const bytes = await getRawBody(ctx.req, { limit: MAX_FILE, length: ctx.get('content-length') || undefined });
    const r = await importLeads(deps, tenantId, { kind, bytes }, { teamKey: query(ctx.query.teamKey), source: query(ctx.query.source) });
    switch (r.kind) {
      case 'unreadable': throw badRequest('unreadable_file', `the file is not a readable ${kind.toUpperCase()} file`);
      case 'empty': throw badRequest('empty_file', 'the file has no rows below its header');
      case 'no_name_column': throw badRequest('no_name_column', 'the header row needs a customer column (客户 or name)');
      case 'too_many_rows': throw badRequest('too_many_rows', `at most 5000 rows per file, got ${r.rows}`);
      case 'bad_rows':
        throw new AppError('bad_rows', `${r.problems.length} problem(s) in the file; nothing was imported`, { status: 422, details: { rows: r.rows, problems: r.problems } });
      case 'imported':
        ctx.status = 201;
        ctx.body = { created: r.created, existing: r.existing, items: r.outcomes.map((o) => ({ line: o.ref, ...outcomeView(o) })) };
    }
  });

  router.post('/api/lead-sources', async (ctx) => {
    const body = await readJsonBody(ctx, 4096);
    const r = await db.transaction((tx) => createLeadSource(tx, deps.config, tenantId, { name: body.name, teamKey: body.teamKey }));
    if (r.kind === 'invalid') throw badRequest(`invalid_${r.field}`, r.field === 'name' ? 'name is required (at most 40 characters)' : 'teamKey is required');
    if (r.kind === 'unknown_team') throw badRequest('unknown_team', `no team ${String(body.teamKey)}`);
    ctx.status = 201;
    ctx.body = r.source;
  });

  router.get('/api/lead-sources', async (ctx) => {
    ctx.body = { items: (await listLeadSources(db, tenantId)).map((s) => sourceView(s, deps.config.publicBaseUrl)) };
  });

  router.delete('/api/lead-sources/:id', async (ctx) => {
    if (!(await revokeLeadSource(db, tenantId, ctx.params.id!, deps.clock.now()))) throw notFound('lead_source_not_found', `no live lead source ${ctx.params.id}`);
    ctx.body = { revoked: true };
  });
}
