// Chat commands about people and look-ups: 转给 张三 恒信机械, 查 恒信机械, 战报 @张三 (explicit), and the
// questions 恒信机械怎么样了, 张三的战报, which answer null when the name is no known customer or person, so
// "客户问产品怎么样" or "今天的战报" still reach the normal text flow.
import type { Queryable } from '../../store/database.js';
import type { AppDeps } from '../app-deps.js';
import { TRANSFER, transferCommand } from '../customers/transfer-command.js';
import type { EventContext } from '../inbound/event-context.js';
import type { Reply } from '../outbound/reply.js';
import { lookUpCustomer } from './customer-lookup.js';
import { lookUpRepReports } from './rep-reports.js';

export type PeopleCommand = (tx: Queryable, deps: AppDeps, ctx: EventContext) => Promise<Reply[] | null>;

const NAME = '[^\\s,?!。]{2,30}';
/** 查 恒信机械 / 查一下恒信机械 — not 查了 / 查过 / 查到, which report what happened. */
const ASK = new RegExp(`^查(?![了过到完])(?:一下|询|看看|看)?\\s*(${NAME})\\??$`, 'u');
const HOW = new RegExp(`^(${NAME}?)(?:那边|这边|这家|的情况)?(?:现在|最近|目前)?(?:怎么样了?|进展如何|进展怎么样|什么情况|啥情况|咋样了?)\\??$`, 'u');
const REPORTS_OF = /^([^\s,?!。]{1,20}?)的(?:最新)?战报\??$/u;
const REPORTS_AT = /^战报\s*@\s*([^\s,?!。]{1,20})$/u;
/** "今天的战报" is no person's name. */
const NOT_A_PERSON = /^(?:今天|今日|昨天|前天|本周|这周|上周|本月|最新|最近|这个|那个|这份|那份)$/u;

/** The explicit forms (转给, 查 X, 战报 @X): commands whatever follows; `cleaned` as matchCommand cleans it. */
export function peopleCommand(cleaned: string): PeopleCommand | null {
  if (TRANSFER.test(cleaned) || cleaned === '转给') return transferCommand;
  const asked = ASK.exec(cleaned)?.[1];
  // "查一下恒信机械怎么样了" asks about 恒信机械.
  const ask = asked ? (HOW.exec(asked)?.[1] ?? asked) : null;
  if (ask) return (tx, deps, ctx) => lookUpCustomer(tx, deps, ctx, ask, true);
  const at = REPORTS_AT.exec(cleaned)?.[1];
  if (at) return (tx, deps, ctx) => lookUpRepReports(tx, deps, ctx, at, true);
  return null;
}

/**
 * The question forms (X怎么样了, X的战报): a look-up only when X is a known customer or person, which takes
 * the store to know — so they stay out of matchCommand, which the offline recogniser (cli recognize)
 * and the LLM gate also use, and "客户问产品质量怎么样" stays an update there.
 */
export function lookUpQuestion(text: string): PeopleCommand | null {
  const cleaned = text.normalize('NFKC').trim().replace(/[。.!\s]+$/u, '');
  const of = REPORTS_OF.exec(cleaned)?.[1];
  if (of && !NOT_A_PERSON.test(of)) return (tx, deps, ctx) => lookUpRepReports(tx, deps, ctx, of, false);
  const how = HOW.exec(cleaned)?.[1];
  if (how && !how.startsWith('查')) return (tx, deps, ctx) => lookUpCustomer(tx, deps, ctx, how, false);
  return null;
}
