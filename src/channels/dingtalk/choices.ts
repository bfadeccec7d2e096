// Numbered reply choices: DingTalk's plain robot messages have no buttons that call back, so a
// ButtonCard is shown as "回复 1 确认 / 回复 2 修改" and the user's next message picks a button (pure).
import type { ButtonCard } from '../outbound-message.js';

export interface Choice {
  /** The button key the app expects back (as a card_action's actionKey). */
  key: string;
  text: string;
  /** 1-based, as printed in the message. */
  number: number;
}

export function numberedChoices(card: Pick<ButtonCard, 'buttons'>): Choice[] {
  return card.buttons.map((b, i) => ({ key: b.key, text: b.text, number: i + 1 }));
}

// "回复1", "选 2", "选择3": the words our own message (and habit) puts in front of a choice.
const PREFIX = /^(?:回复|选择|选)\s*/u;
// Trailing punctuation people add to a one-word answer ("1。", "确认!").
const TRAILING = /[\s.,;:!?。，、；：！？~]+$/u;

/**
 * The chosen button key, or null when the text is not a choice. Accepts the number ("1", full-width
 * "１", "回复1", "选1") or the button text itself ("确认", a stage label such as "方案演示"), nothing
 * else: a sentence that merely contains a digit or a button word is an ordinary message.
 */
export function parseChoiceReply(text: string, choices: readonly Choice[]): string | null {
  const answer = normalize(text).replace(PREFIX, '').replace(TRAILING, '');
  if (answer === '') return null;
  if (/^[0-9]{1,2}$/.test(answer)) {
    const n = Number(answer);
    return choices.find((c) => c.number === n)?.key ?? null;
  }
  const compact = answer.replace(/\s+/g, '');
  const matches = choices.filter((c) => normalize(c.text).replace(/\s+/g, '') === compact);
  // Two buttons with the same text cannot be told apart by text; the number still works.
  return matches.length === 1 ? matches[0]!.key : null;
}

/** NFKC turns full-width digits, letters and spaces into ASCII; case does not matter for button text. */
function normalize(s: string): string {
  return s.normalize('NFKC').toLowerCase().trim();
}
