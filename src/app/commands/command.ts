// A chat command: runs inside the message's transaction and answers; null means the text was not the
// command after all (a look-up of an unknown name) and is read as a message.
import type { Queryable } from '../../store/database.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import type { Reply } from '../outbound/reply.js';

export type Command = (tx: Queryable, deps: AppDeps, ctx: EventContext) => Promise<Reply[] | null>;
