// Turns a voice note or a "战报 …" text into a report note and queues its drafting job. The job does the
// slow parts (download, ASR, LLM) outside any transaction.
import type { ChannelId } from '../../channels/inbound-event.js';
import type { Queryable } from '../../store/database.js';
import { insertNote } from '../../store/repos/report-notes-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';

const REPORT_PREFIX = /^\s*(?:今日战报|今天战报|战报)\s*[::,,。\s]*/;

/** The report text when the message starts with 战报 / 今日战报, else null. */
export function reportTextOf(text: string): string | null {
  const m = REPORT_PREFIX.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length).trim();
  return rest.length > 0 ? rest : null;
}

export async function startTextReport(tx: Queryable, deps: AppDeps, ctx: EventContext, transcript: string): Promise<Reply[]> {
  const noteId = await insertNote(tx, {
    tenantId: ctx.tenantId, channel: ctx.event.channel, userId: ctx.event.senderId, inboxId: ctx.inboxId, kind: 'text',
    transcript, recordedAt: ctx.event.sentAt,
  });
  await deps.queue.enqueue('draft-report', { noteId }, { tx });
  return drafting(ctx);
}

/**
 * Channels whose answer to a message can be one bubble that shows progress and is then replaced by the
 * result (the WeCom AI bot's stream reply); elsewhere a "working on it" line would only be noise.
 */
const PROGRESS_CHANNELS: ReadonlySet<ChannelId> = new Set(['wecom_bot']);

function drafting(ctx: EventContext): Reply[] {
  const channel = ctx.account?.channel ?? ctx.event.channel;
  return PROGRESS_CHANNELS.has(channel) ? [toUser(ctx.event.senderId, { kind: 'text', text: msg.wecomBot.drafting, progress: true })] : [];
}

export async function startVoiceReport(
  tx: Queryable,
  deps: AppDeps,
  ctx: EventContext,
  voice: { mediaId: string | null; format: string; recognition: string | null },
): Promise<Reply[]> {
  // Nothing to download and nothing heard (an empty platform transcript): say so instead of queueing.
  if (voice.mediaId === null && !voice.recognition) return [toUser(ctx.event.senderId, { kind: 'text', text: msg.report.notHeard })];
  const noteId = await insertNote(tx, {
    tenantId: ctx.tenantId, channel: ctx.event.channel, userId: ctx.event.senderId, inboxId: ctx.inboxId, kind: 'voice',
    mediaId: voice.mediaId, audioFormat: voice.format.toLowerCase(), transcript: voice.recognition, recordedAt: ctx.event.sentAt,
  });
  // Always fetch the audio, even without ASR: media ids expire in 3 days and the note must not be lost.
  await deps.queue.enqueue('draft-report', { noteId }, { tx });
  if (!deps.speech && !voice.recognition) return [toUser(ctx.event.senderId, { kind: 'text', text: msg.report.needsAsr })];
  return drafting(ctx);
}
