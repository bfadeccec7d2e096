// 目标: a rep's progress against their month (and quarter) target in one message; a manager's adds each
// team they lead. A rep without a target of their own sees their team's, if it has one; nobody's: a hint.
import { periodKeysAt } from '../../domain/targets/target-period.js';
import { listTeams } from '../../store/repos/teams-repo.js';
import { targetsFor } from '../../store/repos/targets-repo.js';
import type { Command } from '../commands/command.js';
import { toUser } from '../outbound/reply.js';
import { readProgress, type RowProgress } from './read-progress.js';
import { targetTexts as tt } from './target-texts.js';

export const targetCommand: Command = async (tx, deps, ctx) => {
  const me = ctx.event.senderId;
  const at = ctx.event.sentAt;
  const keys = periodKeysAt(at);
  const teams = await listTeams(tx, ctx.tenantId);
  const led = teams.filter((t) => t.managerUserIds.includes(me));
  const home = teams.filter((t) => t.memberUserIds.includes(me) && !t.managerUserIds.includes(me));
  const rows = await targetsFor(tx, ctx.tenantId, [keys.month, keys.quarter], { teamKeys: [...led, ...home].map((t) => t.key), userIds: [me] });
  const progress = await readProgress(tx, deps, ctx.tenantId, rows, at);
  const money = deps.reportRules.formatAmount;
  const line = (p: RowProgress) => tt.progressLine(tt.scope[p.period.kind], p.progress, money);
  // Month before quarter, as targetsFor orders the periods ("2026-12" < "2026-Q4").
  const mine = progress.filter((p) => p.row.userId === me).map(line);
  const teamLines = (among: typeof teams) =>
    progress.filter((p) => among.some((t) => t.key === p.row.teamKey)).map((p) => tt.teamLine(p.team?.name ?? p.row.teamKey!, line(p)));
  const ledLines = teamLines(led);
  const homeLines = teamLines(home);

  let lines: string[];
  if (mine.length > 0 || ledLines.length > 0) lines = [...mine, ...ledLines];
  else if (homeLines.length > 0) lines = [tt.noPersonalTarget, ...homeLines];
  else lines = [led.length > 0 ? tt.noTeamTarget : tt.noTarget];
  return [toUser(me, { kind: 'text', text: lines.join('\n') })];
};
