// What a handler knows about the inbox row it is processing.
import type { InboundEvent } from '../../channels/inbound-event.js';
import type { LlmUpdateProposal } from '../../domain/customers/guard-update-proposal.js';
import type { ContactKeys } from '../../store/repos/identities-repo.js';

/** What needs the network is looked up before the transaction starts. */
export interface Prepared {
  /** The sender's display name (DingTalk nick or directory), filled in where the person has none yet. */
  newUserName: string | null;
  /** What the directory said about the sender's account when it was asked this time (app/people). */
  senderKeys?: ContactKeys | null;
  /** The LLM's reading of a chat update (when LLM_* is set and the call succeeded in time). */
  updateProposal?: LlmUpdateProposal | null;
}

/**
 * Past the app edge (handle-event) `event.senderId` is the sender's person id (users.id), not the
 * platform id: every use case stores and addresses people, and the outbox turns a person back into the
 * account they last wrote from. `account` keeps the platform side for the few that need it.
 */
export interface EventContext {
  tenantId: string;
  inboxId: string;
  event: InboundEvent;
  prepared: Prepared;
  account?: { channel: InboundEvent['channel']; platformId: string };
}
