// The pure parts of the exports: CSV fields as Excel reads them (quoting, the formula guard), the file and
// Content-Disposition names, the filters and their Asia/Shanghai days, times as text.
import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from '../../src/app/export/csv-sink.js';
import { minuteText } from '../../src/app/export/export-cells.js';
import { exportFileName } from '../../src/app/export/export-file-name.js';
import { instantsOf, parseExportFilter } from '../../src/app/export/export-filter.js';
import { parseExportFile } from '../../src/app/export/export-kinds.js';
import { contentDisposition } from '../../src/http/routes/export-api.js';
import { fileNameFrom } from '../../src/channels/file-name.js';

describe('CSV fields', () => {
  it('quotes a comma, a quote or a line break (RFC 4180), and nothing else', () => {
    expect(csvField('恒信机械')).toBe('恒信机械');
    expect(csvField('价格,交期')).toBe('"价格,交期"');
    expect(csvField('说"太贵"')).toBe('"说""太贵"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField(null)).toBe('');
    expect(csvField(500000)).toBe('500000');
    expect(csvField(-3)).toBe('-3');
  });

  it('prefixes text Excel would run as a formula with a quote mark', () => {
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('+86 138')).toBe("'+86 138");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField('=HYPERLINK("http://x","点我")')).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(csvField('-5%')).toBe("'-5%");
    expect(csvField('\r\n下一行')).toBe(`"'\r\n下一行"`);
    expect(csvField('a=b')).toBe('a=b');
  });

  it('ends every record with CRLF', () => {
    expect(csvLine(['a', null, 1, 'b,c'])).toBe('a,,1,"b,c"\r\n');
  });
});

describe('export files', () => {
  it('reads the kind and format from the last path segment', () => {
    expect(parseExportFile('customers.csv')).toEqual({ kind: 'customers', format: 'csv' });
    expect(parseExportFile('visits.xlsx')).toEqual({ kind: 'visits', format: 'xlsx' });
    for (const bad of ['customers', 'customers.pdf', 'orders.csv', 'Customers.csv', 'customers.csv.csv', 'constructor.csv', '']) {
      expect(parseExportFile(bad)).toBeNull();
    }
  });

  it('names the download by title, team and days, with an ASCII twin', () => {
    const f = (from: string | null, to: string | null, teamKey: string | null = null) =>
      exportFileName('reports', '战报', 'xlsx', { fromDay: from, toDay: to, teamKey }, '2026-12-06');
    expect(f(null, null)).toEqual({ utf8: '战报_2026-12-06.xlsx', ascii: 'reports_2026-12-06.xlsx' });
    expect(f('2026-12-01', '2026-12-06', 'north')).toEqual({ utf8: '战报_north_2026-12-01至2026-12-06.xlsx', ascii: 'reports_north_2026-12-01_2026-12-06.xlsx' });
    expect(f('2026-12-01', null).utf8).toBe('战报_2026-12-01起.xlsx');
    expect(f(null, '2026-12-06').ascii).toBe('reports_to_2026-12-06.xlsx');
  });

  it('sends the Chinese name in filename* (RFC 5987) and a plain one for old clients', () => {
    const header = contentDisposition({ fileName: "客户 (副本)'s*.csv", asciiFileName: 'customers_2026-12-06.csv' });
    expect(header).toBe(`attachment; filename="customers_2026-12-06.csv"; filename*=UTF-8''%E5%AE%A2%E6%88%B7%20%28%E5%89%AF%E6%9C%AC%29%27s%2A.csv`);
    expect(fileNameFrom(header)).toBe("客户 (副本)'s*.csv");
  });
});

describe('export filters', () => {
  it('takes real calendar days and a team key', () => {
    expect(parseExportFilter({})).toEqual({ fromDay: null, toDay: null, teamKey: null });
    expect(parseExportFilter({ from: '2026-12-01', to: ' 2026-12-06 ', teamKey: 'north-1' })).toEqual({ fromDay: '2026-12-01', toDay: '2026-12-06', teamKey: 'north-1' });
    expect(parseExportFilter({ from: '', to: [] as string[] })).toEqual({ fromDay: null, toDay: null, teamKey: null });
    expect(parseExportFilter({ from: ['2026-12-01', '2026-12-02'] }).fromDay).toBe('2026-12-01');
  });

  it('refuses what is no day, a reversed range and odd team keys, in Chinese', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '20261201', '2026-1-5', '1999-12-31', '2026-12-01T00:00', 'today']) {
      expect(() => parseExportFilter({ from: bad })).toThrow(/开始日期格式不对/);
    }
    expect(() => parseExportFilter({ to: 'x' })).toThrow(/结束日期格式不对/);
    expect(() => parseExportFilter({ from: '2026-12-07', to: '2026-12-06' })).toThrow('开始日期不能晚于结束日期');
    expect(() => parseExportFilter({ teamKey: 'a b' })).toThrow('团队标识格式不对');
    expect(() => parseExportFilter({ teamKey: 'x'.repeat(65) })).toThrow('团队标识格式不对');
  });

  it('covers whole Asia/Shanghai days, the last one included', () => {
    expect(instantsOf({ fromDay: '2026-12-01', toDay: '2026-12-06', teamKey: null })).toEqual({
      from: new Date('2026-11-30T16:00:00Z'), before: new Date('2026-12-06T16:00:00Z'),
    });
    expect(instantsOf({ fromDay: null, toDay: null, teamKey: null })).toEqual({ from: null, before: null });
  });
});

describe('times in cells', () => {
  it('are Asia/Shanghai minutes as text', () => {
    expect(minuteText(new Date('2026-12-06T15:59:59Z'))).toBe('2026-12-06 23:59');
    expect(minuteText(new Date('2026-12-06T16:00:00Z'))).toBe('2026-12-07 00:00');
    expect(minuteText(null)).toBeNull();
  });
});
