// Visit form rules and the sensitive-word pre-check that mirrors the server, plus the mapping of the
// server's 422 compliance_note_required onto the same state.
import { describe, expect, it } from 'vitest';
import type { MpConfigResponse } from '../../src/shared/mp-api.js';
import { ApiError } from '../../miniprogram/lib/api-error.js';
import {
  COMPLIANCE_NOTE_MAX,
  CUSTOMER_NAME_MAX,
  charCount,
  complianceWordsFromError,
  emptyDraft,
  findSensitiveWords,
  mergeWords,
  noteWords,
  normalizePhone,
  validateVisit,
  type VisitDraft,
} from '../../miniprogram/lib/visit-form.js';

const CONFIG: MpConfigResponse = { sensitiveWords: ['过敏', '医院诊断', '处方', '孕妇', '婴儿用药', 'OTC'], maxQuestionChars: 20 };
const draft = (over: Partial<VisitDraft>): VisitDraft => ({ ...emptyDraft(), ...over });
const AUDIO = { base64: 'SUQz', format: 'mp3' as const };

describe('findSensitiveWords', () => {
  it('matches substrings case-insensitively, in config order, each once', () => {
    expect(findSensitiveWords('孕妇能用吗？之前皮肤过敏，过敏很严重', CONFIG.sensitiveWords)).toEqual(['过敏', '孕妇']);
    expect(findSensitiveWords('有没有otc的药膏', CONFIG.sensitiveWords)).toEqual(['OTC']);
    expect(findSensitiveWords('宝宝湿疹用什么', CONFIG.sensitiveWords)).toEqual([]);
  });

  it('ignores empty or blank words, which would otherwise match every question', () => {
    expect(findSensitiveWords('普通问题', ['', '  ', '过敏'])).toEqual([]);
    expect(findSensitiveWords('Otc', ['otc', 'OTC'])).toEqual(['otc']);
  });

  it('noteWords adds the words the server reported', () => {
    expect(noteWords('过敏', CONFIG, ['处方', '过敏'])).toEqual(['过敏', '处方']);
    expect(mergeWords(['A'], ['a', 'b'])).toEqual(['A', 'b']);
  });
});

