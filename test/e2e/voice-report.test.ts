// Voice note → ASR → battle-report card → 修改 / 确认 → report, touch, stage, commitment and points,
// stored once. Also: no ASR configured (audio kept, transcribed after restart), vague notes, LLM merge.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeModelApi } from '../../scripts/dev/fake-model-api.js';
import { useServerWithAsr } from '../support/server-with-asr.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { cardClickXml, eventually, textXml, voiceXml, type TestServer } from '../support/test-server.js';

const fixtureDir = join(repoRoot(), 'test', 'fixtures', 'audio');
const amr = () => readFileSync(join(fixtureDir, readdirSync(fixtureDir).filter((f) => f.endsWith('.amr')).sort()[0]!));

let t: TestServer;
let model: FakeModelApi;

useServerWithAsr((s) => ({ t, model } = s));

const sentTo = (user: string) =>
  t.fake.sent().filter((c) => c.body?.touser === user || (c.body?.userids as string[] | undefined)?.includes(user));
const cards = (user: string) => sentTo(user).filter((c) => c.body?.msgtype === 'template_card').map((c) => c.body!.template_card as any);
const texts = (user: string) => sentTo(user).filter((c) => c.body?.msgtype === 'text').map((c) => (c.body!.text as any).content as string);
const field = (card: any, name: string) => card.horizontal_content_list.find((f: any) => f.keyname === name)?.value;
const button = (card: any, text: string) => card.button_list.find((b: any) => b.text === text);

// Wednesday 2026-11-18 10:00 Asia/Shanghai.
const RECORDED = Math.floor(Date.parse('2026-11-18T10:00:00+08:00') / 1000);

describe('voice note to confirmed battle report', () => {
  it('transcribes, drafts a card, takes a correction, and stores everything once on 确认', async () => {
    t.fake.media.set('voice-1', { bytes: amr(), contentType: 'voice/amr' });
    model.transcripts = ['今天去了嘉禾物流,和王经理谈了价格,报价八十万,他们要九十天账期,下周三带合同过去。'];
    expect((await t.postCallback(voiceXml('rep-voice', 'voice-1', RECORDED), { timestamp: Math.floor(Date.now() / 1000) })).status).toBe(200);

    const card = await eventually(() => cards('rep-voice')[0]);
    expect(card.main_title.title).toContain('嘉禾物流');
    expect(field(card, '金额')).toBe('80万');
    expect(field(card, '账期')).toBe('90天');
    expect(field(card, '下一步')).toContain('11-25');
    expect(card.button_list.map((b: any) => b.text)).toEqual(['确认', '修改', '作废']);
    const audioCall = model.calls.find((c) => c.path.endsWith('/audio/transcriptions'));
    expect(audioCall!.bytes).toBeGreaterThan(1000); // a WAV went to ASR, not an empty body

    await t.postCallback(cardClickXml('rep-voice', card.task_id, button(card, '修改').key));
    await eventually(() => texts('rep-voice').some((x) => x.includes('要改哪里')));
    await t.postCallback(textXml('rep-voice', '金额改成75万'));
    const revised = await eventually(() => cards('rep-voice')[1]);
    expect(field(revised, '金额')).toBe('75万');
    expect(revised.task_id).not.toBe(card.task_id);

    const confirm = cardClickXml('rep-voice', revised.task_id, button(revised, '确认').key);
    await t.postCallback(confirm);
    await t.postCallback(cardClickXml('rep-voice', revised.task_id, button(revised, '确认').key, Math.floor(Date.now() / 1000) + 1));
    await eventually(() => texts('rep-voice').some((x) => x.includes('战报已保存')));
    expect(texts('rep-voice').find((x) => x.includes('战报已保存'))).toContain('+55分');

    const reports = await t.api('/api/reports?userId=rep-voice');
    expect(reports.json.items).toHaveLength(1);
    expect(reports.json.items[0]).toMatchObject({ customer: '嘉禾物流', amount: 750000, paymentTermsDays: 90, nextActionDue: '2026-11-25', stage: 'negotiation' });
    expect(reports.json.items[0].transcript).toContain('嘉禾物流');

    const customers = await t.api('/api/customers?q=嘉禾');
    const detail = await t.api(`/api/customers/${customers.json.items[0].id}`);
    expect(detail.json.stage).toBe('negotiation');
    expect(detail.json.stageHistory).toHaveLength(1);
    const commitments = await t.db.query<{ due: string; owner_user_id: string }>(`select due_date::text as due, owner_user_id from commitments`);
    expect(commitments).toEqual([{ due: '2026-11-25', owner_user_id: 'rep-voice' }]);
    const points = await t.db.query<{ n: number }>(`select coalesce(sum(points), 0)::int as n from points_ledger where user_id = 'rep-voice'`);
    expect(points[0]!.n).toBe(55);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await t.api('/api/reports?userId=rep-voice')).json.items).toHaveLength(1);
  });

  it('asks for the next step when the note is vague, and uses the answer', async () => {
    await t.postCallback(textXml('rep-vague', '战报 华鑫电子那边还在考虑一下,说再沟通'));
    await eventually(() => texts('rep-vague').some((x) => x.includes('下一步具体做什么')));
    expect(cards('rep-vague')).toHaveLength(0);
    await t.postCallback(textXml('rep-vague', '明天下午去做产品演示'));
    const card = await eventually(() => cards('rep-vague')[0]);
    expect(field(card, '下一步')).not.toBe('—');
  });

  it('tells the rep when the voice file cannot be fetched', async () => {
    await t.postCallback(voiceXml('rep-gone', 'no-such-media'));
    await eventually(() => texts('rep-gone').length > 0);
  });
});

