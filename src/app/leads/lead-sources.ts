// Lead sources for web forms (issue 15): each has its own hook URL token and signing secret, made here
// and shown once; the form's server signs every post with the secret (see lead-hooks.ts for the scheme).
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../store/database.js';
import { insertLeadSource, type LeadSource } from '../../store/repos/leads-repo.js';

export interface CreatedLeadSource {
  id: string;
  name: string;
  teamKey: string;
  token: string;
  /** Shown once, at creation; listings mask it. */
  secret: string;
  url: string;
}

export type CreateSourceResult = { kind: 'created'; source: CreatedLeadSource } | { kind: 'unknown_team' } | { kind: 'invalid'; field: 'name' | 'teamKey' };

export async function createLeadSource(
  tx: Queryable, deps: { publicBaseUrl: string }, tenantId: string, input: { name: unknown; teamKey: unknown },
): Promise<CreateSourceResult> {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  const teamKey = typeof input.teamKey === 'string' ? input.teamKey.trim() : '';
  if (!name || [...name].length > 40) return { kind: 'invalid', field: 'name' };
  if (!teamKey || teamKey.length > 64) return { kind: 'invalid', field: 'teamKey' };
  const team = await tx.query('select 1 from teams where tenant_id = $1 and key = $2', [tenantId, teamKey]);
  if (team.length === 0) return { kind: 'unknown_team' };
  // 144 bits for the URL token (it only names the source), 256 for the HMAC key.
  const s = await insertLeadSource(tx, { tenantId, name, teamKey, token: randomBytes(18).toString('base64url'), secret: randomBytes(32).toString('base64url') });
  return { kind: 'created', source: { id: s.id, name: s.name, teamKey: s.teamKey, token: s.token, secret: s.secret, url: hookUrl(deps.publicBaseUrl, s.token) } };
}

export const hookUrl = (base: string, token: string) => `${base.replace(/\/+$/, '')}/hooks/leads/${token}`;

export function sourceView(s: LeadSource, publicBaseUrl: string) {
  return {
    id: s.id, name: s.name, teamKey: s.teamKey, token: s.token, url: hookUrl(publicBaseUrl, s.token),
    secret: `${s.secret.slice(0, 4)}…`, createdAt: s.createdAt.toISOString(), revokedAt: s.revokedAt?.toISOString() ?? null,
  };
}
