// What a rep reads about a lead score: one short phrase per reason ("谈到合同条款", "已3天未跟进").
import type { ScoreReason } from '../../domain/scoring/score-customer.js';
import type { StageCatalog } from '../../domain/stages/stage-catalog.js';

const wan = (yuan: number) => (yuan >= 10_000 ? `${Math.round(yuan / 1000) / 10}万` : `${Math.round(yuan)}元`);

export function reasonText(r: ScoreReason, stages: StageCatalog): string {
  const p = r.params;
  const n = (k: string) => Number(p[k] ?? 0);
  const stage = () => stages.label(String(p.stage ?? ''));
  switch (r.code) {
    case 'depth': {
      const parts = [
        n('visits') ? `拜访${n('visits')}次` : '', n('meetings') ? `会议${n('meetings')}次` : '',
        n('calls') ? `通话${n('calls')}次` : '', n('reports') ? `战报${n('reports')}份` : '',
      ].filter(Boolean);
      return parts.length ? parts.join('、') : '有过沟通';
    }
    case 'stage': return `${stage()}阶段`;
    case 'fresh': return n('days') === 0 ? '今天跟进过' : `${n('days')}天内跟进过`;
    case 'stale': return `已${n('days')}天未跟进`;
    case 'never_touched': return '还没联系过';
    case 'on_pace': return `${stage()}推进正常`;
    case 'slow_stage':
    case 'stuck_stage': return `在${stage()}已${n('days')}天(赢单一般${n('medianDays')}天)`;
    case 'budget_fit': return '金额与常见赢单相当';
    case 'budget_above': return `金额${wan(n('amount'))}远高于常见赢单`;
    case 'budget_below': return `金额${wan(n('amount'))}远低于常见赢单`;
    case 'amount_known': return `已谈到金额${wan(n('amount'))}`;
    case 'topic_contract': return '谈到合同条款';
    case 'topic_decision_maker': return '接触到决策人';
    case 'topic_budget': return '谈到预算';
    case 'competitor': return p.name ? `出现竞品${String(p.name)}` : '出现竞品';
    case 'vague': return `跟进含糊(${String(p.phrase ?? '')})`;
    case 'lost_cue': return `有丢单迹象(${String(p.phrase ?? '')})`;
  }
}

/**
 * The reasons a list line shows: the strongest plus and the strongest minus (the stage is on the line
 * already), "82 · 谈到合同条款 · 已3天未跟进".
 */
export function topReasons(reasons: readonly ScoreReason[], stages: StageCatalog): string[] {
  const shown = reasons.filter((r) => r.code !== 'stage');
  const up = shown.find((r) => r.points > 0);
  const down = shown.find((r) => r.points < 0);
  return [up, down].filter((r): r is ScoreReason => r !== undefined).map((r) => reasonText(r, stages));
}

export const scoringTexts = {
  myCustomersHeader: (total: number, shown: number) => (total > shown ? `你的客户(共${total}个,按评分列前${shown}个):` : `你的客户(${total}个,按评分排):`),
} as const;
