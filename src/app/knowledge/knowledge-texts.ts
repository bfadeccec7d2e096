// What 同事怎么应对 and 案例 say.
import type { MatchedCase } from '../../domain/knowledge/match-cases.js';

const STARS: Record<number, string> = { 2: '★★', 3: '★★★' };

export const knowledgeTexts = {
  /** "同事怎么应对「价格」": each case as rep · customer stars, then its answer. */
  answers(subject: string, cases: readonly { m: MatchedCase; answer: string }[]): string {
    const lines = cases.map(({ m, answer }, i) => {
      const c = m.case;
      const who = [c.repName ?? c.userId, c.customerName].filter(Boolean).join(' · ');
      return `${i + 1}. ${who} ${STARS[c.rating] ?? ''}\n${answer}`;
    });
    return [`💡 同事怎么应对「${subject}」`, ...lines].join('\n');
  },
  casesUsage:
    '发「案例 价格」看同事遇到价格异议时怎么应对(主管评了★★以上的战报)。\n' +
    '也可以换成 账期、竞品、交期、决策人,或者竞品的名字,例如「案例 账期」。',
  noCases: (subject: string) => `团队里还没有「${subject}」的★★以上战报。主管给战报打★★后就会进知识库。`,
};
