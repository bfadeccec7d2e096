// Commitment hand-off (承诺穿透, issue 15 item 7), right after a report is confirmed and in its transaction:
// a commitment of a kind in config/handoffs.jsonc (POC, 样品, 方案 …) goes on to the team's handler for the
// kind's role. The fields the report gives are filled; the missing ones are asked from the rep first, one
// question at a time (answer-handoff.ts); then the handler gets the task (deliver-handoff.ts).
import { extractFields } from '../../domain/handoffs/extract-fields.js';
import { recognizeKind } from '../../domain/handoffs/recognize-kind.js';
import type { Queryable } from '../../store/database.js';
import { setPending } from '../../store/repos/chat-context-repo.js';
import { commitmentOfReport, expireCollectingOf, handlerFor, insertHandoff } from '../../store/repos/handoffs-repo.js';
import { getNote } from '../../store/repos/report-notes-repo.js';
import { findUser } from '../../store/repos/users-repo.js';
import type { AppDeps } from '../app-deps.js';
import { toUser, type Reply } from '../outbound/reply.js';
import type { ConfirmedFacts } from '../reports/after-confirm.js';
import { deliverHandoff, noHandlerNotices } from './deliver-handoff.js';
import { handoffRulesOf } from './handoff-rules-of.js';
import { handoffTexts as t } from './handoff-texts.js';

export async function handOffCommitments(tx: Queryable, deps: AppDeps, facts: ConfirmedFacts): Promise<Reply[]> {
  const { draft, reportId } = facts;
  const { nextAction, nextActionDue } = draft.report;
  if (!nextAction || !nextActionDue) return [];
  const rules = handoffRulesOf(deps);
  const kind = recognizeKind(nextAction, rules);
  if (!kind) return [];
  const { tenantId, userId: repUserId } = draft;
  const commitment = await commitmentOfReport(tx, tenantId, reportId);
  // Handlers are set per team: a rep in no team keeps the promise, as before hand-offs existed.
  const teamKey = (await findUser(tx, tenantId, repUserId))?.teamKey ?? null;
  if (!commitment || !teamKey) return [];
  const handler = await handlerFor(tx, tenantId, teamKey, kind.role);
  if (handler?.userId === repUserId) return []; // the rep keeps this role in the team: nothing to hand on
  const row = { tenantId, commitmentId: commitment.id, kind: kind.id, role: kind.role, teamKey, repUserId, handlerUserId: handler?.userId ?? null };
  if (!handler) {
    if (!(await insertHandoff(tx, { ...row, fields: {}, status: 'no_handler' }))) return [];
    return noHandlerNotices(tx, rules, { tenantId, repUserId, teamKey, kind, commitment });
  }

  const note = await getNote(tx, draft.noteId);
  const { values, missing } = extractFields(
    { text: note?.transcript ?? `${draft.report.progress},${nextAction}`, commitment: nextAction, due: nextActionDue, contact: draft.report.contact },
    kind, rules, (text) => deps.commitmentRules.readNewDueDate(text, draft.recordedAt),
  );
  const handoffId = await insertHandoff(tx, { ...row, fields: values, status: 'collecting' });
  if (!handoffId) return [];
  const delivery = { tenantId, handoffId, repUserId, kind, commitment, fields: values, at: deps.clock.now() };
  if (missing.length === 0) return deliverHandoff(tx, rules, delivery, handler);

  // One question at a time: an earlier hand-off still asking is given up for this one.
  await expireCollectingOf(tx, tenantId, repUserId, handoffId);
  const first = rules.fields.get(missing[0]!)!;
  await setPending(tx, tenantId, repUserId, { kind: 'handoff_field', handoffId, field: first.id, askedAt: deps.clock.now().toISOString() });
  const labels = missing.map((id) => rules.fields.get(id)!.label);
  const text = t.firstQuestion(commitment.description, rules.roles.get(kind.role)!, handler.name ?? handler.userId, labels, first.label, first.question);
  return [toUser(repUserId, { kind: 'text', text })];
}
