// Chat-update LLM port: the model proposes the customer, topics and stage of a rep's text update.
// The proposal is raw and untrusted; domain/customers/guard-update-proposal decides what survives.

export interface UpdateProposal {
  /** The organisation as the model read it; not yet checked against the text. */
  customer: string | null;
  /** Topic ids as the model wrote them; not yet checked against the fixed id list. */
  topics: string[];
  /** A stage id as the model wrote it; not yet checked against the fixed id list. */
  stage: string | null;
}

export interface UpdateLlmInput {
  text: string;
  knownCustomers: readonly string[];
}

export interface UpdateLlm {
  /** Rejects with an LlmError (a ProviderError) on timeout, HTTP failure or unusable output. */
  propose(input: UpdateLlmInput): Promise<UpdateProposal>;
}

/**
 * Shapes a parsed JSON object into a proposal: wrongly typed fields become null / [] rather than
 * failing the whole answer; values are trimmed, blanks dropped, topics deduplicated.
 */
export function toUpdateProposal(json: Record<string, unknown>): UpdateProposal {
  return {
    customer: text(json.customer),
    topics: Array.isArray(json.topics) ? [...new Set(json.topics.map(text).filter((t): t is string => t !== null))] : [],
    stage: text(json.stage),
  };
}

function text(v: unknown): string | null {
  return typeof v === 'string' ? v.trim() || null : null;
}
