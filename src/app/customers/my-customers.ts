// 我的客户: the rep's customers ordered by lead score, each with its stage, score and the reasons that
// matter most ("恒信机械 · 商务谈判 · 82 · 谈到合同条款 · 已3天未跟进"); closed deals come last.
import { listScoredCustomers, unscoredOf } from '../../store/repos/scoring-repo.js';
import type { Command } from '../commands/command.js';
import { formatAgo } from '../commands/format-ago.js';
import { msg } from '../messages.js';
import { toUser } from '../outbound/reply.js';
import { shanghaiDayStart } from '../../shared/shanghai-time.js';
import { rescoreCustomers } from '../scoring/rescore.js';
import { scoringTexts, topReasons } from '../scoring/scoring-texts.js';

const MAX_LISTED = 20;

export const myCustomers: Command = async (tx, deps, ctx) => {
  const userId = ctx.event.senderId;
  // Scores no message or job reached today are computed now, so the order and "已N天未跟进" are today's.
  const now = deps.clock.now();
  const unscored = await unscoredOf(tx, ctx.tenantId, userId, shanghaiDayStart(now), 100);
  if (unscored.length) await rescoreCustomers(tx, deps, ctx.tenantId, unscored, now);
  const { items, total } = await listScoredCustomers(tx, ctx.tenantId, userId, MAX_LISTED);
  if (items.length === 0) return [toUser(userId, { kind: 'text', text: msg.noCustomers })];
  const lines = items.map((c, i) => {
    const stage = c.stage ? deps.stages.label(c.stage) : msg.notSet;
    const touched = c.lastTouchAt ? formatAgo(c.lastTouchAt, ctx.event.sentAt) : msg.neverTouched;
    const reasons = c.score === null ? [] : topReasons(c.reasons, deps.stages);
    const why = c.score === null ? [touched] : [String(c.score), ...(reasons.length ? reasons : [touched])];
    return `${i + 1}. ${c.name} · ${stage} · ${why.join(' · ')}`;
  });
  return [toUser(userId, { kind: 'text', text: [scoringTexts.myCustomersHeader(total, items.length), ...lines].join('\n') })];
};
