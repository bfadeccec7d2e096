// 喜报 关 / 喜报 开 (managers): turns the won-deal posts of every team the sender leads off or on;
// 喜报 alone shows where they stand. The admin API does the same per team (PUT /api/teams/:key/settings).
import { managedTeams, setWinPosts } from '../../store/repos/wins-repo.js';
import type { Command } from '../commands/command.js';
import { toUser } from '../outbound/reply.js';
import { winTexts } from './win-texts.js';

/** The switch a text asks for: false for 关, true for 开, null for none (show the state). */
export function winSwitchOf(text: string): boolean | null {
  const rest = text.normalize('NFKC').replace(/\s+/g, '').replace(/^[/@]?喜报/, '');
  if (/^(关|关闭|关掉|停|停止|off)$/i.test(rest)) return false;
  if (/^(开|打开|开启|开通|on)$/i.test(rest)) return true;
  return null;
}

export const winPostsCommand: Command = async (tx, _deps, ctx) => {
  const me = ctx.event.senderId;
  const say = (text: string) => [toUser(me, { kind: 'text', text })];
  const teams = await managedTeams(tx, ctx.tenantId, me);
  if (teams.length === 0) return say(winTexts.command.notManager);
  const on = winSwitchOf(ctx.event.type === 'text' ? ctx.event.text : '');
  if (on === null) return say(winTexts.command.status(teams.map((t) => ({ name: t.name, on: t.winPosts }))));
  for (const t of teams) await setWinPosts(tx, ctx.tenantId, t.teamKey, on, me);
  return say(winTexts.command.switched(on, teams.map((t) => t.name)));
};
