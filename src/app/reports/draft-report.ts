// The draft-report job: download the audio (kept with the note), transcribe it, extract the report
// (rules, plus the LLM when configured), then in one transaction store the draft and send the
// follow-up question or the confirmation card. Each step is idempotent, so job retries are safe.
import type { Queryable } from '../../store/database.js';
import { getPending } from '../../store/repos/chat-context-repo.js';
import { listCustomerNames } from '../../store/repos/customers-repo.js';
import { getAudio, getNote, saveAudio, saveTranscript, setNoteStatus, type ReportNote } from '../../store/repos/report-notes-repo.js';
import { prepareAudioForAsr } from '../../providers/audio/audio-for-asr.js';
import { AudioTooLongError } from '../../providers/audio/audio-errors.js';
import { MediaTooLargeError } from '../../channels/media-errors.js';
import { mergeReports } from '../../domain/reports/merge-reports.js';
import type { BattleReport, ExtractorName } from '../../domain/reports/battle-report.js';
import type { AppDeps } from '../app-deps.js';
import { msg } from '../messages.js';
import { enqueueReplies, toUser, type Reply } from '../outbound/reply.js';
import { createDraft, reviseWithCorrection } from './draft-flow.js';

export async function draftReport(deps: AppDeps, noteId: string): Promise<void> {
  let note = await getNote(deps.db, noteId);
  if (!note || note.status === 'drafted' || note.status === 'failed') return;
  const log = deps.logger.child({ noteId, kind: note.kind });
  // A platform transcript (DingTalk's own recognition) makes the download unnecessary.
  if (note.kind === 'voice' && !note.hasAudio && note.transcript === null && !(await fetchAudio(deps, note))) return;
  if (note.transcript === null) {
    if (!deps.speech) {
      await setNoteStatus(deps.db, note.id, 'awaiting_asr');
      log.info('voice note kept until ASR is configured');
      return;
    }
    const transcript = await transcribe(deps, note);
    if (transcript === null) return;
    note = { ...note, transcript };
  }
  const transcript = note.transcript!;
  const known = await listCustomerNames(deps.db, note.tenantId);
  const extracted = await extract(deps, transcript, note.recordedAt, known);
  await deps.db.transaction(async (tx) => {
    const replies = await applyToConversation(tx, deps, note, transcript, extracted);
    await setNoteStatus(tx, note.id, 'drafted');
    await enqueueReplies(tx, deps.queue, { tenantId: note.tenantId, channel: note.channel, idempotencyPrefix: `note:${note.id}`, now: deps.clock.now() }, replies);
  });
  log.info({ extractor: extracted.extractor }, 'report drafted');
}

/** A voice answer to a pending question corrects that draft; anything else starts a new draft. */
async function applyToConversation(
  tx: Queryable, deps: AppDeps, note: ReportNote, transcript: string, extracted: { report: BattleReport; extractor: ExtractorName },
): Promise<Reply[]> {
  const pending = await getPending(tx, note.tenantId, note.userId);
  if (note.kind === 'voice' && (pending?.kind === 'report_followup' || pending?.kind === 'report_edit')) {
    const revised = await reviseWithCorrection(tx, deps, { tenantId: note.tenantId, userId: note.userId, draftId: pending.draftId }, transcript, note.recordedAt);
    if (revised) return revised;
  }
  return createDraft(tx, deps, note, extracted.report, extracted.extractor);
}

/** Keeps the audio with the note; false when the platform says it is gone (expired or invalid media id). */
async function fetchAudio(deps: AppDeps, note: ReportNote): Promise<boolean> {
  const media = deps.media[note.channel];
  if (!media || !note.mediaId) throw new Error(`no media downloader for ${note.channel}`);
  try {
    const file = await media.downloadMedia(note.mediaId);
    await saveAudio(deps.db, note.id, file.bytes, note.audioFormat ?? 'amr');
    return true;
  } catch (err) {
    if ((err as { failureClass?: string }).failureClass !== 'permanent') throw err; // transient: the job retries
    deps.logger.warn({ err, noteId: note.id }, 'voice file could not be downloaded');
    await failNote(deps, note, String((err as Error).message), err instanceof MediaTooLargeError ? msg.report.tooLong : msg.report.mediaGone);
    return false;
  }
}

async function failNote(deps: AppDeps, note: ReportNote, error: string, tell: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await setNoteStatus(tx, note.id, 'failed', error);
    await enqueueReplies(tx, deps.queue, { tenantId: note.tenantId, channel: note.channel, idempotencyPrefix: `note:${note.id}:failed`, now: deps.clock.now() }, [
      toUser(note.userId, { kind: 'text', text: tell }),
    ]);
  });
}

/** Returns the transcript, or null when the note cannot be transcribed (the rep has been told). */
async function transcribe(deps: AppDeps, note: ReportNote): Promise<string | null> {
  const audio = await getAudio(deps.db, note.id);
  if (!audio) throw new Error('voice note has no audio');
  try {
    // Sniffed from the bytes: AMR is decoded to WAV, WAV and MP3 pass through once under the length cap.
    const file = await prepareAudioForAsr(audio);
    const text = (await deps.speech!.transcribe({ bytes: file.bytes, fileName: file.fileName, contentType: file.contentType }, { language: 'zh' })).trim();
    if (!text) throw Object.assign(new Error('empty transcript'), { retryable: false });
    await saveTranscript(deps.db, note.id, text, file.durationSeconds);
    return text;
  } catch (err) {
    if ((err as { retryable?: boolean }).retryable !== false) throw err; // the job retries with backoff
    deps.logger.warn({ err, noteId: note.id }, 'voice note could not be transcribed');
    await failNote(deps, note, String((err as Error).message), err instanceof AudioTooLongError ? msg.report.tooLong : msg.report.notHeard);
    return null;
  }
}

/** Rules always run; the LLM, when configured, improves wording and is checked against the rules. */
async function extract(
  deps: AppDeps, transcript: string, recordedAt: Date, knownCustomers: string[],
): Promise<{ report: BattleReport; extractor: ExtractorName }> {
  const rules = deps.reportRules.extract({ text: transcript, recordedAt, knownCustomers });
  if (!deps.reportLlm) return { report: rules, extractor: 'rules' };
  try {
    const llm = await deps.reportLlm.extract(transcript, { recordedAt, knownCustomers });
    return { report: mergeReports(transcript, rules, llm), extractor: 'llm+rules' };
  } catch (err) {
    deps.logger.warn({ err }, 'LLM extraction failed; using the rules alone');
    return { report: rules, extractor: 'rules' };
  }
}
