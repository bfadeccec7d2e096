// Report notes: the voice or text a battle report is drafted from. Voice audio is kept with the note so
// it is never lost and can be transcribed again (e.g. once ASR is configured).
import type { ChannelId } from '../../channels/inbound-event.js';
import type { Queryable } from '../database.js';

export type NoteStatus = 'pending' | 'awaiting_asr' | 'transcribed' | 'drafted' | 'failed';

export interface ReportNote {
  id: string;
  tenantId: string;
  channel: ChannelId;
  userId: string;
  inboxId: string;
  kind: 'voice' | 'text';
  mediaId: string | null;
  audioFormat: string | null;
  hasAudio: boolean;
  transcript: string | null;
  status: NoteStatus;
  recordedAt: Date;
}

interface Raw {
  id: string; tenant_id: string; channel: ChannelId; user_id: string; inbox_id: string; kind: 'voice' | 'text';
  media_id: string | null; audio_format: string | null; has_audio: boolean; transcript: string | null;
  status: NoteStatus; recorded_at: Date;
}

const COLUMNS = `id, tenant_id, channel, user_id, inbox_id, kind, media_id, audio_format, audio is not null as has_audio,
  transcript, status, recorded_at`;

const toNote = (r: Raw): ReportNote => ({
  id: r.id, tenantId: r.tenant_id, channel: r.channel, userId: r.user_id, inboxId: r.inbox_id, kind: r.kind,
  mediaId: r.media_id, audioFormat: r.audio_format, hasAudio: r.has_audio, transcript: r.transcript,
  status: r.status, recordedAt: new Date(r.recorded_at),
});

/** Creates the note for an inbox row once; returns its id either way. */
export async function insertNote(
  q: Queryable,
  n: { tenantId: string; channel: ChannelId; userId: string; inboxId: string; kind: 'voice' | 'text';
       mediaId?: string | null; audioFormat?: string | null; transcript?: string | null; recordedAt: Date },
): Promise<string> {
  const rows = await q.query<{ id: string }>(
    `insert into report_notes (tenant_id, channel, user_id, inbox_id, kind, media_id, audio_format, transcript, status, recorded_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, case when $8::text is null then 'pending' else 'transcribed' end, $9)
     on conflict (tenant_id, inbox_id) do update set updated_at = report_notes.updated_at returning id`,
    [n.tenantId, n.channel, n.userId, n.inboxId, n.kind, n.mediaId ?? null, n.audioFormat ?? null, n.transcript ?? null, n.recordedAt],
  );
  return rows[0]!.id;
}

export async function getNote(q: Queryable, id: string): Promise<ReportNote | null> {
  const rows = await q.query<Raw>(`select ${COLUMNS} from report_notes where id = $1`, [id]);
  return rows[0] ? toNote(rows[0]) : null;
}

export async function getAudio(q: Queryable, id: string): Promise<Buffer | null> {
  const rows = await q.query<{ audio: Uint8Array | null }>('select audio from report_notes where id = $1', [id]);
  const a = rows[0]?.audio;
  return a ? Buffer.from(a) : null;
}

export async function saveAudio(q: Queryable, id: string, audio: Buffer, format: string): Promise<void> {
  await q.execute(`update report_notes set audio = $2, audio_format = coalesce(audio_format, $3), updated_at = now() where id = $1`, [
    id, audio, format,
  ]);
}

export async function saveTranscript(q: Queryable, id: string, transcript: string, audioSeconds: number | null): Promise<void> {
  await q.execute(
    `update report_notes set transcript = $2, audio_seconds = $3, status = 'transcribed', last_error = null, updated_at = now()
     where id = $1`,
    [id, transcript, audioSeconds],
  );
}

export async function setNoteStatus(q: Queryable, id: string, status: NoteStatus, error: string | null = null): Promise<void> {
  await q.execute('update report_notes set status = $2, last_error = $3, updated_at = now() where id = $1', [id, status, error]);
}

export async function notesAwaitingAsr(q: Queryable, limit = 500): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `select id from report_notes where status = 'awaiting_asr' order by recorded_at limit $1`, [limit]);
  return rows.map((r) => r.id);
}
