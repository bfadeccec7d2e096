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

const simulate = async (args: string[]): Promise<string> =>
  (await run('npx', ['tsx', 'scripts/simulate.ts', ...args, '--quiet-ms', '500'], { timeout: 110_000, env: { ...process.env, ADMIN_TOKEN: '' } })).stdout;

const expectLines = (stdout: string, expected: (string | RegExp)[]) => {
  for (const line of expected) {
    if (typeof line === 'string') expect(stdout).toContain(line);
    else expect(stdout).toMatch(line);
  }
};

describe.concurrent('simulator example scripts', () => {
  for (const [name, expected] of Object.entries(EXAMPLES)) {
    it(`${name}.txt prints its transcript`, async () => {
      expectLines(await simulate(['--script', `scripts/simulator/examples/${name}.txt`]), expected);
    }, 120_000);
  }

  it('sends an MP3 voice note through the WeCom voice path', async () => {
    const stdout = await simulate(['--voice', 'test/fixtures/audio/gsutil-test.mp3', '--transcript', '今天去了嘉禾物流,报价八十万', '--choose', '确认']);
    expectLines(stdout, ['[语音 gsutil-test.mp3]', '[卡片] 战报 · 嘉禾物流', '战报已保存:嘉禾物流']);
  }, 120_000);

  it('sends a DingTalk voice message with DingTalk\'s own recognition', async () => {
    const stdout = await simulate(['--dingtalk', '--voice', 'scripts/simulator/samples/jiahe.amr', '--choose', '确认']);
    expectLines(stdout, ['[语音 jiahe.amr]', '#### 战报 · 嘉禾物流', '回复 1 确认', '战报已保存:嘉禾物流']);
  }, 120_000);
});
