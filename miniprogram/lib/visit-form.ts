// The visit form's rules: what must be filled, what may be, and when a compliance note is required.
// The sensitive-word check mirrors the server (GET /mp/config words, case-insensitive substring) so
// the note field appears before submitting; the server stays authoritative — its 422
// compliance_note_required (e.g. for words only the audio transcript contains) lands in the same state.
import type { MpConfigResponse, VisitAudio, VisitRequest } from '../../src/shared/mp-api.js';
import { isApiError } from './api-error.js';
import { MSG } from './messages.js';

export const CUSTOMER_NAME_MAX = 20;
export const COMPLIANCE_NOTE_MAX = 200;
export const PHONE_INPUT_MAX = 20;

export interface VisitDraft {
  question: string;
  customerName: string;
  customerPhone: string;
  complianceNote: string;
  audio: VisitAudio | null;
}

export type VisitField = 'question' | 'customerName' | 'customerPhone' | 'complianceNote';
export type FieldErrors = Partial<Record<VisitField, string>>;

export type VisitFormResult =
  | { ok: true; request: VisitRequest }
  | { ok: false; errors: FieldErrors; noteWords: string[] };

export function emptyDraft(): VisitDraft {
  return { question: '', customerName: '', customerPhone: '', complianceNote: '', audio: null };
}

/** Sensitive words contained in `text`, in config order, each once. */
export function findSensitiveWords(text: string, words: readonly string[]): string[] {
  const haystack = text.toLowerCase();
  const found: string[] = [];
  const seen = new Set<string>();
  for (const raw of words) {
    const word = raw.trim();
    const key = word.toLowerCase();
    // An empty word would match every text and demand a note on every visit.
    if (!key || seen.has(key)) continue;
    seen.add(key);
    if (haystack.includes(key)) found.push(word);
  }
  return found;
}

/** Words that make the note mandatory now: found locally, plus any the server reported. */
export function noteWords(question: string, config: MpConfigResponse, serverWords: readonly string[] = []): string[] {
  return mergeWords(findSensitiveWords(question, config.sensitiveWords), serverWords);
}

export function mergeWords(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const w of [...a, ...b]) {
    const key = w.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(w);
  }
  return out;
}

/** The server's 422 compliance_note_required as the words to show, or null for any other error. */
export function complianceWordsFromError(err: unknown): string[] | null {
  if (!isApiError(err) || err.code !== 'compliance_note_required') return null;
  return err.words ?? [];
}

export function validateVisit(
  qr: string,
  draft: VisitDraft,
  config: MpConfigResponse,
  serverWords: readonly string[] = [],
): VisitFormResult {
  const errors: FieldErrors = {};
  const question = draft.question.trim();
  if (!question && !draft.audio) errors.question = MSG.questionRequired;
  else if (charCount(question) > config.maxQuestionChars) errors.question = MSG.questionTooLong(config.maxQuestionChars);

  const customerName = draft.customerName.trim().replace(/\s+/g, ' ');
  if (charCount(customerName) > CUSTOMER_NAME_MAX) errors.customerName = MSG.customerNameTooLong(CUSTOMER_NAME_MAX);

  const phone = normalizePhone(draft.customerPhone);
  if (phone === null) errors.customerPhone = MSG.phoneInvalid;

  const words = noteWords(question, config, serverWords);
  const note = draft.complianceNote.trim();
  if (words.length > 0 && !note) errors.complianceNote = MSG.complianceNoteRequired(words);
  else if (charCount(note) > COMPLIANCE_NOTE_MAX) errors.complianceNote = MSG.complianceNoteTooLong(COMPLIANCE_NOTE_MAX);

  if (Object.keys(errors).length > 0) return { ok: false, errors, noteWords: words };
  const request: VisitRequest = { qr, question };
  if (customerName) request.customerName = customerName;
  if (phone) request.customerPhone = phone;
  if (note) request.complianceNote = note;
  if (draft.audio) request.audio = draft.audio;
  return { ok: true, request };
}

/**
 * '' for an empty input, the normalised number for a mainland mobile (11 digits, +86 dropped) or a
 * landline with area code, null for anything else. Extensions are refused, as the server refuses them
 * (src/domain/stores/phone.ts): a customer's own number, not an office switchboard.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s()（）]/g, '');
  if (!compact) return '';
  const mobile = compact.replace(/-/g, '').replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(mobile)) return mobile;
  // Area codes 010 and 020–029 have three digits, all others four: "01012345678" is 010-12345678.
  const landline = /^(0[12]\d|0[3-9]\d{2})-?([2-9]\d{6,7})$/.exec(compact);
  if (landline) return `${landline[1]}-${landline[2]}`;
  return null;
}

/** Characters as a person counts them: an emoji or a rare CJK ideograph is one, not two. */
export function charCount(s: string): number {
  return Array.from(s).length;
}
