// The Chinese wording of reminder pushes: the rep's alert (customer, rule, how overdue, one next step)
// and the manager group's markdown digest grouped by rep. Kept together so wording stays consistent.
import { daysBetween, localTime } from '../calendar/local-time.js';
import { stageLabel, type StageId } from '../stages/stage-ids.js';
import { groupBy } from '../../shared/group-by.js';
import { RULE_IDS, type Breach } from './breach.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** WeCom caps markdown content at 4096 bytes (UTF-8); keep headroom for the channel's own framing. */
const DIGEST_MAX_BYTES = 4000;

/** The concrete next step for each stage's action window (docs/product.md "Stages"). */
const STAGE_STEPS: Partial<Record<StageId, string>> = {
  discovery: '跟客户确认需求,约好演示时间',
  demo: '把方案或报价发给客户',
  negotiation: '约决策人把价格和付款条款谈定',
  contract: '盯一下法务审核和盖章进度,把合同推下去',
};

/** "3小时", "25分钟", "2天": how long, rounded down to the largest sensible unit. */
export function formatDuration(ms: number): string {
  if (ms >= DAY_MS) return `${Math.floor(ms / DAY_MS)}天`;
  if (ms >= HOUR_MS) return `${Math.floor(ms / HOUR_MS)}小时`;
  return `${Math.max(1, Math.floor(ms / MINUTE_MS))}分钟`;
}

/** The one concrete next step for a breach. */
export function nextStep(b: Breach): string {
  switch (b.rule) {
    case 'lead_first_contact':
      return '现在就打个电话,确认需求和对接人';
    case 'golden_48h':
      return '今天约上门拜访,或先发一份方案/报价';
    case 'stage_window':
      return (b.stage && STAGE_STEPS[b.stage]) ?? '联系客户,推进到下一阶段';
    case 'untouched_7d':
      return '打个电话问问最新进展,约好下次跟进的时间';
    case 'untouched_14d':
      return '今天联系客户,确认项目还在不在推进';
    case 'commitment_due':
      // The message comes with a 完成 / 改期 card (app/commitments); "选" reads right for a tap and a numbered reply.
      return `${daysLate(b) > 0 ? '尽快' : '按时'}做完选「完成」;来不及就先跟客户说明,选「改期」约个新时间`;
    case 'commitment_overdue':
      return '今天做完,或跟客户约好新时间后告诉我';
    case 'no_report_today':
      return '按住语音说30秒就行:见了谁、聊了什么、下一步哪天做什么';
  }
}

/** The 1:1 app message to the rep. */
export function repAlertText(b: Breach): string {
  const who = customerRef(b);
  const late = `超时${formatDuration(b.overdueBy)}`;
  const step = b.rule === 'no_report_today' ? nextStep(b) : `下一步:${nextStep(b)}`;
  switch (b.rule) {
    case 'lead_first_contact':
      return `新线索${who}还没联系,${windowHours(b)}小时内要首次联系,已${late}。\n${step}。`;
    case 'golden_48h':
      return `${who}黄金${windowHours(b)}小时已过:还没拜访,也没发方案,${late}。\n${step}。`;
    case 'stage_window':
      return `${who}进入「${b.stageLabel ?? (b.stage ? stageLabel(b.stage) : '当前阶段')}」后${windowHours(b)}小时没有跟进,${late}。\n${step}。`;
    case 'untouched_7d':
      return `${who}已${untouchedDays(b)}天未跟进。\n${step}。`;
    case 'untouched_14d':
      return `${who}已${untouchedDays(b)}天未跟进,已同步给主管。\n${step}。`;
    case 'commitment_due':
      return `${promise(b)}${dueWording(b)}。\n${step}。`;
    case 'commitment_overdue':
      return `${promise(b)}${dueWording(b)},已同步给主管。\n${step}。`;
    case 'no_report_today':
      return `今天的战报还没写。\n${step}。`;
  }
}

/** One line of the manager digest: what is wrong with which customer. */
export function digestLine(b: Breach): string {
  const name = b.customerName === null ? '' : `${plain(b.customerName)} · `;
  const late = `超时${formatDuration(b.overdueBy)}`;
  switch (b.rule) {
    case 'lead_first_contact':
      return `${name}新线索${windowHours(b)}小时未联系,${late}`;
    case 'golden_48h':
      return `${name}黄金${windowHours(b)}小时未拜访、未发方案,${late}`;
    case 'stage_window':
      return `${name}${b.stageLabel ?? (b.stage ? stageLabel(b.stage) : '')}阶段${windowHours(b)}小时未跟进,${late}`;
    case 'untouched_7d':
    case 'untouched_14d':
      return `${name}已${untouchedDays(b)}天未跟进`;
    case 'commitment_due':
    case 'commitment_overdue':
      return `${name}承诺「${plain(b.commitment?.description ?? '')}」${dueWording(b)}`;
    case 'no_report_today':
      return '今日战报未写';
  }
}

