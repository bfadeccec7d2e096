// Each example script of the simulator runs end to end (fakes, real server, fresh database) and prints
// the transcript a reader of the README expects. Child processes, run side by side to stay quick.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const EXAMPLES: Record<string, (string | RegExp)[]> = {
  'update-stage': ['张三 → 刚去了恒信机械', '[卡片] 恒信机械 · 现在到哪个阶段了?', '张三 选了「商务谈判」', '[卡片已更新] 已选:商务谈判', '1. 恒信机械 · 商务谈判'],
  'voice-report': ['[语音 jiahe.amr]', '[卡片] 战报 · 嘉禾物流', '金额: 80万', '张三 选了「修改」', '金额: 90万', '[卡片已更新] 已确认', '战报已保存:嘉禾物流'],
  reminders: ['(时钟 +49h → 2026-12-09 11:00 北京时间)', '(运行任务 reminders)', /「嘉禾物流」进入「方案演示」后48小时没有跟进/],
  leaderboard: ['[卡片] 战报 · 嘉禾物流', '王经理 → 排行 今日', /1\. 张三\*\* 战报1/],
  manager: ['王经理 → 漏斗', '**漏斗**', '**预测**', '团队目前没有逾期事项', '本周战报榜'],
  'store-visit': ['李四 在门店 → 顾客问这款净水器', '[小程序] 扫码:徐汇旗舰店', '[小程序] 已记录门店拜访:徐汇旗舰店', '建议1:'],
};

describe.concurrent('simulator example scripts', () => {
  for (const [name, expected] of Object.entries(EXAMPLES)) {
    it(`${name}.txt prints its transcript`, async () => {
      const { stdout } = await run('npx', ['tsx', 'scripts/simulate.ts', '--script', `scripts/simulator/examples/${name}.txt`, '--quiet-ms', '500'], {
        timeout: 110_000, env: { ...process.env, ADMIN_TOKEN: '' },
      });
      for (const line of expected) {
        if (typeof line === 'string') expect(stdout).toContain(line);
        else expect(stdout).toMatch(line);
      }
    }, 120_000);
  }
});
