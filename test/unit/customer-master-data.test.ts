// Pure pieces of customer master data: the merged stage, typed names, and how chat commands are matched.
import { describe, expect, it } from 'vitest';
import { matchCommand } from '../../src/app/commands/chat-commands.js';
import { twoNames } from '../../src/app/customers/customer-commands.js';
import { cleanCustomerName } from '../../src/domain/customers/customer-name.js';
import { mergedStage } from '../../src/domain/customers/merged-stage.js';

const at = (day: number) => new Date(Date.UTC(2026, 4, day));

describe('mergedStage', () => {
  it('takes the stage of the newer history', () => {
    expect(mergedStage({ stage: 'discovery', lastChangeAt: at(1) }, { stage: 'demo', lastChangeAt: at(2) })).toBe('demo');
    expect(mergedStage({ stage: 'discovery', lastChangeAt: at(3) }, { stage: 'contract', lastChangeAt: at(2) })).toBe('discovery');
  });
  it('prefers a side with history, else the more advanced stage', () => {
    expect(mergedStage({ stage: 'demo', lastChangeAt: at(1) }, { stage: 'won', lastChangeAt: null })).toBe('demo');
    expect(mergedStage({ stage: null, lastChangeAt: null }, { stage: 'negotiation', lastChangeAt: at(1) })).toBe('negotiation');
    expect(mergedStage({ stage: 'demo', lastChangeAt: null }, { stage: 'contract', lastChangeAt: null })).toBe('contract');
    expect(mergedStage({ stage: null, lastChangeAt: null }, { stage: null, lastChangeAt: null })).toBeNull();
  });
});

describe('customer names typed by people', () => {
  it('trims quotes and punctuation and refuses blank, one-character and overlong names', () => {
    expect(cleanCustomerName(' 「博远电气」。')).toBe('博远电气');
    expect(cleanCustomerName('   ')).toBeNull();
    expect(cleanCustomerName('博')).toBeNull();
    expect(cleanCustomerName('博'.repeat(65))).toBeNull();
    expect(cleanCustomerName(42)).toBeNull();
  });

  it('reads the two names of 改名 / 合并 with any spaces and an optional connector', () => {
    expect(twoNames('改名 博远 博远电气', '改名')).toEqual(['博远', '博远电气']);
    expect(twoNames('改名　博远　为　博远电气', '改名')).toEqual(['博远', '博远电气']);
    expect(twoNames('合并 金桥物流→金桥供应链', '合并')).toEqual(['金桥物流', '金桥供应链']);
    expect(twoNames('合并 金桥物流', '合并')).toBeNull();
    expect(twoNames('合并 甲 乙 丙', '合并')).toBeNull();
  });
});

describe('matchCommand', () => {
  it('tolerates full-width spaces and punctuation', () => {
    expect(matchCommand('排行　本周')).toBe(matchCommand('排行 本周'));
    expect(matchCommand('排行　本周')).not.toBeNull();
    expect(matchCommand('我的　客户')).toBe(matchCommand('我的客户'));
    expect(matchCommand('／帮助！')).toBe(matchCommand('帮助'));
    expect(matchCommand('改名　博远　博远电气')).toBe(matchCommand('改名 博远 博远电气'));
  });

  it('knows 我的待办, 改名 and 合并, and leaves updates that merely start with those words alone', () => {
    expect(matchCommand('我的待办')).not.toBeNull();
    expect(matchCommand('待办')).toBe(matchCommand('我的待办'));
    expect(matchCommand('改名')).not.toBeNull();
    expect(matchCommand('合并 金桥物流 金桥供应链')).not.toBeNull();
    expect(matchCommand('合并报价后客户同意了')).toBeNull();
    expect(matchCommand('刚去了博远电气')).toBeNull();
  });
});
