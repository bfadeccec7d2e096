// Lead intake (issue 15), shared by POST /api/leads, imports and web forms: every lead is checked first
// (owner or team known, team has members) and then all are stored in the caller's transaction — a lead
// becomes a customer in the lead stage with its source and first inquiry, owned by the given person or
// the team's next member in turn; a lead for a customer we already have (same name or alias) creates
// nothing new: it is recorded against that customer, whose owner is told. Owners hear through the outbox.
import type { LeadField, LeadInput } from '../../domain/leads/lead-input.js';
import { nextInTurn } from '../../domain/leads/round-robin.js';
import type { Queryable } from '../../store/database.js';
import { findCustomerByKey, findOrCreateCustomer } from '../../store/repos/customers-repo.js';
import {
  advanceCursor, fillCustomerSource, insertLead, lockCursor, markCustomerAsLead, roundRobinMembers, type NewLead,
} from '../../store/repos/leads-repo.js';
import { findUser, personIdsFor, usersNamed } from '../../store/repos/users-repo.js';
import type { AppDeps } from '../app-deps.js';
import { enqueueReplies, toUser, type Reply } from '../outbound/reply.js';
import { rescoreCustomers } from '../scoring/rescore.js';
import { leadTexts } from './lead-texts.js';

export type LeadVia = NewLead['via'];

export interface IntakeItem {
  /** What the caller calls this lead in problems and outcomes: a list index, or an import's line. */
  ref: number;
  lead: LeadInput;
}

export interface IntakeProblem {
  ref: number;
  field: LeadField;
  problem: string;
}

export interface IntakeOutcome {
  ref: number;
  leadId: string;
  customerId: string;
  name: string;
  ownerUserId: string;
  /** created: a new customer in the lead stage; existing: a customer we had (nothing new created). */
  status: 'created' | 'existing';
  assignedBy: NewLead['assignedBy'];
}

export type IntakeResult = { ok: true; outcomes: IntakeOutcome[] } | { ok: false; problems: IntakeProblem[] };

type IntakeDeps = Pick<AppDeps, 'nlp' | 'stages' | 'scoring' | 'queue' | 'clock' | 'pushRules'>;

export async function intakeLeads(
  tx: Queryable, deps: IntakeDeps, tenantId: string, items: readonly IntakeItem[],
  opts: { via: LeadVia; sourceId?: string | null; notify: 'each' | 'grouped' },
): Promise<IntakeResult> {
  const owners = await resolveOwners(tx, tenantId, items);
  const teams = await resolveTeams(tx, tenantId, items.filter((i) => i.lead.ownerRef === null));
  const problems = [...owners.problems, ...teams.problems].sort((a, b) => a.ref - b.ref);
  if (problems.length) return { ok: false, problems };

  const at = deps.clock.now();
  const outcomes: IntakeOutcome[] = [];
  const notices: { owner: string; key: string; outcome: IntakeOutcome; lead: LeadInput }[] = [];
  for (const item of items) {
    const { lead } = item;
    const outcome = await intakeOne(tx, deps, tenantId, item, owners.ids.get(item.lead.ownerRef ?? '') ?? null, teams.members, { ...opts, at });
    outcomes.push(outcome);
    notices.push({ owner: outcome.ownerUserId, key: `lead:${outcome.leadId}`, outcome, lead });
  }
  const created = outcomes.filter((o) => o.status === 'created').map((o) => o.customerId);
  await rescoreCustomers(tx, deps, tenantId, created, at);
  await enqueueReplies(
    tx, deps.queue,
    { tenantId, channel: 'wecom', idempotencyPrefix: `lead:${outcomes[0]?.leadId ?? 'none'}`, now: at, pushes: { senderIds: [], notBefore: deps.pushRules.calendar.deliverAt(at) } },
    opts.notify === 'each' ? notices.map(noticeOf(deps)) : groupedNotices(deps, notices),
  );
  return { ok: true, outcomes };
}

