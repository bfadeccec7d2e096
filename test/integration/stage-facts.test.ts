// The database side of configured stages and touch kinds: stage_ends_golden() follows the stage file and
// recomputes proposal_sent once; any stage id may be stored; first contact is the owner's touch; a visit
// marks the customer; legacy 'chat' / 'report' touches are re-kinded at start-up with the same classifier.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLanguage } from '../../src/app/nlp/create-language.js';
import { backfillTouchKinds } from '../../src/app/touches/backfill-touch-kinds.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { compileStages } from '../../src/domain/stages/stage-catalog.js';
import { DEFAULT_STAGE_CONFIG, DEFAULT_STAGES } from '../../src/domain/stages/stage-ids.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { Queryable } from '../../src/store/database.js';
import { findOrCreateCustomer, setStage } from '../../src/store/repos/customers-repo.js';
import { installStageFacts } from '../../src/store/repos/stage-facts-repo.js';
import { insertStageChange } from '../../src/store/repos/stages-repo.js';
import { insertTouch } from '../../src/store/repos/touches-repo.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const { nlp } = createLanguage(join(repoRoot(), 'config'));
const T = 'sf';
const at = (d: number) => new Date(Date.UTC(2026, 4, d, 2));
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await t.db.execute(`insert into tenants (id, name) values ($1, 'stage facts')`, [T]);
});
afterAll(async () => {
  await t?.cleanup();
});

const customer = async (name: string, owner = 'owner') =>
  (await findOrCreateCustomer(t.db, { tenantId: T, name, nameKey: name, ownerUserId: owner, at: at(1) })).customer;
const facts = async (id: string) =>
  (await t.db.query<{ first_contact_at: Date | null; has_visit: boolean; proposal_sent: boolean; stage: string | null }>(
    `select first_contact_at, has_visit, proposal_sent, stage from customers where id = $1`, [id]))[0]!;
const move = async (q: Queryable, id: string, to: string, d: number) => {
  await setStage(q, T, id, to);
  await insertStageChange(q, { tenantId: T, customerId: id, fromStage: null, toStage: to, userId: 'owner', evidenceTouchId: null, promptTaskId: null, changedAt: at(d) });
};

describe('stage facts', () => {
  it('leaves the default stages’ function alone, and follows a custom stage file once', async () => {
    expect(await installStageFacts(t.db, DEFAULT_STAGES)).toBe(false);
    const demo = await customer('演示客户');
    await move(t.db, demo.id, 'demo', 2);
    expect((await facts(demo.id)).proposal_sent).toBe(true);

    // The proposal moves to a POC stage after demo: a deal in demo has sent none yet.
    const withPoc = compileStages({
      stages: [
        ...DEFAULT_STAGE_CONFIG.stages.map((s) => ({ ...s, flags: s.id === 'demo' ? [] : [...s.flags], order: s.order < 3 ? s.order : s.order + 1 })),
        { id: 'poc', label: '试点验证', order: 3, probability: 45, actionWindowHours: 120, flags: ['proposal'] },
      ],
    });
    expect(await installStageFacts(t.db, withPoc)).toBe(true);
    expect(await installStageFacts(t.db, withPoc)).toBe(false);
    expect((await facts(demo.id)).proposal_sent).toBe(false);
    const poc = await customer('试点客户');
    await move(t.db, poc.id, 'poc', 3);
    expect(await facts(poc.id)).toMatchObject({ stage: 'poc', proposal_sent: true });

    expect(await installStageFacts(t.db, DEFAULT_STAGES)).toBe(true);
    expect((await facts(demo.id)).proposal_sent).toBe(true);
  });
});

describe('touch facts', () => {
  it('counts only the owner’s touch as first contact, and a visit by anyone', async () => {
    const c = await customer('恒通机械');
    await insertTouch(t.db, { tenantId: T, customerId: c.id, userId: 'colleague', kind: 'visit', text: '顺路去了恒通机械', topics: [], inboxId: null, occurredAt: at(2) });
    expect(await facts(c.id)).toMatchObject({ first_contact_at: null, has_visit: true });
    await insertTouch(t.db, { tenantId: T, customerId: c.id, userId: 'owner', kind: 'call', text: '和恒通机械通了电话', topics: [], inboxId: null, occurredAt: at(3) });
    expect((await facts(c.id)).first_contact_at).toEqual(at(3));
  });

  it('re-kinds legacy touches by their words and marks visited customers', async () => {
    const c = await customer('永盛机械');
    const legacy = [
      { kind: 'report', text: '今天拜访了永盛机械,王经理问了价格', inboxId: 'in-1' },
      { kind: 'chat', text: '和永盛机械通了电话', inboxId: 'in-2' },
      { kind: 'chat', text: '永盛机械问了交期', inboxId: null },
      { kind: 'stage_change', text: '- → demo', inboxId: 'in-3' },
    ];
    for (const l of legacy) await insertTouch(t.db, { tenantId: T, customerId: c.id, userId: 'owner', topics: [], occurredAt: at(4), ...l });
    expect((await facts(c.id)).has_visit).toBe(false);
    expect(await backfillTouchKinds(t.db, nlp, silentLogger())).toBe(3);
    const kinds = await t.db.query<{ kind: string }>(`select kind from touches where customer_id = $1 order by text`, [c.id]);
    expect(kinds.map((k) => k.kind).sort()).toEqual(['call', 'message', 'stage_change', 'visit']);
    expect((await facts(c.id)).has_visit).toBe(true);
    expect(await backfillTouchKinds(t.db, nlp, silentLogger())).toBe(0);
  });
});
