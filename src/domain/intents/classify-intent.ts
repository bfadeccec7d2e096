// Decides what kind of message a rep's text is before anything is stored (issue 10 "Intent first"):
// small talk and questions about the bot get an answer, corrections go to what they correct, only
// updates create customers and touches. Pure: the caller passes what it recognised in the text.
import { AppError } from '../../shared/errors.js';

export type SmallTalk = 'greeting' | 'presence' | 'thanks' | 'ack';

export type Intent =
  | { kind: 'small_talk'; tone: SmallTalk }
  | { kind: 'bot_question' }
  | { kind: 'correction' }
  | { kind: 'update' }
  | { kind: 'unclear' };

export interface IntentSignals {
  /** A customer was recognised with enough confidence (or a known one). */
  customer: boolean;
  topics: number;
  /** A stage cue that has happened ("签了", "黄了"). */
  stage: boolean;
}

export interface CompiledIntentRules {
  readonly smallTalk: readonly { word: string; tone: SmallTalk | null }[];
  readonly particles: ReadonlySet<string>;
  readonly botQuestions: readonly string[];
  readonly correctionCues: readonly string[];
  readonly correctionFields: readonly string[];
  readonly activityWords: readonly string[];
  readonly minUpdateChars: number;
}

const TONES: readonly SmallTalk[] = ['greeting', 'presence', 'thanks', 'ack'];
/** Which tone answers a mix ("好的谢谢" is thanks, "你好在吗" a greeting). */
const TONE_PRIORITY: readonly SmallTalk[] = ['thanks', 'greeting', 'presence', 'ack'];
const NOISE = /[\s\p{P}\p{S}\p{Extended_Pictographic}\u200d\ufe0f]/gu;

export function compileIntentRules(raw: unknown): CompiledIntentRules {
  const r = (raw ?? {}) as Record<string, unknown>;
  const talk = (r.smallTalk ?? {}) as Record<string, unknown>;
  const smallTalk: { word: string; tone: SmallTalk | null }[] = [];
  for (const tone of TONES) for (const word of words(talk[tone], `smallTalk.${tone}`)) smallTalk.push({ word: word.toLowerCase(), tone });
  for (const word of words(talk.address, 'smallTalk.address')) smallTalk.push({ word: word.toLowerCase(), tone: null });
  smallTalk.sort((a, b) => b.word.length - a.word.length);
  const min = r.minUpdateChars;
  if (typeof min !== 'number' || !Number.isInteger(min) || min < 1) throw new AppError('intent_rules_invalid', 'intent rules: "minUpdateChars" must be a positive integer');
  if (typeof r.particles !== 'string') throw new AppError('intent_rules_invalid', 'intent rules: "particles" must be a string');
  return {
    smallTalk,
    particles: new Set(Array.from(r.particles)),
    botQuestions: words(r.botQuestions, 'botQuestions'),
    correctionCues: words(r.correctionCues, 'correctionCues'),
    correctionFields: words(r.correctionFields, 'correctionFields'),
    activityWords: words(r.activityWords, 'activityWords'),
    minUpdateChars: min,
  };
}

export function classifyIntent(text: string, signals: IntentSignals, rules: CompiledIntentRules): Intent {
  const bare = text.normalize('NFKC').toLowerCase().replace(NOISE, '');
  const core = Array.from(bare).filter((c) => !rules.particles.has(c)).join('');
  // "？？": confusion about the bot, answered with help.
  if (core.length === 0 && /[?？]/.test(text)) return { kind: 'bot_question' };
  // Particles are tried both ways: "哈喽" keeps its 哈, "好的呀" drops the 呀.
  const tone = smallTalkTone(bare, rules) ?? smallTalkTone(core, rules);
  if (tone) return { kind: 'small_talk', tone };
  // "金额改成50万" corrects a report; "恒信的提货时间改到6点" naming a customer is news about that customer.
  if (isCorrection(bare, rules) && !signals.customer) return { kind: 'correction' };
  if (signals.customer || signals.stage) return { kind: 'update' };
  if (rules.botQuestions.some((q) => bare.includes(q))) return { kind: 'bot_question' };
  if (signals.topics > 0 || rules.activityWords.some((w) => bare.includes(w))) return { kind: 'update' };
  return Array.from(core).length >= rules.minUpdateChars && /\p{Script=Han}/u.test(core) ? { kind: 'update' } : { kind: 'unclear' };
}

/** The tone when the text is made only of small-talk words (an empty text — emoji, "。。" — is an ack). */
function smallTalkTone(core: string, rules: CompiledIntentRules): SmallTalk | null {
  const seen = new Set<SmallTalk>();
  let at = 0;
  while (at < core.length) {
    const hit = rules.smallTalk.find((w) => core.startsWith(w.word, at));
    if (!hit) return null;
    if (hit.tone) seen.add(hit.tone);
    at += hit.word.length;
  }
  return TONE_PRIORITY.find((t) => seen.has(t)) ?? 'ack';
}

/** "金额改成50万", "客户名称改成华安医药", "不是恒信是恒达": a cue with a field, or 不是…是…. */
function isCorrection(bare: string, rules: CompiledIntentRules): boolean {
  if (/^不是.{1,20}?是./u.test(bare)) return true;
  return rules.correctionCues.some((c) => bare.includes(c)) && rules.correctionFields.some((f) => bare.includes(f));
}

function words(v: unknown, field: string): string[] {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s.length > 0)) {
    throw new AppError('intent_rules_invalid', `intent rules: "${field}" must be a list of words`);
  }
  return v as string[];
}
