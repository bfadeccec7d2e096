// "不是A是B" / "客户名称改成X" after the bot filed an update under the wrong customer: the use case the intent
// router calls (correctCustomer) moves the touch with its stage history, or fixes the open report draft.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctCustomer } from '../../src/app/customers/correct-customer.js';
import type { EventContext } from '../../src/app/inbound/event-context.js';
import type { Reply } from '../../src/app/outbound/reply.js';
import { parseCustomerCorrection } from '../../src/domain/customers/customer-correction.js';
import { cardClickXml, eventually, startTestServer, textXml, WECOM, type TestServer } from '../support/test-server.js';
import { sentTo } from '../support/wecom-chat.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const to = (user: string) => sentTo(t, user);
let n = 0;

async function correct(user: string, text: string): Promise<Reply[]> {
  const correction = parseCustomerCorrection(text);
  if (!correction) throw new Error(`not a correction: ${text}`);
  const ctx: EventContext = {
    tenantId: 'default', inboxId: `correction-${++n}`, prepared: { newUserName: null },
    event: { type: 'text', channel: 'wecom', orgId: WECOM.corpId, dedupeKey: `c-${n}`, senderId: user, chatId: null, conversationKey: user, sentAt: new Date(), text },
  };
  return t.db.transaction((tx) => correctCustomer(tx, t.server.deps, ctx, correction));
}
const texts = (replies: Reply[]) => replies.map((r) => (r.message.kind === 'text' ? r.message.text : r.message.kind));

const customer = async (name: string) =>
  (await t.db.query<Record<string, any>>(
    `select id, stage, first_contact_at, last_touch_at, stage_entered_at, has_visit, proposal_sent from customers where tenant_id = 'default' and name = $1`,
    [name],
  ))[0];
/** The reminder facts the slow way, from the rows. */
const factsFromRows = async (id: string) =>
  (await t.db.query<Record<string, unknown>>(
    `select (select min(occurred_at) from touches where customer_id = $1) as first_contact_at,
            (select max(occurred_at) from touches where customer_id = $1) as last_touch_at,
            (select max(changed_at) from stage_changes where customer_id = $1) as stage_entered_at,
            coalesce((select bool_or(to_stage in ('demo','negotiation','contract','won')) from stage_changes where customer_id = $1), false) as proposal_sent`,
    [id],
  ))[0];

async function update(user: string, text: string, createTime?: number) {
  const before = to(user).length;
  await t.postCallback(textXml(user, text, createTime));
  return eventually(() => to(user)[before]);
}

describe('correctCustomer', () => {
  it('moves the latest touch and the stage it set to the right customer; the mistaken customer goes', async () => {
    await update('k-rep', '刚去了清河药业,客户问了价格');
    const card = await eventually(() => to('k-rep').map((c) => c.body?.template_card as any).find((c) => c?.main_title?.title?.startsWith('清河药业')));
    await t.postCallback(cardClickXml('k-rep', card.task_id, card.button_list.find((b: any) => b.text === '方案演示').key));
    await eventually(async () => (await customer('清河药业'))?.stage === 'demo');

    expect(texts(await correct('k-rep', '不是清河药业,是清源药业'))).toEqual(['好的,已改到「清源药业」,不再记在「清河药业」。']);
    expect(await customer('清河药业')).toBeUndefined();
    const right = await customer('清源药业');
    expect(right).toMatchObject({ stage: 'demo', proposal_sent: true });
    expect(right).toMatchObject(await factsFromRows(right!.id));
    const kinds = await t.db.query<{ kind: string }>(`select kind from touches where customer_id = $1 order by kind`, [right!.id]);
    expect(kinds.map((k) => k.kind)).toEqual(['stage_change', 'visit']); // "刚去了" is a visit
    expect(await t.db.query(`select 1 from stage_prompts where task_id = $1 and customer_id = $2`, [card.task_id, right!.id])).toHaveLength(1);

    expect(texts(await correct('k-rep', '客户是清源药业'))).toEqual(['这条已经记在「清源药业」了。']);
    // Reads like a correction, but 价格 is no customer: the caller treats the text as an ordinary update.
    expect(await correct('k-rep', '不是价格,是交期')).toEqual([]);
  });

  it('keeps a wrong customer that has other history, with its facts recomputed', async () => {
    const now = Math.floor(Date.now() / 1000);
    await update('k-rep2', '拜访了北辰科技,聊了售后', now - 3600);
    await update('k-rep2', '北辰科技又问了交期', now - 60);
    expect(texts(await correct('k-rep2', '客户名称改成北辰智能'))).toEqual(['好的,已改到「北辰智能」,不再记在「北辰科技」。']);
    const kept = await customer('北辰科技');
    expect(kept.last_touch_at).toEqual(new Date((now - 3600) * 1000));
    expect(kept).toMatchObject(await factsFromRows(kept.id));
    const moved = await customer('北辰智能');
    expect(moved.last_touch_at).toEqual(new Date((now - 60) * 1000));
    expect(moved).toMatchObject(await factsFromRows(moved.id));
  });

  it('fixes the customer of an open report draft and re-issues its card', async () => {
    await update('k-rep3', '战报 今天拜访了清河医院,王主任说下周三签合同,金额50万');
    await eventually(() => to('k-rep3').find((c) => c.body?.template_card));
    const replies = await correct('k-rep3', '客户名称改成清源医院');
    expect(texts(replies)).toEqual(['好的,战报客户已改为「清源医院」。', 'button_card']);
    const card = replies[1]!.message;
    expect(card.kind === 'button_card' && card.card.title).toContain('清源医院');
    const [draft] = await t.db.query<{ customer: string }>(`select report->>'customer' as customer from report_drafts where user_id = 'k-rep3'`);
    expect(draft!.customer).toBe('清源医院');
  });

  it('says so when there is nothing to correct', async () => {
    expect(texts(await correct('k-nobody', '客户是清源药业'))).toEqual([expect.stringContaining('最近24小时没有')]);
  });
});
