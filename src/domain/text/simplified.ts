// Traditional → simplified Chinese that never changes the length (offsets into the original text stay
// valid): "與華泰電梯簽了" reads like "与华泰电梯签了" for every rule that matches words.
import * as OpenCC from 'opencc-js/t2cn';

const convert = OpenCC.Converter({ from: 'tw', to: 'cn' });
const HAN = /\p{Script=Han}/u;

export function toSimplified(text: string): string {
  if (!HAN.test(text)) return text;
  const whole = convert(text);
  if (whole.length === text.length) return whole;
  // A phrase conversion changed the length: convert character by character instead.
  return Array.from(text, (c) => {
    const one = convert(c);
    return one.length === c.length ? one : c;
  }).join('');
}
