// Reads a rep's correction of which customer a message was about ("客户名称改成X", "不是A是B", "搞错了,是X").
// Pure; the caller decides whether the text is a correction at all (see correct-customer.ts).
import { cleanCustomerName } from './customer-name.js';

export interface CustomerCorrection {
  newName: string;
  /** The wrongly recognised name when the rep says it ("不是A是B"); null otherwise. */
  oldName: string | null;
}

/** Words that only say the last message was wrong; they may open any of the forms. */
const WRONG = '(?:识别错了|搞错了|弄错了|写错了|记错了|说错了|搞错|弄错|写错|记错|说错|错了|不对|更正)';
/** "刚才记的不对,", "更正:", "上一条写错了 ": a clause that says something was wrong, then a break. */
const OPENER = `^(?:[^,，。:：;；]{0,12}?${WRONG}[^,，。:：;；\\s]{0,10}[\\s,，。:：;；!！]+)?`;
/** The new value follows one of these (longest first, so "改成" is never left in front of the name). */
const SETS = '(?:更正为|修改为|改成|改为|换成|写成|应该是|应该叫|应为|其实是|实际是|是|叫|为)';
/** A name runs to the next space or punctuation ("是九毛九 太二是他们旗下的" → 九毛九). */
const NAME = '([^\\s,，。;；!！?？]+)';
const NAME_FIRST = '([^\\s,，。;；!！?？]+?)';

const FORMS: readonly { re: RegExp; old: number | null; value: number }[] = [
  // 不是A是B · 不是A,是B · 客户不是A而是B · 说错了 不是A 是B
  { re: new RegExp(`${OPENER}(?:[^,，。:：\\s]{0,8}?)(?:客户|公司)?不是\\s*${NAME_FIRST}\\s*[,，、;；]?\\s*(?:而|应该|其实)?是\\s*${NAME}`, 'u'), old: 1, value: 2 },
  // 应该是B 不是A · 上条记录的客户应为B,非A · 是B不是A
  { re: new RegExp(`${OPENER}(?:[^,，。]{0,10}?的)?(?:客户|公司)?(?:应该是|应为|应是|其实是|是)\\s*${NAME_FIRST}\\s*[,，、;；]?\\s*(?:而不是|不是|非)\\s*${NAME}`, 'u'), old: 2, value: 1 },
  // 客户名称改成X · 客户名改为X · 客户是X · 客户应该是X · 公司名字叫X
  { re: new RegExp(`${OPENER}(?:这个|这家|刚才的?)?(?:客户|公司|单位)的?(?:名称|名字|名)?\\s*${SETS}\\s*(.+)$`, 'u'), old: null, value: 1 },
  // 搞错了,是X · 不对,应该是X
  { re: new RegExp(`^${WRONG}[\\s,，。!！]*(?:应该|其实)?是\\s*(.+)$`, 'u'), old: null, value: 1 },
];

/** Longer than this, the "name" is a sentence rather than a correction. */
const MAX_NAME = 30;
/** Verbs of two or more characters only: a name may well start with 为 or 是 (为民医院). */
const LEADING_VERB = /^(?:更正为|修改为|改成|改为|换成|写成|应该是|应该叫|应为|其实是|实际是)/u;
/**
 * Inner punctuation means a clause follows; question words mean the rep is asking; a pronoun or a time
 * word means a sentence ("客户叫我明天再去"), not a name.
 */
const NOT_A_NAME = /[,，。;；!！?？]|谁|哪|什么|吗|呢|错|不对|^(?:我|你|他|她|咱)|今天|明天|后天|下周|马上/u;

export function parseCustomerCorrection(text: string): CustomerCorrection | null {
  const input = text.normalize('NFKC').trim();
  for (const form of FORMS) {
    const m = form.re.exec(input);
    if (!m) continue;
    const newName = nameOf(m[form.value]!);
    const oldName = form.old === null ? null : nameOf(m[form.old]!);
    if (!newName || (form.old !== null && !oldName) || oldName === newName) return null;
    return { newName, oldName };
  }
  return null;
}

function nameOf(raw: string): string | null {
  let name = cleanCustomerName(raw);
  // "客户名称 改成 改为X" and the like: never keep a verb as part of the name.
  while (name && LEADING_VERB.test(name)) name = cleanCustomerName(name.replace(LEADING_VERB, ''));
  if (!name || Array.from(name).length > MAX_NAME || NOT_A_NAME.test(name)) return null;
  return name;
}
