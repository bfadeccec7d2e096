// A customer's industry from the organisation kind in its name (config/industries.jsonc): the cue that ends
// last wins, longer at the same end, one-character cues only at the end, weak cues only alone; the file
// is checked at start-up.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndustries } from '../../src/config/load-industries.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { cleanIndustry, compileIndustryRules, industryOf } from '../../src/domain/industries/industry-of.js';

const rules = loadIndustries(join(repoRoot(), 'config', 'industries.jsonc'));
const of = (name: string) => industryOf(name, rules);

describe('industryOf', () => {
  it.each([
    ['第一人民医院', '医疗'],
    ['北京大学附属第一医院', '医疗'],
    ['南湖医院有限公司', '医疗'],
    ['清华大学', '教育'],
    ['华中科技大学', '教育'],
    ['实验学校', '教育'],
    ['嘉禾物流', '物流'],
    ['顺达供应链管理有限公司', '物流'],
    ['恒信机械', '制造'],
    ['恒信机械制造有限公司', '制造'],
    ['华东重工集团北京分公司', '制造'],
    ['宏远钢构', '制造'],
    ['红星服装厂', '制造'],
    ['华安医药科技有限公司', '医药'],
    ['华创科技', '信息技术'],
    ['云帆软件科技', '信息技术'],
    ['远大贸易', '贸易'],
    ['中国银行北京分行', '金融'],
    ['朝阳区教育局', '政府机关'],
    ['国网北京供电局', '能源'],
    ['城建设计院', '建筑地产'],
    ['永辉超市', '零售'],
    ['希尔顿大酒店', '餐饮酒店'],
    ['與華泰電梯', '制造'],
  ])('%s → %s', (name, industry) => {
    expect(of(name)).toBe(industry);
  });

  it('gives no industry without an organisation kind, and one-character cues count only at the end', () => {
    expect(of('茶小满')).toBeNull();
    expect(of('格局科技')).toBe('信息技术');
    expect(of('厂长')).toBeNull();
    expect(of('')).toBeNull();
  });

  it('refuses a bad file naming the field', () => {
    expect(() => compileIndustryRules({ industries: {} })).toThrow(/industries/);
    expect(() => compileIndustryRules({ industries: { 医疗: ['医院'], 教育: ['医院'] } })).toThrow(/repeats "医院" of 医疗/);
    expect(() => compileIndustryRules({ industries: { 医疗: ['医院'] }, weak: { 其他: ['医院'] } })).toThrow(/strong cue/);
    expect(() => compileIndustryRules({ industries: { 医疗: ['医院'] }, extra: 1 })).toThrow(/not a known setting/);
  });
});

describe('cleanIndustry', () => {
  it('trims an admin’s industry, null clears, anything else is refused', () => {
    expect(cleanIndustry(' 医疗 ')).toBe('医疗');
    expect(cleanIndustry(null)).toBeNull();
    expect(cleanIndustry('  ')).toBeNull();
    expect(cleanIndustry(3)).toBeUndefined();
    expect(cleanIndustry('很长很长很长很长很长很长很长很长很长很长很长')).toBeUndefined();
  });
});
