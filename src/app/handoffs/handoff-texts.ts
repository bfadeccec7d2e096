// What the rep, the handler and the manager read about a hand-off (承诺穿透).
import { monthDay } from '../../domain/commitments/due-text.js';
import type { AnswerProblem } from '../../domain/handoffs/read-answer.js';

const about = (customer: string | null) => (customer ? `「${customer}」` : '');

export const handoffTexts = {
  /** A date field reads as a day ("12月14日"); everything else as said. */
  value: (type: string, value: string) => (type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? monthDay(value) : value),
  fieldLine: (label: string, value: string) => `${label}:${value}`,

  firstQuestion: (commitment: string, role: string, handler: string, missing: readonly string[], label: string, question: string) =>
    `「${commitment}」要转给${role} ${handler}跟进,还差${missing.join('、')}。\n先说${label}:${question}\n不转交就回复"取消"。`,
  nextQuestion: (label: string, question: string) => `好的。${label}:${question}`,
  retry: (problem: AnswerProblem, label: string, question: string): string => {
    const why: Record<AnswerProblem, string> = {
      no_date: '没听出是哪天。',
      vague_date: '要具体到哪一天。',
      past_date: '这个日期已经过了。',
      no_count: '没听出数量。',
      empty: '',
      too_long: '说得简短些(80字以内)。',
    };
    return `${why[problem]}${label}:${question}(不转交就回复"取消")`;
  },
  askAgain: (label: string, question: string) => `还有个转交的问题没答。${label}:${question}(不转交就回复"取消")`,
  cancelled: (commitment: string) => `好的,「${commitment}」这次不转交,承诺仍在你名下。`,

  handedToRep: (role: string, handler: string, kind: string, customer: string | null, lines: readonly string[]) =>
    [`已转给${role} ${handler}:${about(customer)}${kind}`, ...lines.map((l) => `· ${l}`), `${handler}点「完成」时会告诉你。`].join('\n'),

  cardTitle: (customer: string | null, kind: string) => `${customer ? `「${customer}」` : ''}${kind}任务`,
  cardDescription: (rep: string, commitment: string) => `${rep}转来:${commitment}`,
  /** The handler's own commitment: what reminders, 逾期 and 我的待办 show. */
  handlerCommitment: (kind: string, commitment: string) => `${kind}:${commitment}`,

  doneToRep: (handler: string, task: string, ownClosed: string | null) =>
    `${handler}已完成你转交的「${task}」✓${ownClosed ? `,你的承诺「${ownClosed}」也记为完成。` : ''}`,

  movedToRep: (handler: string, task: string, due: string) => `${handler}把你转交的「${task}」改到了${monthDay(due)}。`,
  droppedToRep: (handler: string, task: string) => `${handler}不做你转交的「${task}」了,这件事回到你手上,记得跟进客户。`,

  noHandlerToRep: (commitment: string, kind: string, role: string, team: string, managerTold: boolean) =>
    `「${commitment}」是${kind}类承诺,本该转给${role},但${team}还没设${role},承诺先留在你名下。${managerTold ? '已告诉主管。' : ''}`,
  noHandlerToManager: (team: string, role: string, rep: string, kind: string, commitment: string, customer: string | null) =>
    `${team}还没设${role}:${rep}${customer ? `对「${customer}」` : ''}的${kind}承诺「${commitment}」没法转交。请管理员给团队设置${role},之后这类承诺会自动转给他。`,

};