describe('validateVisit', () => {
  it('builds the request from trimmed fields, omitting empty optionals', () => {
    const r = validateVisit('tok', draft({ question: '  宝宝湿疹用什么 ', customerName: ' 王  女士 ' }), CONFIG);
    expect(r).toEqual({ ok: true, request: { qr: 'tok', question: '宝宝湿疹用什么', customerName: '王 女士' } });
  });

  it('requires a question unless there is audio', () => {
    expect(validateVisit('tok', draft({ question: '   ' }), CONFIG)).toMatchObject({
      ok: false,
      errors: { question: '请填写顾客的问题，或按住说话' },
    });
    expect(validateVisit('tok', draft({ audio: AUDIO }), CONFIG)).toEqual({
      ok: true,
      request: { qr: 'tok', question: '', audio: AUDIO },
    });
  });

  it('limits the question to maxQuestionChars, counting an emoji as one character', () => {
    expect(validateVisit('tok', draft({ question: '好'.repeat(20) }), CONFIG).ok).toBe(true);
    expect(validateVisit('tok', draft({ question: '😀'.repeat(20) }), CONFIG).ok).toBe(true);
    expect(validateVisit('tok', draft({ question: '好'.repeat(21) }), CONFIG)).toMatchObject({
      ok: false,
      errors: { question: '问题最多 20 字' },
    });
    expect(charCount('😀a')).toBe(2);
  });

  it('limits the customer name', () => {
    const long = '名'.repeat(CUSTOMER_NAME_MAX + 1);
    expect(validateVisit('tok', draft({ question: 'q', customerName: long }), CONFIG)).toMatchObject({
      ok: false,
      errors: { customerName: `顾客称呼最多 ${CUSTOMER_NAME_MAX} 字` },
    });
  });

  it('checks and normalises an optional phone', () => {
    expect(validateVisit('tok', draft({ question: 'q', customerPhone: '+86 138-0013-8000' }), CONFIG)).toEqual({
      ok: true,
      request: { qr: 'tok', question: 'q', customerPhone: '13800138000' },
    });
    expect(validateVisit('tok', draft({ question: 'q', customerPhone: '12345' }), CONFIG)).toMatchObject({
      ok: false,
      errors: { customerPhone: '请填写正确的手机号或座机号' },
    });
  });

  it('demands a compliance note when the question has a sensitive word', () => {
    const r = validateVisit('tok', draft({ question: '孕妇皮肤过敏怎么办' }), CONFIG);
    expect(r).toEqual({
      ok: false,
      errors: { complianceNote: '提到了“过敏、孕妇”，请填写合规说明' },
      noteWords: ['过敏', '孕妇'],
    });
    expect(validateVisit('tok', draft({ question: '孕妇皮肤过敏怎么办', complianceNote: ' 已建议就医 ' }), CONFIG)).toEqual({
      ok: true,
      request: { qr: 'tok', question: '孕妇皮肤过敏怎么办', complianceNote: '已建议就医' },
    });
  });

  it('demands the note for words only the server found (e.g. in the voice transcript)', () => {
    const r = validateVisit('tok', draft({ audio: AUDIO }), CONFIG, ['处方']);
    expect(r).toMatchObject({ ok: false, noteWords: ['处方'] });
  });

  it('limits the note length and still sends a voluntary note', () => {
    const long = '说'.repeat(COMPLIANCE_NOTE_MAX + 1);
    expect(validateVisit('tok', draft({ question: 'q', complianceNote: long }), CONFIG)).toMatchObject({
      ok: false,
      errors: { complianceNote: `合规说明最多 ${COMPLIANCE_NOTE_MAX} 字` },
    });
    expect(validateVisit('tok', draft({ question: 'q', complianceNote: '备注' }), CONFIG)).toMatchObject({
      ok: true,
      request: { complianceNote: '备注' },
    });
  });

  it('reports every invalid field at once', () => {
    const r = validateVisit('tok', draft({ question: '', customerPhone: 'abc' }), CONFIG);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['customerPhone', 'question']);
  });
});

describe('normalizePhone', () => {
  it.each([
    ['', ''],
    ['   ', ''],
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['0086-138-0013-8000', '13800138000'],
    ['19912345678', '19912345678'],
    ['010-62345678', '010-62345678'],
    ['01062345678', '010-62345678'],
    ['(021)62345678', '021-62345678'],
    ['0755-2345678', '0755-2345678'],
    ['075582345678', '0755-82345678'],
  ])('%j → %j', (input, out) => {
    expect(normalizePhone(input)).toBe(out);
  });

  it.each(['0571-88888888-123', '0571-88888888转123', '010-02345678', '12345678901', '1380013800', '138001380000', '23800138000', '12345', '010-123456', 'abc', '+1 415 555 0100', '400-800-8888'])(
    'rejects %j',
    (input) => {
      expect(normalizePhone(input)).toBeNull();
    },
  );
});

describe('complianceWordsFromError', () => {
  it('maps the server 422 onto the note state', () => {
    expect(complianceWordsFromError(new ApiError(422, 'compliance_note_required', 'x', ['过敏']))).toEqual(['过敏']);
    expect(complianceWordsFromError(new ApiError(422, 'compliance_note_required', 'x'))).toEqual([]);
  });

  it('ignores other errors', () => {
    expect(complianceWordsFromError(new ApiError(400, 'bad_request', 'x'))).toBeNull();
    expect(complianceWordsFromError(new Error('compliance_note_required'))).toBeNull();
    expect(complianceWordsFromError(null)).toBeNull();
  });
});

describe('phone numbers agree with the server', () => {
  it.each(['138 0013 8000', '+8613800138000', '010-62345678', '(021)62345678', '0755-2345678', '0571-88888888转123', '010-12345678', '400-800-8888', '12345'])(
    '%j is accepted by both or refused by both',
    async (input) => {
      const server = await import('../../src/domain/stores/phone.js');
      const client = normalizePhone(input);
      expect(client === null).toBe(server.normalizePhone(input) === null);
      if (client) expect(server.normalizePhone(client)).toBe(server.normalizePhone(input));
    },
  );
});