describe('voice without ASR', () => {
  it('keeps the audio, says ASR is needed, and drafts once ASR is configured', async () => {
    const asr = t.config.asr;
    await t.restart({ config: { asr: null } });
    t.fake.media.set('voice-2', { bytes: amr(), contentType: 'voice/amr' });
    await t.postCallback(voiceXml('rep-noasr', 'voice-2'));
    await eventually(() => texts('rep-noasr').some((x) => x.includes('ASR')));
    await eventually(async () => {
      const rows = await t.db.query<{ status: string; has_audio: boolean }>(
        `select status, audio is not null as has_audio from report_notes where user_id = 'rep-noasr'`);
      return rows[0]?.status === 'awaiting_asr' && rows[0].has_audio;
    });
    model.transcripts = ['拜访了安达机械,客户说下周一给答复。'];
    await t.restart({ config: { asr } });
    const card = await eventually(() => cards('rep-noasr')[0]);
    expect(card.main_title.title).toContain('安达机械');
  });
});

describe('with an LLM configured', () => {
  it('uses the LLM wording, keeps the rules numbers, and falls back to the rules when the LLM fails', async () => {
    await t.restart({ config: { llm: { baseUrl: model.url, apiKey: 'k', model: 'fake-model', timeoutMs: 5000, maxRetries: 0 } } });
    model.chatContents = [
      JSON.stringify({ customer: '恒泰建材', stage: 'demo', progress: '给恒泰建材做了产品演示,对方关注交期。', amount: 999, nextAction: '周五前发报价', objections: [{ topic: 'delivery', quote: '交期' }] }),
    ];
    await t.postCallback(textXml('rep-llm', '战报 恒泰建材演示做完了,他们担心交期,预算三十万,周五前发报价'));
    const card = await eventually(() => cards('rep-llm')[0]);
    expect(card.main_title.desc).toContain('给恒泰建材做了产品演示');
    expect(field(card, '金额')).toBe('30万'); // the rules' number wins over the LLM's

    model.chatContents = ['not json', 'still not json'];
    model.failNext('/audio/transcriptions', 500); // one transient ASR failure is retried
    model.transcripts = ['战报 拜访了汇通物流,客户嫌价格高,下周二再约'];
    t.fake.media.set('voice-llm', { bytes: amr(), contentType: 'voice/amr' });
    await t.postCallback(voiceXml('rep-llm2', 'voice-llm'));
    const fallback = await eventually(() => cards('rep-llm2')[0], 30_000);
    expect(fallback.main_title.title).toContain('汇通物流');
    const drafts = await t.db.query<{ extractor: string }>(
      `select d.extractor from report_drafts d where d.user_id in ('rep-llm', 'rep-llm2') order by d.created_at`);
    expect(drafts.map((d) => d.extractor)).toEqual(['llm+rules', 'rules']);
  });
});
