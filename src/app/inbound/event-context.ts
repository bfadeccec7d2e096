// What a handler knows about the inbox row it is processing.
import type { InboundEvent } from '../../channels/inbound-event.js';
import type { LlmUpdateProposal } from '../../domain/customers/guard-update-proposal.js';

/** What needs the network is looked up before the transaction starts. */
export interface Prepared {
  /** Display name for a sender we have not seen yet (looked up outside the transaction). */
  newUserName: string | null;
  /** The LLM's reading of a chat update (when LLM_* is set and the call succeeded in time). */
  updateProposal?: LlmUpdateProposal | null;
}

export interface EventContext {
  tenantId: string;
  inboxId: string;
  event: InboundEvent;
  prepared: Prepared;
}
