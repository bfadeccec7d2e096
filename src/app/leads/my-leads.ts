// Placeholder: filled in by the work that owns this command (issue 15).
import type { Command } from '../commands/command.js';
import { toUser } from '../outbound/reply.js';

export const myLeadsCommand: Command = async (_tx, _deps, ctx) => [toUser(ctx.event.senderId, { kind: 'text', text: '这个功能还在准备中。' })];
