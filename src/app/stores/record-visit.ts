// A store visit from the mini-program: resolve the scanned code, transcribe a dictated question, check
// the compliance words (a sensitive question without a real note is refused and nothing is saved),
// then store the visit and its touch together and answer with topics and up to three suggestions.
import { own } from '../../shared/own.js';
import type { VisitRecord, VisitRequest, VisitResponse } from '../../shared/mp-api.js';
import { complianceCheck } from '../../domain/stores/compliance.js';
import { maskPhone, normalizePhone } from '../../domain/stores/phone.js';
import { suggestActions } from '../../domain/stores/playbook.js';
import { AppError, badRequest } from '../../shared/errors.js';
import { insertVisit, type VisitRow } from '../../store/repos/stores-repo.js';
import { MAX_AUDIO_SECONDS, wavDurationSeconds } from '../../providers/audio/audio-duration.js';
import { insertTouch } from '../../store/repos/touches-repo.js';
import type { AppDeps } from '../app-deps.js';
import { qrError, resolveQr } from './qr-codes.js';

export const MAX_QUESTION_CHARS = 500;
const MAX_AUDIO_BYTES = 2 * 1024 * 1024;
const AUDIO_TYPES: Record<string, string> = { mp3: 'audio/mpeg', aac: 'audio/aac', m4a: 'audio/mp4', wav: 'audio/wav' };

export async function recordVisit(deps: AppDeps, caller: { tenantId: string; userId: string }, req: VisitRequest): Promise<VisitResponse> {
  const found = await resolveQr(deps.db, caller.tenantId, req.qr);
  if ('problem' in found) throw qrError(found.problem);
  const transcript = req.audio ? await transcribe(deps, req.audio) : null;
  const question = [req.question.trim(), transcript ?? ''].filter(Boolean).join('\n');
  if (!question) throw badRequest('bad_request', '请写下或说出顾客的问题');
  if (question.length > MAX_QUESTION_CHARS) throw badRequest('bad_request', `问题太长了,请控制在${MAX_QUESTION_CHARS}字以内`);
  const phone = req.customerPhone?.trim() ? normalizePhone(req.customerPhone) : null;
  if (req.customerPhone?.trim() && !phone) throw badRequest('bad_request', '手机号格式不对');

  const check = complianceCheck(deps.storeRules.compliance, { question, complianceNote: req.complianceNote ?? '' });
  if (!check.ok) {
    throw new AppError('compliance_note_required', `问题涉及「${check.words.join('、')}」,请先填写合规说明`, { status: 422, details: { words: check.words } });
  }
  const topics = deps.nlp.detectTopics(question);
  const now = deps.clock.now();
  const visit = await deps.db.transaction(async (tx) => {
    const row = await insertVisit(tx, {
      tenantId: caller.tenantId, storeKey: found.store.key, qrId: found.code.id, userId: caller.userId, question, transcript, topics,
      customerName: req.customerName?.trim().slice(0, 64) || null, customerPhone: phone,
      complianceNote: check.words.length ? req.complianceNote!.trim() : null, sensitiveWords: check.words,
      flaggedForReview: check.words.length > 0, createdAt: now,
    });
    // A visit is a touch of the store team: it counts wherever touches do.
    await insertTouch(tx, { tenantId: caller.tenantId, customerId: null, userId: caller.userId, kind: 'visit', text: question, topics, inboxId: null, occurredAt: now });
    return row;
  });
  deps.logger.info(
    { visitId: visit.id, store: visit.storeKey, flagged: visit.flaggedForReview, phone: phone ? maskPhone(phone) : null },
    'store visit recorded',
  );
  const { suggestions } = suggestActions(deps.storeRules.playbook, question);
  return { visit: visitRecord(visit), topics, suggestions };
}

export function visitRecord(v: VisitRow): VisitRecord {
  return {
    id: v.id, storeKey: v.storeKey, storeName: v.storeName, question: v.question, topics: v.topics, customerName: v.customerName,
    customerPhoneMasked: v.customerPhone ? maskPhone(v.customerPhone) : null, complianceNote: v.complianceNote,
    flaggedForReview: v.flaggedForReview, createdAt: v.createdAt.toISOString(),
  };
}

/** Dictated questions go through the same ASR port as chat voice notes; mini-program recorders give mp3/aac. */
async function transcribe(deps: AppDeps, audio: NonNullable<VisitRequest['audio']>): Promise<string> {
  const contentType = own(AUDIO_TYPES, audio.format);
  if (!contentType) throw badRequest('bad_request', 'audio.format must be mp3, aac, m4a or wav');
  const bytes = Buffer.from(audio.base64, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_AUDIO_BYTES) throw badRequest('bad_request', '录音为空或超过2MB');
  // A WAV says its length in its header (120 s cap); mp3/aac/m4a stay bounded by the 2 MB size cap only.
  const seconds = audio.format === 'wav' ? wavDurationSeconds(bytes) : null;
  if (seconds !== null && seconds > MAX_AUDIO_SECONDS) throw badRequest('audio_too_long', '录音超过2分钟了,请说短一点,或者直接输入文字');
  if (!deps.speech) throw new AppError('asr_unavailable', '语音识别还没配置,请直接输入文字', { status: 503 });
  try {
    return (await deps.speech.transcribe({ bytes, fileName: `visit.${audio.format}`, contentType }, { language: 'zh' })).trim();
  } catch (err) {
    deps.logger.warn({ err }, 'visit audio could not be transcribed');
    throw new AppError('asr_unavailable', '这段录音没听清,请重说一遍或直接输入文字', { status: 503, cause: err });
  }
}
