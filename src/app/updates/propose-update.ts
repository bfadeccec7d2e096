// Asks the LLM (when configured) how it reads a chat update, before the processing transaction starts:
// the network is never called inside it. Any failure or timeout means the rules decide alone.
import type { LlmUpdateProposal } from '../../domain/customers/guard-update-proposal.js';
import { listCustomerNames } from '../../store/repos/customers-repo.js';
import type { InboxRow } from '../../store/repos/inbox-repo.js';
import type { AppDeps } from '../app-deps.js';
import { matchCommand } from '../commands/chat-commands.js';

export async function proposeUpdate(deps: AppDeps, row: InboxRow): Promise<LlmUpdateProposal | null> {
  const event = row.event;
  if (!deps.updateLlm || event.type !== 'text' || matchCommand(event.text)) return null;
  try {
    const known = await listCustomerNames(deps.db, row.tenantId);
    if (deps.nlp.understand(event.text, known, event.sentAt).intent.kind !== 'update') return null;
    return await deps.updateLlm.propose({ text: event.text, knownCustomers: known });
  } catch (err) {
    deps.logger.warn({ err, inboxId: row.id }, 'update LLM failed; using the rules alone');
    return null;
  }
}