async function intakeOne(
  tx: Queryable, deps: IntakeDeps, tenantId: string, item: IntakeItem, givenOwner: string | null,
  members: ReadonlyMap<string, string[]>, opts: { via: LeadVia; sourceId?: string | null; at: Date },
): Promise<IntakeOutcome> {
  const { lead } = item;
  const nameKey = deps.nlp.customerKey(lead.name);
  const record = async (customerId: string, name: string, ownerUserId: string, assignedBy: NewLead['assignedBy'], duplicate: boolean) => {
    const leadId = await insertLead(tx, {
      tenantId, customerId, via: opts.via, source: lead.source, sourceId: opts.sourceId ?? null, contact: lead.contact, phone: lead.phone,
      note: lead.note, ownerUserId, assignedBy, duplicate, receivedAt: opts.at,
    });
    return { ref: item.ref, leadId, customerId, name, ownerUserId, status: duplicate ? 'existing' : 'created', assignedBy } as const;
  };
  const known = await findCustomerByKey(tx, tenantId, nameKey);
  if (known) {
    // One customer, one owner (product.md "Ownership"): the lead is recorded on it and its owner is told.
    await fillCustomerSource(tx, tenantId, known.id, lead.source);
    return record(known.id, known.name, known.ownerUserId, 'existing', true);
  }
  const teamKey = givenOwner === null ? lead.teamKey! : null;
  // The cursor row lock serialises concurrent intakes for the team until this transaction commits.
  const owner = givenOwner ?? nextInTurn(members.get(teamKey!)!, await lockCursor(tx, tenantId, teamKey!))!;
  const { customer, created } = await findOrCreateCustomer(tx, { tenantId, name: lead.name, nameKey, ownerUserId: owner, at: opts.at });
  if (!created) {
    await fillCustomerSource(tx, tenantId, customer.id, lead.source);
    return record(customer.id, customer.name, customer.ownerUserId, 'existing', true);
  }
  if (teamKey !== null) await advanceCursor(tx, tenantId, teamKey, owner);
  await markCustomerAsLead(tx, { tenantId, customerId: customer.id, stage: deps.stages.lead, source: lead.source, via: opts.via, ownerUserId: owner, at: opts.at });
  return record(customer.id, customer.name, owner, givenOwner === null ? 'round_robin' : 'given', false);
}

const hoursOf = (deps: IntakeDeps) => Math.round((deps.pushRules.leadFirstContactMs / 3_600_000) * 10) / 10;

function noticeOf(deps: IntakeDeps) {
  return (n: { owner: string; key: string; outcome: IntakeOutcome; lead: LeadInput }): Reply => {
    const l = { ...n.lead, name: n.outcome.name };
    const text = n.outcome.status === 'created' ? leadTexts.newLead(l, hoursOf(deps)) : leadTexts.knownCustomer(l);
    return { ...toUser(n.owner, { kind: 'text', text }), key: n.key };
  };
}

function groupedNotices(deps: IntakeDeps, notices: readonly { owner: string; key: string; outcome: IntakeOutcome }[]): Reply[] {
  const byOwner = new Map<string, IntakeOutcome[]>();
  for (const n of notices) byOwner.set(n.owner, [...(byOwner.get(n.owner) ?? []), n.outcome]);
  return [...byOwner].map(([owner, outs]) => ({
    ...toUser(owner, {
      kind: 'text',
      text: leadTexts.imported(outs.filter((o) => o.status === 'created').map((o) => o.name), outs.filter((o) => o.status === 'existing').map((o) => o.name), hoursOf(deps)),
    }),
    key: `lead-import:${outs[0]!.leadId}:${owner}`,
  }));
}

/** Owner references → person ids: an id, "<channel>:<platform id>", or (imports) a unique display name. */
async function resolveOwners(tx: Queryable, tenantId: string, items: readonly IntakeItem[]) {
  const refs = [...new Set(items.map((i) => i.lead.ownerRef).filter((r): r is string => r !== null))];
  const ids = await personIdsFor(tx, tenantId, refs);
  const problems: IntakeProblem[] = [];
  const bad = new Map<string, string>();
  for (const ref of refs) {
    if (!ids.has(ref)) {
      const named = await usersNamed(tx, tenantId, ref);
      if (named.length === 1) ids.set(ref, named[0]!.id);
      else {
        bad.set(ref, named.length > 1 ? 'ambiguous' : 'unknown');
        continue;
      }
    }
    const user = await findUser(tx, tenantId, ids.get(ref)!);
    if (!user?.active) bad.set(ref, 'inactive');
  }
  for (const i of items) if (i.lead.ownerRef !== null && bad.has(i.lead.ownerRef)) problems.push({ ref: i.ref, field: 'owner', problem: bad.get(i.lead.ownerRef)! });
  return { ids, problems };
}

async function resolveTeams(tx: Queryable, tenantId: string, items: readonly IntakeItem[]) {
  const members = new Map<string, string[]>();
  const bad = new Map<string, string>();
  for (const key of new Set(items.map((i) => i.lead.teamKey!))) {
    const m = await roundRobinMembers(tx, tenantId, key);
    if (m === null) bad.set(key, 'unknown_team');
    else if (m.length === 0) bad.set(key, 'team_without_members');
    else members.set(key, m);
  }
  const problems: IntakeProblem[] = items.filter((i) => bad.has(i.lead.teamKey!)).map((i) => ({ ref: i.ref, field: 'teamKey' as const, problem: bad.get(i.lead.teamKey!)! }));
  return { members, problems };
}
