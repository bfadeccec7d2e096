// The 完成 / 改期 card: one commitment or up to three, within WeCom's card limits, and the same card as
// DingTalk numbered choices.
import { describe, expect, it } from 'vitest';
import { cardItemsOf, commitmentCard, isSingleCommitmentCard, parseCommitmentKey } from '../../src/app/commitments/commitment-card.js';
import { numberedChoices, toSessionWebhookBody } from '../../src/channels/dingtalk/render.js';
import { CARD_LIMITS, renderOutbound } from '../../src/channels/wecom/render.js';
import type { Breach } from '../../src/domain/reminders/breach.js';

const item = (n: number, dueDate = '2026-12-09') => ({ id: `k${n}`, customerName: `客户${n}`, description: `周三前发方案${n}(12月9日)`, dueDate });

describe('commitment card', () => {
  it('one commitment: 完成 / 改期, the due day and how late', () => {
    const card = commitmentCard([item(1)], 'abc', '2026-12-10')!;
    expect(card).toMatchObject({ taskId: 'cmt-abc', title: '「客户1」的承诺', description: '周三前发方案1(12月9日)', fields: [{ label: '到期', value: '12月9日,已逾期1天' }] });
    expect(card.buttons.map((b) => b.text)).toEqual(['完成', '改期']);
    expect(card.buttons.map((b) => parseCommitmentKey(b.key))).toEqual([{ action: 'done', id: 'k1' }, { action: 'resched', id: 'k1' }]);
    expect(isSingleCommitmentCard(card.taskId)).toBe(true);
    expect(commitmentCard([item(1)], 'abc', '2026-12-09')!.fields![0]!.value).toBe('12月9日(今天)');
  });

  it('several: three at most (six WeCom buttons), numbered, the rest counted', () => {
    const card = commitmentCard([1, 2, 3, 4, 5].map((n) => item(n)), 'xyz', '2026-12-09')!;
    expect(isSingleCommitmentCard(card.taskId)).toBe(false);
    expect(card.title).toBe('5条承诺待处理');
    expect(card.description).toContain('另有2条');
    expect(card.buttons.map((b) => b.text)).toEqual(['① 完成', '① 改期', '② 完成', '② 改期', '③ 完成', '③ 改期']);
    expect(card.buttons.length).toBeLessThanOrEqual(CARD_LIMITS.buttons);
    expect(card.buttons.every((b) => b.text.length <= CARD_LIMITS.buttonText)).toBe(true);
    const wecom = renderOutbound({ kind: 'button_card', card }, { kind: 'user', userId: 'u1' }, 1000002);
    expect((wecom.body.template_card as any).button_list).toHaveLength(6);
  });

  it('is the same card as DingTalk numbered choices', () => {
    const card = commitmentCard([item(1)], 'abc', '2026-12-09')!;
    const body = toSessionWebhookBody({ kind: 'button_card', card })!;
    expect(body.msgtype === 'markdown' && body.markdown.text).toContain('回复 1 完成');
    expect(numberedChoices(card).map((c) => [c.number, c.key])).toEqual([[1, 'cmt:done:k1'], [2, 'cmt:resched:k1']]);
  });

  it('is nothing without commitments, and takes each alerted commitment once, earliest due first', () => {
    expect(commitmentCard([], 'abc', '2026-12-09')).toBeNull();
    const b = (subjectId: string, dueDate: string): Breach => ({
      rule: 'commitment_due', audience: 'rep', subjectId, customerId: 'c1', customerName: '恒信机械', ownerUserId: 'u1', teamKey: null,
      since: new Date(0), dueAt: new Date(0), overdueBy: 0, periodKey: subjectId, stage: null, commitment: { description: '发报价', dueDate },
    });
    const golden = { ...b('c1', '2026-12-01'), rule: 'golden_48h' as const, commitment: null };
    expect(cardItemsOf([b('k2', '2026-12-09'), golden, b('k1', '2026-12-08'), b('k2', '2026-12-09')]).map((k) => k.id)).toEqual(['k1', 'k2']);
  });
});
