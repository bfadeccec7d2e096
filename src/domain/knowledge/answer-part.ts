// The "answer part" of a rated report: what the rep did about the objection, which in a note usually
// follows the customer's words ("客户嫌贵,我们算了三年总成本,比竞品低15%,客户接受了"). Pure.

const SENTENCE_END = /[。!?;！？；\n]/u;
const LEADING = /^[\s,，、。.:：;；!！?？…—\-"'“”‘’()（）]+/u;
const MIN_ANSWER = 4;

/** Cuts at a sentence end, else at `max` characters with "…". */
export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const end = t.search(SENTENCE_END);
  const sentence = end >= MIN_ANSWER ? t.slice(0, end) : t;
  const chars = [...sentence];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : sentence;
}

/**
 * The text after the objection's quote up to the end of that sentence (at most `max` characters); when the
 * note says nothing after it, the report's one-sentence progress.
 */
export function answerPart(transcript: string, quote: string | null, progress: string, max = 60): string {
  if (quote) {
    const at = transcript.indexOf(quote);
    if (at >= 0) {
      const after = transcript.slice(at + quote.length).replace(LEADING, '');
      const answer = shorten(after, max);
      if ([...answer.replace(/[…\s]/gu, '')].length >= MIN_ANSWER) return answer;
    }
  }
  return shorten(progress, max);
}
