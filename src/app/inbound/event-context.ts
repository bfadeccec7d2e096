// What a handler knows about the inbox row it is processing.
import type { InboundEvent } from '../../channels/inbound-event.js';
import type { Prepared } from './process-conversation.js';

export interface EventContext {
  tenantId: string;
  inboxId: string;
  event: InboundEvent;
  prepared: Prepared;
}
