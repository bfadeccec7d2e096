// Which texts are look-ups or hand-overs (issue 11 "Chat look-ups"), and the contact keys that link accounts.
import { describe, expect, it } from 'vitest';
import { matchCommand } from '../../src/app/commands/chat-commands.js';
import { TRANSFER } from '../../src/app/customers/transfer-command.js';
import { lookUpQuestion, peopleCommand } from '../../src/app/lookups/people-commands.js';
import { reportTextOf } from '../../src/app/reports/start-report.js';
import { emailKey, mobileKey } from '../../src/domain/people/contact-key.js';

describe('explicit forms are commands', () => {
  it('转给 / 查 / 战报 @', () => {
    for (const text of ['转给 张三 恒信机械', '转给张三 恒信机械', '转给', '查 恒信机械', '查恒信机械', '查一下恒信机械', '战报 @张三', '战报@张三', '战报　＠张三']) {
      expect(matchCommand(text), text).not.toBeNull();
    }
    expect(TRANSFER.exec('转给 张三 恒信 机械')?.slice(1)).toEqual(['张三', '恒信 机械']);
  });

  it('leaves updates and reports alone', () => {
    for (const text of ['查了一下恒信机械的库存', '查过了,没问题', '转给技术部处理了', '战报 恒信机械报价五十万', '恒信机械怎么样了']) {
      expect(peopleCommand(text.normalize('NFKC')), text).toBeNull();
    }
    // "战报 @张三" is the look-up, never a battle report about "@张三".
    expect(matchCommand('战报 @张三')).not.toBeNull();
    expect(reportTextOf('战报 恒信机械报价五十万')).toBe('恒信机械报价五十万');
  });
});

describe('question forms wait for the store to say whether the name is known', () => {
  it('reads 怎么样了 and 的战报', () => {
    for (const text of ['恒信机械怎么样了', '恒信机械怎么样了?', '恒信机械那边怎么样了？', '恒信机械现在什么情况', '张三的战报', '我的战报']) {
      expect(lookUpQuestion(text), text).not.toBeNull();
      expect(matchCommand(text), text).toBeNull(); // the offline recogniser still reads them as text
    }
  });

  it('is no look-up for sentences and time words', () => {
    for (const text of ['今天的战报', '最新的战报', '刚去了恒信机械,客户问价格怎么样', '查一下恒信机械怎么样了']) {
      expect(lookUpQuestion(text), text).toBeNull();
    }
  });
});

describe('contact keys', () => {
  it('read one mobile in every spelling, and never keep it readable', () => {
    expect(mobileKey('+86 138-0000-1111')).toBe(mobileKey('13800001111'));
    expect(mobileKey('008613800001111')).toBe(mobileKey('13800001111'));
    expect(mobileKey('13800001111')).not.toContain('1380000');
    expect(mobileKey('')).toBeNull();
    expect(mobileKey(null)).toBeNull();
  });

  it('read emails case-insensitively', () => {
    expect(emailKey(' Zhang.San@Example.com ')).toBe(emailKey('zhang.san@example.com'));
    expect(emailKey('not an email')).toBeNull();
    expect(emailKey('a@b.c')).not.toBe(mobileKey('a@b.c'));
  });
});
