// Amounts, payment terms and amount formatting of the offline battle-report rules (config/report-rules.jsonc).
// All sentences are written for these tests; none comes from the evaluation set.
import { describe, expect, it } from 'vitest';
import { loadReportRules } from '../../src/config/load-report-rules.js';
import { parseChineseNumber } from '../../src/domain/reports/chinese-number.js';
import { extractReport } from '../../src/domain/reports/extract-report.js';
import { formatAmountWan } from '../../src/domain/reports/format.js';

const rules = loadReportRules();
const at = new Date('2026-05-13T18:10:00+08:00');
const extract = (text: string) => extractReport({ text, recordedAt: at }, rules);

describe('parseChineseNumber', () => {
  it.each([
    ['30', 30], ['一百二十', 120], ['两百零五', 205], ['二十八万五', 285000], ['8.5万', 85000], ['1.2亿', 120000000],
    ['一个亿', 100000000], ['3万5', 35000], ['1亿2', 120000000], ['一千二', 1200], ['两百五', 250], ['三万五千', 35000],
    ['三十万零五千', 305000], ['八点五万', 85000], ['一千二百万', 12000000], ['十五', 15], ['十', 10], ['百万', 1000000],
    ['2,000', 2000], ['四十五', 45],
  ])('%s = %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it.each(['三四十', '二五', '', '万', '点五'])('%s is not one number', (text) => {
    expect(parseChineseNumber(text)).toBeNull();
  });
});

describe('deal amount', () => {
  it.each([
    ['振华重工报价30万', 300000],
    ['振华重工报价一百二十万', 1200000],
    ['振华重工最后二十八万五成交', 285000],
    ['振华重工报了8.5万', 85000],
    ['振华重工的预算1.2亿', 120000000],
    ['振华重工订了4000块的配件', 4000],
    ['振华重工订了4000元的配件', 4000],
    ['振华重工两百万的合同在走流程', 2000000],
    ['振华重工报了三万五千块', 35000],
    ['振华重工报价30w', 300000],
    ['振华重工报价八点五万', 85000],
    ['振华重工的合同一千二百万签了', 12000000],
    ['振华重工一个亿的工程中标了', 100000000],
    ['振华重工的合同金额是１２０万', 1200000],
    ['万达商场签了一年的维保合同，十二万一年', 120000],
    ['客户预算一百多万，先做一期', 1000000],
  ])('%s → %d', (text, amount) => {
    expect(extract(text).amount).toBe(amount);
  });

  it.each([
    ['contract beats a later quote', '合同签了九十万，之前报价是一百万', 900000],
    ['quote beats budget', '客户预算一百万，我们报了一百一十万', 1100000],
    ['quote beats a later budget', '报价一百二十万，客户预算只有一百万', 1200000],
    ['the last quote wins', '原来报价两百万，现在降到一百七十万', 1700000],
    ['the last budget wins', '预算原本八十万，后来追加到一百万', 1000000],
    ['unlabelled takes the won kind', '签了！总金额七十二万，之前报价七十九万', 720000],
    ['unlabelled takes the contract kind', '合同交法务审了，金额四十四万，报价是五十万', 440000],
    ['a deposit is no deal amount', '定金五万已经到账，合同总额五十万', 500000],
    ['a concession is no deal amount', '合同签了，客户又砍了两万，最后四十八万', 480000],
    ['a unit price is no deal amount', '单价3500元一台，一共二十台，总价七万', 70000],
  ])('%s', (_why, text, amount) => {
    expect(extract(text).amount).toBe(amount);
  });

  it.each([
    ['单价8000元，客户要50台'],
    ['对方要三万一台，一共十台'],
    ['每台报价4.5万'],
    ['一年要采购10万台'],
    ['要求百分之三十的预付'],
    ['预付30%，打八折'],
    ['客户采购量大概在两万台左右'],
    ['竞争对手报了八十万，比我们便宜二十万'],
    ['客户希望能降到一百万以内'],
    ['客户有十几万用户'],
  ])('%s has no deal amount', (text) => {
    expect(extract(text).amount).toBeNull();
  });
});

describe('payment terms', () => {
  it.each([
    ['账期六十天', 60],
    ['账期两个月，金额二十万', 60],
    ['客户要求账期半年', 180],
    ['余款两个月内付清', 60],
    ['首付三成，余款九十天内付清', 90],
    ['月结60天', 60],
    ['谈账期，对方要一百二十天，我们只给六十天', 60],
    ['想把账期从三十天延长到九十天，我们最多给六十天', 60],
    ['账期延长到四个月', 120],
    ['回款周期一个半月', 45],
    ['货到后三周内付款', 21],
  ])('%s → %d days', (text, days) => {
    expect(extract(text).paymentTermsDays).toBe(days);
  });

  it.each([
    ['预付30%，剩下的月结'],
    ['付款方式是月结'],
    ['交期两个月，质保三年'],
    ['试用两周再说'],
    ['三天内回复我们'],
    ['谈账期，下周三再谈，交期要三十天'],
  ])('%s has no payment terms', (text) => {
    expect(extract(text).paymentTermsDays).toBeNull();
  });
});

describe('formatAmountWan', () => {
  it.each([
    [1200000, '120万'], [85000, '8.5万'], [4000, '4000元'], [285000, '28.5万'], [120000000, '1.2亿'],
    [10000, '1万'], [12345, '1.2345万'], [123456789, '12345.6789万'], [0, '0元'],
  ])('%d → %s', (yuan, text) => {
    expect(formatAmountWan(yuan)).toBe(text);
  });
});
