// Lead intake, pure parts: field checks, the round-robin turn, CSV and header reading, the web-form
// signature (good, bad, stale, malformed), and the funnel leaving leads out.
import { describe, expect, it } from 'vitest';
import { readLead } from '../../src/domain/leads/lead-input.js';
import { leadRows, mapHeader, parseCsv } from '../../src/domain/leads/lead-table.js';
import { nextInTurn } from '../../src/domain/leads/round-robin.js';
import { leadHookSignature, verifyLeadHook } from '../../src/domain/leads/webhook-signature.js';
import { computeFunnel } from '../../src/domain/stages/funnel.js';
import { DEFAULT_STAGES } from '../../src/domain/stages/stage-ids.js';
import { decodeCsv } from '../../src/app/leads/read-lead-file.js';

describe('readLead', () => {
  it('cleans a good lead and names each bad field', () => {
    expect(readLead({ name: ' 恒信机械 ', contact: '王经理', phone: '138 0013 8000', source: '官网', teamKey: 'east' })).toEqual({
      lead: { name: '恒信机械', contact: '王经理', phone: '138 0013 8000', source: '官网', note: null, ownerRef: null, teamKey: 'east' },
    });
    expect(readLead({ name: '', phone: 'call me', note: 'x'.repeat(501) })).toEqual({
      problems: [{ field: 'name', problem: 'missing' }, { field: 'phone', problem: 'invalid' }, { field: 'note', problem: 'too_long' }, { field: 'owner', problem: 'missing' }],
    });
    expect(readLead({ name: '恒信机械', owner: 'u1', phone: '0755-8888 6666转123' })).toMatchObject({ lead: { ownerRef: 'u1', phone: '0755-8888 6666转123' } });
  });
});

describe('round robin', () => {
  it('gives each member the same share, in id order, whoever joins or leaves', () => {
    const members = ['u3', 'u1', 'u2'];
    let last: string | null = null;
    const got: string[] = [];
    for (let i = 0; i < 9; i++) got.push((last = nextInTurn(members, last))!);
    expect(got).toEqual(['u1', 'u2', 'u3', 'u1', 'u2', 'u3', 'u1', 'u2', 'u3']);
    // u2 left after getting one: the turn goes on to u3, not back to the start.
    expect(nextInTurn(['u1', 'u3'], 'u2')).toBe('u3');
    // A newcomer whose id sorts first waits for the turn to wrap around.
    expect(nextInTurn(['u0', 'u1', 'u2', 'u3'], 'u1')).toBe('u2');
    expect(nextInTurn([], 'u1')).toBeNull();
  });
});

describe('lead files', () => {
  it('parses CSV with a BOM, quotes, commas and line breaks inside, and keeps line numbers', () => {
    const rows = parseCsv('\uFEFF客户,联系人,电话,备注\r\n恒信机械,王经理,13800138000,"要报价,急"\r\n"永盛""机械""",李总,,"两行\n备注"\r\n\r\n嘉禾物流,赵工,13900139000,\r\n');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5, 6]);
    expect(rows[1]!.cells).toEqual(['恒信机械', '王经理', '13800138000', '要报价,急']);
    expect(rows[2]!.cells).toEqual(['永盛"机械"', '李总', '', '两行\n备注']);
    const parsed = leadRows(rows);
    if ('problem' in parsed) throw new Error(parsed.problem);
    expect(parsed.rows.map((r) => [r.line, r.fields.name])).toEqual([[2, '恒信机械'], [3, '永盛"机械"'], [6, '嘉禾物流']]);
  });

  it('maps Chinese and English headers in any order, and needs a customer column', () => {
    const m = mapHeader(['Phone', ' 负责人 ', 'Name', 'unknown', '来源', 'NOTE', 'contact']);
    expect('columns' in m && Object.fromEntries(m.columns)).toEqual({ 0: 'phone', 1: 'owner', 2: 'name', 4: 'source', 5: 'note', 6: 'contact' });
    expect(mapHeader(['联系人', '电话'])).toEqual({ missing: 'name' });
    expect(leadRows(parseCsv('联系人,电话\n王,1\n'))).toEqual({ problem: 'no_name_column' });
    expect(leadRows(parseCsv('\n\n'))).toEqual({ problem: 'empty' });
  });

  it('reads tab-separated files and GB18030 text (Excel on Chinese Windows)', () => {
    expect(parseCsv('客户\t电话\n恒信机械\t1\n')[1]!.cells).toEqual(['恒信机械', '1']);
    const gbk = Buffer.from([0xbf, 0xcd, 0xbb, 0xa7]); // 客户 in GBK
    expect(decodeCsv(gbk)).toBe('客户');
    expect(decodeCsv(Buffer.from('\uFEFF客户', 'utf8'))).toBe('客户'); // the decoder drops the BOM
  });
});

describe('web-form signature', () => {
  const secret = 'form-secret';
  const now = new Date('2026-12-10T02:00:00Z');
  const ts = String(Math.floor(now.getTime() / 1000));
  const body = Buffer.from('{"name":"恒信机械"}');
  const sig = leadHookSignature(secret, ts, body);

  it('accepts the HMAC of timestamp + "\\n" + body, with or without "sha256="', () => {
    expect(verifyLeadHook({ secret, timestamp: ts, signature: `sha256=${sig}`, body }, now)).toEqual({ ok: true });
    expect(verifyLeadHook({ secret, timestamp: ts, signature: sig.toUpperCase(), body }, now)).toEqual({ ok: true });
  });

  it('refuses another body, another secret, a stale or malformed timestamp and a missing signature', () => {
    const bad = (o: Partial<Parameters<typeof verifyLeadHook>[0]>, at = now) => verifyLeadHook({ secret, timestamp: ts, signature: sig, body, ...o }, at);
    expect(bad({ body: Buffer.from('{"name":"恒信机械 "}') })).toEqual({ ok: false, reason: 'mismatch' });
    expect(bad({ secret: 'other' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(bad({}, new Date(now.getTime() + 5 * 60_000 + 1000))).toEqual({ ok: false, reason: 'stale' });
    expect(bad({}, new Date(now.getTime() - 5 * 60_000 - 1000))).toEqual({ ok: false, reason: 'stale' });
    expect(bad({}, new Date(now.getTime() + 4 * 60_000))).toEqual({ ok: true });
    expect(bad({ timestamp: `${ts}.5` })).toEqual({ ok: false, reason: 'malformed' });
    expect(bad({ signature: 'abc' })).toEqual({ ok: false, reason: 'malformed' });
    expect(bad({ signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(bad({ secret: '' })).toEqual({ ok: false, reason: 'missing' });
  });
});

describe('funnel with leads', () => {
  it('counts leads apart: no funnel step, not reached, a lost lead lost unstaged', () => {
    const f = computeFunnel([
      { current: 'lead', path: ['lead'] },
      { current: 'discovery', path: ['lead', 'discovery'] },
      { current: 'lost', path: ['lead', 'lost'] },
    ], DEFAULT_STAGES);
    expect(f.stages.map((s) => s.stage)).toEqual(['discovery', 'demo', 'negotiation', 'contract']);
    expect(f.leads).toBe(1);
    expect(f.stages[0]).toEqual({ stage: 'discovery', current: 1, reached: 1, advanced: 0, lostHere: 0 });
    expect([f.lost, f.lostUnstaged, f.unstaged]).toEqual([1, 1, 0]);
  });
});
