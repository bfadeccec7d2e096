// The fixed topic ids of the product spec ("Topics"); cue words are configurable, the ids are not.
// The order of TOPIC_IDS is the order detectTopics reports topics in.

export const TOPIC_IDS = [
  'price',
  'discount',
  'payment_terms',
  'sample',
  'contract',
  'competitor',
  'delivery',
  'decision_maker',
  'budget',
  'after_sales',
  'demo',
  'quality',
  'compliance',
] as const;

export type TopicId = (typeof TOPIC_IDS)[number];

const TOPIC_ID_SET: ReadonlySet<string> = new Set(TOPIC_IDS);

export function isTopicId(value: unknown): value is TopicId {
  return typeof value === 'string' && TOPIC_ID_SET.has(value);
}
