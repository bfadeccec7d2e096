// How the 提醒与推送 page words the rules it reads: job times from cron, holiday ranges, windows in hours
// or days, and outbox messages as plain text.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { describeCron, dateRanges, describePushRules } from '../../src/app/console/push-rules-view.js';
import { messageText } from '../../src/app/console/delivery-admin.js';
import { readJsoncFile } from '../../src/config/jsonc.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { compileRules } from '../../src/domain/reminders/reminder-rules.js';

describe('describeCron', () => {
  it('words the schedules the scheduler uses and leaves anything else as written', () => {
    expect(describeCron('*/10 * * * *')).toBe('每10分钟');
    expect(describeCron('30 18 * * *')).toBe('每天 18:30');
    expect(describeCron('0 9 * * 1')).toBe('每周一 09:00');
    expect(describeCron('0 9 * * 0')).toBe('每周日 09:00');
    expect(describeCron('0 9 1 * *')).toBe('0 9 1 * *');
    expect(describeCron('nonsense')).toBe('nonsense');
  });
});

describe('dateRanges', () => {
  it('joins consecutive dates across a month end', () => {
    expect(dateRanges(['2026-10-02', '2026-09-30', '2026-10-01', '2026-10-05'])).toEqual([
      { from: '2026-09-30', to: '2026-10-02', days: 3 },
      { from: '2026-10-05', to: '2026-10-05', days: 1 },
    ]);
  });
});

describe('describePushRules', () => {
  it('reads config/rules.jsonc as the jobs run it', () => {
    const rules = compileRules(readJsoncFile(join(repoRoot(), 'config', 'rules.jsonc')));
    const view = describePushRules(rules, [{ job: 'report-nudge', cron: '0 18 * * *' }], new Date('2026-10-09T04:00:00Z'));
    expect(view.rules.find((r) => r.id === 'golden_48h')!.text).toContain('48小时内');
    expect(view.calendar.nextDays.slice(0, 2)).toEqual([
      { date: '2026-10-09', weekday: '周五', workday: true },
      { date: '2026-10-10', weekday: '周六', workday: true }, // 调休上班
    ]);
    expect(view.schedules).toEqual([{ job: 'report-nudge', label: '战报提醒', when: '每天 18:00' }]);
  });
});

describe('messageText', () => {
  it('shows markdown and cards as a person reads them', () => {
    expect(messageText({ kind: 'markdown', markdown: '## 跟进预警\n> **张三** <font color="warning">逾期</font>\n[详情](https://x)' }))
      .toBe('跟进预警\n张三 逾期\n详情');
    expect(messageText({ kind: 'button_card', card: { taskId: 't', title: '恒信机械', description: '现在到哪个阶段了?', buttons: [] } }))
      .toBe('恒信机械\n现在到哪个阶段了?');
    expect(messageText({ kind: 'image', base64: '', md5: '' })).toBe('[图片]');
  });
});
