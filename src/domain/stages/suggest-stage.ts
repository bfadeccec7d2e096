// Stage prompts from topics (product spec "Topics"): price/discount/payment_terms → negotiation,
// demo/sample → demo. Topics never suggest won or lost: those need explicit news. Contract is left to the
// stage cues (走合同, 法务审, 盖章中): a contract topic is as often a plan ("下周准备合同") as a fact, and the
// contract stage is suggested for facts only (issue 10).
import type { TopicId } from '../topics/topic-ids.js';
import { stageInfo, type StageId } from './stage-ids.js';

// isAdvance lives with the stage order; re-exported because callers reach for it next to the suggestion.
export { isAdvance } from './stage-ids.js';

const STAGE_OF_TOPIC: Partial<Readonly<Record<TopicId, StageId>>> = {
  price: 'negotiation',
  discount: 'negotiation',
  payment_terms: 'negotiation',
  demo: 'demo',
  sample: 'demo',
};

/** The most advanced stage any of the topics points to, or null when none does. */
export function suggestStageFromTopics(topics: readonly TopicId[]): StageId | null {
  let best: StageId | null = null;
  for (const topic of topics) {
    const stage = STAGE_OF_TOPIC[topic];
    if (stage && (best === null || stageInfo(stage).order > stageInfo(best).order)) best = stage;
  }
  return best;
}
