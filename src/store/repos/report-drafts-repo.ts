// Drafts of battle reports, waiting for the rep's follow-up answer or confirmation.
import type { ChannelId } from '../../channels/inbound-event.js';
import type { BattleReport } from '../../domain/reports/battle-report.js';
import type { Queryable } from '../database.js';

export type DraftStatus = 'awaiting_followup' | 'awaiting_confirm' | 'confirmed' | 'voided';

export interface ReportDraft {
  id: string;
  tenantId: string;
  channel: ChannelId;
  userId: string;
  noteId: string;
  report: BattleReport;
  extractor: string;
  status: DraftStatus;
  version: number;
  recordedAt: Date;
}

interface Raw {
  id: string; tenant_id: string; channel: ChannelId; user_id: string; note_id: string; report: BattleReport;
  extractor: string; status: DraftStatus; version: number; recorded_at: Date;
}

const toDraft = (r: Raw): ReportDraft => ({
  id: r.id, tenantId: r.tenant_id, channel: r.channel, userId: r.user_id, noteId: r.note_id, report: r.report,
  extractor: r.extractor, status: r.status, version: r.version, recordedAt: new Date(r.recorded_at),
});

/** Creates the draft of a note once; returns null when the note already has one. */
export async function insertDraft(
  q: Queryable,
  d: Omit<ReportDraft, 'id' | 'version'>,
): Promise<ReportDraft | null> {
  const rows = await q.query<Raw>(
    `insert into report_drafts (tenant_id, channel, user_id, note_id, report, extractor, status, recorded_at)
     values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8) on conflict (note_id) do nothing returning *`,
    [d.tenantId, d.channel, d.userId, d.noteId, JSON.stringify(d.report), d.extractor, d.status, d.recordedAt],
  );
  return rows[0] ? toDraft(rows[0]) : null;
}

export async function getDraft(q: Queryable, tenantId: string, id: string): Promise<ReportDraft | null> {
  const rows = await q.query<Raw>('select * from report_drafts where tenant_id = $1 and id = $2', [tenantId, id]);
  return rows[0] ? toDraft(rows[0]) : null;
}

/** Replaces the report of an open draft and bumps its version (a re-issued card gets a new task id). */
export async function reviseDraft(q: Queryable, id: string, report: BattleReport, status: DraftStatus): Promise<ReportDraft | null> {
  const rows = await q.query<Raw>(
    `update report_drafts set report = $2::jsonb, status = $3, version = version + 1, updated_at = now()
     where id = $1 and status in ('awaiting_followup', 'awaiting_confirm') returning *`,
    [id, JSON.stringify(report), status],
  );
  return rows[0] ? toDraft(rows[0]) : null;
}

/** Moves an open draft to a final status once; false when it was already final (double or late tap). */
export async function closeDraft(q: Queryable, id: string, status: 'confirmed' | 'voided'): Promise<boolean> {
  const n = await q.execute(
    `update report_drafts set status = $2, updated_at = now() where id = $1 and status in ('awaiting_followup', 'awaiting_confirm')`,
    [id, status],
  );
  return n === 1;
}

/** The user's most recent draft still open (awaiting an answer or 确认) recorded since `since`. */
export async function latestOpenDraftOf(q: Queryable, tenantId: string, userId: string, since: Date): Promise<ReportDraft | null> {
  const rows = await q.query<Raw>(
    `select * from report_drafts where tenant_id = $1 and user_id = $2 and status in ('awaiting_followup', 'awaiting_confirm')
       and recorded_at >= $3 order by recorded_at desc, created_at desc limit 1`,
    [tenantId, userId, since],
  );
  return rows[0] ? toDraft(rows[0]) : null;
}
