// Chat commands a rep can type: 帮助, 我的客户, 我的待办, 改名 旧名 新名, 合并 A B, 查 X / X怎么样了 (and the
// managers' ones, with 转给 张三 X and 张三的战报 / 战报 @张三 in lookups/people-commands.ts).
import { own } from '../../shared/own.js';
import { msg } from '../messages.js';
import { toUser } from '../outbound/reply.js';
import type { Command } from './command.js';
import { myCustomers } from '../customers/my-customers.js';
import { targetCommand } from '../targets/target-command.js';
import { myLeadsCommand } from '../leads/my-leads.js';
import { casesCommand } from '../knowledge/cases-command.js';
import { winPostsCommand } from '../wins/win-posts-command.js';
import { mergeCommand, renameCommand } from '../customers/customer-commands.js';
import { asManagerCommand, forecast, myOverdue, overdue, ranking, stageFunnel, teamHealth } from './manager-commands.js';
import { myTodos } from '../commitments/my-work.js';
import { peopleCommand } from '../lookups/people-commands.js';


const COMMANDS: Record<string, Command> = {
  帮助: async (_tx, _deps, ctx) => [toUser(ctx.event.senderId, { kind: 'text', text: msg.help })],
  我的客户: (tx, deps, ctx) => myCustomers(tx, deps, ctx),
  逾期: asManagerCommand(overdue, myOverdue),
  漏斗: asManagerCommand(stageFunnel),
  预测: asManagerCommand(forecast),
  健康度: asManagerCommand(teamHealth),
  排行: asManagerCommand(ranking),
  // A rep's own open items, whoever asks: a manager's 逾期 is the team's, 我的待办 stays personal.
  // It lists their open commitments too, with the 完成 / 改期 card (app/commitments/my-work.ts).
  我的待办: myTodos,
  目标: targetCommand,
  我的线索: myLeadsCommand,
  喜报: winPostsCommand, 喜报关: winPostsCommand, 喜报开: winPostsCommand, 喜报关闭: winPostsCommand, 喜报打开: winPostsCommand,
};
/** Commands followed by their arguments (改名 恒信 恒信机械); alone they answer with their usage. */
const WITH_NAMES: Record<string, Command> = { 改名: renameCommand, 合并: mergeCommand, 案例: casesCommand };
const ALIASES: Record<string, string> = {
  help: '帮助', '?': '帮助', '？': '帮助', 客户: '我的客户', 我的客戶: '我的客户', 排行榜: '排行', 待办: '我的待办', 我的待辦: '我的待办',
  我的目标: '目标', 目標: '目标', 线索: '我的线索', 我的線索: '我的线索',
};
/** Commands that take an argument after a space (排行 本周). */
const WITH_ARGUMENT = /^(排行榜?)\s*(今日|今天|本周|这周|本月|这个月)$/;

/** Returns the command a text invokes, or null when the text is an ordinary update. */
export function matchCommand(text: string): Command | null {
  // NFKC folds full-width spaces, slashes and punctuation ("排行　本周", "／帮助", "？") into ASCII, and
  // inner runs of spaces count as one ("我的　客户" is still 我的客户).
  const cleaned = text.normalize('NFKC').trim().replace(/^[/@]/, '').replace(/[。.!\s]+$/, '').replace(/\s+/g, ' ');
  const named = /^(改名|合并|案例)(?: |$)/.exec(cleaned)?.[1];
  if (named) return WITH_NAMES[named]!;
  const people = peopleCommand(cleaned);
  if (people) return people;
  const key = (WITH_ARGUMENT.exec(cleaned)?.[1] ?? cleaned).toLowerCase();
  return own(COMMANDS, key) ?? own(COMMANDS, own(ALIASES, key) ?? '') ?? own(COMMANDS, key.replace(/ /g, '')) ?? null;
}
