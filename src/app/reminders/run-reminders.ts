// The reminders and report-nudge jobs: evaluate the rules as of a time, keep only breaches not yet
// alerted in their period (one alert per breach per day), and queue the rep messages plus one digest
// per team group through the outbox, all in one transaction. Quiet hours defer delivery to the morning.
import { createHash } from 'node:crypto';
import type { Breach, RuleId } from '../../domain/reminders/breach.js';
import { managerDigest } from '../../domain/reminders/alert-text.js';
import { repAlertList } from '../../domain/reminders/rep-alert-list.js';
import { evaluateBreaches } from '../../domain/reminders/evaluate-breaches.js';
import { sweepCutoffs } from '../../domain/reminders/sweep-cutoffs.js';
import { groupBy } from '../../shared/group-by.js';
import { shanghaiDate, shanghaiDayStart } from '../../shared/shanghai-time.js';
import { insertOutbound } from '../../store/repos/outbox-repo.js';
import { claimAlerts, loadReminderState, type ReminderScope } from '../../store/repos/reminder-state-repo.js';
import { listTeams } from '../../store/repos/teams-repo.js';
import { channelsOf, listUsers } from '../../store/repos/users-repo.js';
import type { ChannelId } from '../../channels/inbound-event.js';
import { alertDelivery } from '../teams/alert-delivery.js';
import { cardItemsOf, commitmentCard } from '../commitments/commitment-card.js';
import type { OutboundMessage, Recipient } from '../../channels/outbound-message.js';
import type { AppDeps } from '../app-deps.js';

export type ReminderJob = 'reminders' | 'report-nudge';

export interface ProducedMessage {
  to: string;
  kind: OutboundMessage['kind'];
  text: string;
  deliverAt: string;
}

export interface ReminderRun {
  job: ReminderJob;
  at: string;
  breaches: number;
  alerted: number;
  messages: ProducedMessage[];
}

/** What each job reads: the nudge needs only who reported today, the reminders only customers and promises. */
const JOB_SCOPE: Record<ReminderJob, (at: Date) => ReminderScope> = {
  reminders: () => ({ customers: true }),
  'report-nudge': (at) => ({ customers: false, reportsSince: shanghaiDayStart(at) }),
};

const JOB_RULES: Record<ReminderJob, (rule: RuleId) => boolean> = {
  reminders: (rule) => rule !== 'no_report_today',
  'report-nudge': (rule) => rule === 'no_report_today',
};

/**
 * `immediate`: an on-demand run delivers what it produces right away; a scheduled run respects quiet
 * hours. Either way the rules see the clock as `at`.
 */
export async function runReminders(
  deps: AppDeps,
  job: ReminderJob,
  at: Date,
  opts: { immediate?: boolean; tenantId?: string } = {},
): Promise<ReminderRun> {
  const tenantId = opts.tenantId ?? deps.config.defaultTenantId;
  const state = await loadReminderState(deps.db, tenantId, sweepCutoffs(at, deps.pushRules), JOB_SCOPE[job](at));
  const breaches = evaluateBreaches(state, at, deps.pushRules).filter((b) => JOB_RULES[job](b.rule));
  const [users, teams] = await Promise.all([listUsers(deps.db, tenantId), listTeams(deps.db, tenantId)]);
  const names = new Map(users.map((u) => [u.id, u.name ?? u.id]));
  const deliverAt = opts.immediate ? null : deps.pushRules.calendar.deliverAt(at);

  const messages: ProducedMessage[] = [];
  await deps.db.transaction(async (tx) => {
    const fresh = await claimAlerts(tx, tenantId, breaches);
    const alerts = breaches.filter((b) => fresh.has(b.periodKey));
    const outgoing: { key: string; channel: ChannelId; to: Recipient; label: string; message: OutboundMessage }[] = [];
    // One message per rep and run: a rep with twelve stale customers gets one list, not twelve pings.
    const repAlerts = groupBy(alerts.filter((x) => x.audience === 'rep'), (b) => b.ownerUserId);
    const repChannels = await channelsOf(tx, tenantId, [...repAlerts.keys()]);
    for (const [repId, mine] of repAlerts) {
      const key = mine.length === 1 ? `alert:${mine[0]!.periodKey}` : `alerts:${repId}:${keyOf(mine)}`;
      const channel = repChannels.get(repId) ?? 'wecom';
      outgoing.push({ key, channel, to: { kind: 'user', userId: repId }, label: repId, message: { kind: 'text', text: repAlertList(mine) } });
      // Promises among the alerts come with 完成 / 改期, dated as the rep will read them.
      const card = commitmentCard(cardItemsOf(mine), keyOf(mine), shanghaiDate(deliverAt ?? at));
      if (card) outgoing.push({ key: `${key}:card`, channel, to: { kind: 'user', userId: repId }, label: repId, message: { kind: 'button_card', card } });
    }
    for (const team of teams) {
      const teamBreaches = alerts.filter((b) => b.audience === 'manager_group' && b.teamKey === team.key);
      const digest = managerDigest(teamBreaches, names);
      if (!digest || !team.alert) continue;
      const { channel, recipient: to } = alertDelivery(team.alert);
      outgoing.push({ key: `digest:${team.key}:${keyOf(teamBreaches)}`, channel, to, label: `team:${team.key}`, message: { kind: 'markdown', markdown: digest } });
    }
    for (const o of outgoing) {
      const id = await insertOutbound(tx, { tenantId, channel: o.channel, idempotencyKey: o.key, recipient: o.to, message: o.message, notBefore: deliverAt ?? deps.clock.now() });
      if (!id) continue;
      await deps.queue.enqueue('deliver-outbound', { outboxId: id }, { tx, startAfter: deliverAt ?? undefined });
      messages.push({ to: o.label, kind: o.message.kind, text: textOf(o.message), deliverAt: (deliverAt ?? new Date()).toISOString() });
    }
    unassigned(deps, alerts, teams.map((t) => t.key));
  });
  deps.logger.info({ job, at: at.toISOString(), breaches: breaches.length, messages: messages.length }, 'reminder run finished');
  return { job, at: at.toISOString(), breaches: breaches.length, alerted: messages.length, messages };
}

/** Manager-group breaches of reps in no team with a target cannot be delivered: say so in the log. */
function unassigned(deps: AppDeps, alerts: readonly Breach[], teamKeys: readonly string[]): void {
  const lost = alerts.filter((b) => b.audience === 'manager_group' && (b.teamKey === null || !teamKeys.includes(b.teamKey)));
  if (lost.length) deps.logger.warn({ count: lost.length }, 'manager alerts for reps without a team alert target were not sent');
}

/**
 * An outbox key naming exactly the breaches a message carries. Breaches are claimed before the message
 * is queued, so a key shared by different sets (say, one per run time) would swallow the second set.
 */
function keyOf(breaches: readonly Breach[]): string {
  const keys = breaches.map((b) => b.periodKey).sort();
  return createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 32);
}

/** What the on-demand run reports back for a message (a card by its title). */
function textOf(m: OutboundMessage): string {
  return m.kind === 'text' ? m.text : m.kind === 'markdown' ? m.markdown : m.kind === 'button_card' ? m.card.title : '';
}