/** Rules that escalate one another: the digest shows only the most severe for a subject. */
const FAMILY: Partial<Record<Breach['rule'], string>> = {
  untouched_7d: 'untouched',
  untouched_14d: 'untouched',
  commitment_due: 'commitment',
  commitment_overdue: 'commitment',
};

/**
 * The digest's items: one per subject and rule family, the most severe rule kept. Its size is the digest's
 * "共N条" (the console's overdue count reads the same number).
 */
export function distinctBreaches(breaches: readonly Breach[]): Map<string, Breach> {
  const unique = new Map<string, Breach>();
  for (const b of breaches) {
    const key = `${FAMILY[b.rule] ?? b.rule}:${b.subjectId}`;
    const seen = unique.get(key);
    if (!seen || RULE_ORDER.get(b.rule)! > RULE_ORDER.get(seen.rule)!) unique.set(key, b);
  }
  return unique;
}

/**
 * One markdown message for a team group: breaches grouped by rep (most breaches first), one line per
 * subject and rule — the same breach passed for both audiences, or 7 d next to 14 d, shows once.
 * Null when there is nothing to send.
 */
export function managerDigest(breaches: readonly Breach[], names: ReadonlyMap<string, string>, maxBytes = DIGEST_MAX_BYTES): string | null {
  const unique = distinctBreaches(breaches);
  if (unique.size === 0) return null;
  const byRep = groupBy(unique.values(), (b) => b.ownerUserId);
  const nameOf = (id: string) => plain(names.get(id) ?? id);
  const reps = [...byRep.entries()].sort(([a, x], [b, y]) => y.length - x.length || cmp(nameOf(a), nameOf(b)) || cmp(a, b));

  const lines = [`**跟进预警** 共${unique.size}条,涉及${reps.length}位同事`];
  let bytes = utf8Bytes(lines[0]!);
  let shown = 0;
  // Reserve room for the "more" footer so a long digest still says what was left out.
  const budget = maxBytes - 120;
  outer: for (const [repId, items] of reps) {
    const block = [`\n**${nameOf(repId)}**(${items.length}条)`, ...items.sort(byRuleThenName).map((b) => `> ${digestLine(b)}`)];
    for (const [i, line] of block.entries()) {
      const cost = utf8Bytes(line) + 1 + (i === 0 ? utf8Bytes(block[1]!) + 1 : 0);
      if (bytes + cost > budget) break outer;
      lines.push(line);
      bytes += utf8Bytes(line) + 1;
      if (i > 0) shown++;
    }
  }
  if (shown < unique.size) lines.push(`\n…另有${unique.size - shown}条,发「逾期」查看全部`);
  return lines.join('\n');
}

function customerRef(b: Breach): string {
  return b.customerName === null ? '' : `「${plain(b.customerName)}」`;
}

function promise(b: Breach): string {
  const what = `「${plain(b.commitment?.description ?? '')}」`;
  return b.customerName === null ? `你的承诺${what}` : `你答应${customerRef(b)}的${what}`;
}

/** "5月13日到期" or "5月13日到期,已逾期2天", counted in Shanghai calendar days. */
function dueWording(b: Breach): string {
  const due = b.commitment?.dueDate ?? localTime(b.dueAt).date;
  const late = daysLate(b);
  const [, m, d] = due.split('-').map(Number);
  return `${m}月${d}日到期${late > 0 ? `,已逾期${late}天` : ''}`;
}

function daysLate(b: Breach): number {
  return daysBetween(b.commitment?.dueDate ?? localTime(b.dueAt).date, localTime(now(b)).date);
}

function windowHours(b: Breach): number {
  return Math.round((b.dueAt.getTime() - b.since.getTime()) / HOUR_MS);
}

function untouchedDays(b: Breach): number {
  return Math.floor((now(b).getTime() - b.since.getTime()) / DAY_MS);
}

/** The evaluation instant, recovered so builders need no clock of their own. */
const now = (b: Breach): Date => new Date(b.dueAt.getTime() + b.overdueBy);

/** Names and descriptions are user text: one line, no characters WeCom markdown would interpret. */
function plain(text: string): string {
  return text.replace(/[*`<>[\]#]/g, '').replace(/\s+/g, ' ').trim();
}

const RULE_ORDER = new Map<string, number>(RULE_IDS.map((r, i) => [r, i]));
const byRuleThenName = (a: Breach, b: Breach) =>
  RULE_ORDER.get(a.rule)! - RULE_ORDER.get(b.rule)! || cmp(a.customerName ?? '', b.customerName ?? '') || cmp(a.subjectId, b.subjectId);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const encoder = new TextEncoder();
const utf8Bytes = (s: string) => encoder.encode(s).length;
