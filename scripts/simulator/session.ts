// One simulator run: fakes, the real server on a throwaway database (or --server URL), a clock the
// server reads (so `clock +49h` moves time for reminders), and the steps of a script or command line.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { runScheduledJob, SCHEDULED_JOB_NAMES, type ScheduledJobName } from '../../src/jobs/scheduled-jobs.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { upsertTeam } from '../../src/store/repos/teams-repo.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startFakeModelApi, type FakeModelApi } from '../dev/fake-model-api.js';
import type { FakeWecomApi } from '../dev/fake-wecom-api.js';
import { dingtalk, SIM, wecom, wecomBot, type Platform, type Said, type WecomPlatform } from './platforms.js';
import { createTryIt } from './web.js';
import { createSignInLink } from '../../src/app/console/sign-in/sign-in-links.js';
import type { Step } from './script.js';
import { setUpStore, visit } from './store-visit.js';
import { randomBytes } from 'node:crypto';

export interface SessionOptions {
  channel: 'wecom' | 'dingtalk' | 'wecom-bot';
  user: string;
  server?: string;
  keep: boolean;
  fakePort: number;
  /** --wecom-bot only: text messages go as voice notes whose transcript is the text. */
  botVoiceText: boolean;
  quietMs: number;
  adminToken?: string;
  /** Where the transcript goes (stdout, or an attached client's response). */
  print: (line: string) => void;
  /** `--web`: the console's 试一试 page drives this session (WeCom app channel, own server). */
  web?: boolean;
  /** The server's port (0: any free one). */
  serverPort?: number;
}

export interface Simulation {
  run(step: Step): Promise<void>;
  /** Where the server and fakes listen (for --serve). */
  urls: { server: string; platformApi: string; asr: string | null; dataDir: string | null };
  /** `--web`: a one-time admin sign-in link that lands on 试一试. */
  tryItLink?(): Promise<string>;
  close(): Promise<void>;
}

const HOUR = 3_600_000;

/** The simulated corp's directory (WeCom): 销售一部, led by 王经理, with 张三 and 李四. */
export const SIM_TEAM = {
  departments: [{ id: 1, name: '模拟公司', parentId: null }, { id: 2, name: '销售一部', parentId: 1, leaders: ['wangjingli'] }],
  members: [
    { userid: 'wangjingli', name: '王经理', departments: [2] },
    { userid: 'zhangsan', name: '张三', departments: [2] },
    { userid: 'lisi', name: '李四', departments: [2] },
  ],
};

/** The team group's robot key in the fake (its posts are the group chat of 试一试). */
const GROUP_KEY = 'sim-team-group';

/**
 * Where a browser session's clock starts: now on a weekday during office hours, otherwise 10:00 on the
 * next weekday morning, so pushes are not held for quiet hours while someone tries the bot at night.
 */
export function officeHoursStart(now: Date): Date {
  const local = new Date(now.getTime() + 8 * HOUR); // Shanghai wall time in UTC fields
  const weekday = (d: Date) => d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
  if (weekday(local) && local.getUTCHours() >= 9 && local.getUTCHours() < 19) return now;
  const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + (local.getUTCHours() >= 9 ? 1 : 0)));
  while (!weekday(day)) day.setUTCDate(day.getUTCDate() + 1);
  return new Date(day.getTime() + 2 * HOUR); // 10:00 Shanghai
}

const beijing = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');

export async function startSimulation(o: SessionOptions): Promise<Simulation> {
  if (o.web && (o.channel !== 'wecom' || o.server)) throw new Error('--web runs its own server on the WeCom app channel (no --dingtalk, --wecom-bot or --server)');
  let user = o.user;
  const names = new Map<string, string>();
  const who = () => names.get(user) ?? user;
  let offsetMs = o.web ? officeHoursStart(new Date()).getTime() - Date.now() : 0;
  let baseUrl = o.server ?? '';
  const clock = { now: () => new Date(Date.now() + offsetMs) };
  const session = { user: () => user, now: clock.now, baseUrl: () => baseUrl };
  const platform: Platform = o.channel === 'dingtalk' ? await dingtalk(session, o.fakePort)
    : o.channel === 'wecom-bot' ? await wecomBot(session, o.fakePort, o.botVoiceText) : await wecom(session, o.fakePort);
  let server: RunningServer | null = null;
  let asr: FakeModelApi | null = null;
  let dataDir: string | null = null;
  let storeQr: string | null = null;
  const adminToken = o.adminToken || (o.server ? undefined : randomBytes(16).toString('hex'));
  const tryIt = o.web
    ? createTryIt({
        platform: platform as WecomPlatform,
        people: SIM_TEAM.members.map((m) => ({ userId: m.userid, name: m.name, role: SIM_TEAM.departments.some((d) => d.leaders?.includes(m.userid)) ? 'manager' : 'rep' })),
        groupName: '销售一部群',
        groupKey: GROUP_KEY,
        actAs: (id) => void (user = id),
        now: clock.now,
        advance: (ms) => void (offsetMs += ms),
        hear: (text) => void asr!.transcripts.splice(0, asr!.transcripts.length, text),
        runJob: async (name) => void (await runScheduledJob(server!.deps, name as ScheduledJobName, clock.now(), { immediate: true })),
      })
    : undefined;
  if (!o.server) {
    asr = await startFakeModelApi();
    // A fresh database per run unless --keep (then the one under DATA_DIR/simulator, as before).
    dataDir = o.keep ? join(process.env.DATA_DIR ?? 'data', 'simulator') : mkdtempSync(join(tmpdir(), 'zhanbao-sim-'));
    const config = loadConfig({
      ...process.env, ...SIM, DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(o.serverPort ?? 0), LLM_BASE_URL: '', LLM_API_KEY: '', LLM_MODEL: '',
      ASR_BASE_URL: asr.url, ASR_API_KEY: '', ASR_MODEL: '', ...(adminToken ? { ADMIN_TOKEN: adminToken } : {}),
      WECOM_API_BASE: platform.apiBase, DINGTALK_API_BASE: platform.apiBase, DINGTALK_OAPI_BASE: platform.apiBase, DINGTALK_MODE: 'http',
      ...platform.env,
    });
    server = await startServer(config, { logger: silentLogger(), clock, ...(tryIt ? { tryIt } : {}) });
    baseUrl = server.url;
    if (platform.directory) {
      // A small sales team, so `as 王经理` is a team lead and manager commands answer.
      platform.directory.set(SIM_TEAM);
      await runScheduledJob(server.deps, 'directory-sync', clock.now(), { immediate: true });
      await upsertTeam(server.deps.db, config.defaultTenantId, {
        key: 'sales-1', name: '销售一部', alert: o.web ? { kind: 'wecom_webhook', key: GROUP_KEY } : null, memberUserIds: ['zhangsan', 'lisi'], managerUserIds: ['wangjingli'],
      });
      storeQr = await setUpStore(baseUrl, adminToken!);
    }
    if (o.channel === 'wecom-bot') {
      // Wait for the lease and the long connection before the first message.
      const until = Date.now() + 15_000;
      const bot = server.deps.senders.wecom_bot as { heldElsewhere(): boolean } | undefined;
      while (bot?.heldElsewhere() && Date.now() < until) await sleep(100);
    }
  }

  async function waitForReplies(after: number, maxMs = 15_000): Promise<Said[]> {
    const start = Date.now();
    let lastCount = platform.said().length;
    let lastChange = Date.now();
    while (Date.now() - start < maxMs) {
      await sleep(100);
      const n = platform.said().length;
      if (n !== lastCount) {
        lastCount = n;
        lastChange = Date.now();
      }
      if (n > after && Date.now() - lastChange > o.quietMs) break;
    }
    return platform.said().slice(after);
  }
  let lastCard: Said | null = null;
  const show = (replies: Said[]) => {
    o.print('bot →');
    if (!replies.length) o.print('  (没有回复)');
    for (const r of replies) {
      o.print(`  ${r.lines.join('\n  ')}`);
      if (r.buttons.length && r.answer) lastCard = r;
    }
  };
  const acting = async (describe: string, act: () => Promise<void>) => {
    o.print(`\n${who()} ${describe}`);
    const before = platform.said().length;
    await act();
    show(await waitForReplies(before));
  };
  const tap = async (label: string) => {
    const card = lastCard;
    const button = card?.buttons.find((b) => b === label) ?? card?.buttons.find((b) => b.includes(label));
    if (!card || !button) throw new Error(`no card with a button 「${label}」 (last card: ${card?.buttons.join(' / ') ?? 'none'})`);
    lastCard = null;
    await acting(`选了「${button}」`, () => card.answer!(button));
  };

  return {
    urls: { server: baseUrl, platformApi: platform.apiBase, asr: asr?.url ?? null, dataDir },
    async run(step) {
      switch (step.kind) {
        case 'say':
          return acting(`→ ${step.text}`, () => platform.send(step.text));
        case 'voice': {
          if (!platform.sendVoice) throw new Error('--wecom-bot takes --voice with text (the AI bot delivers voice already transcribed)');
          const file = resolve(step.file);
          // The server tells the format from the bytes (AMR is what WeCom sends; WAV and MP3 are read too).
          if (!/\.(amr|wav|mp3)$/i.test(file)) throw new Error(`${step.file}: give an AMR, WAV or MP3 file`);
          const transcript = step.transcript ?? (existsSync(`${file}.txt`) ? readFileSync(`${file}.txt`, 'utf8').trim() : null);
          if (!transcript) throw new Error(`${step.file}: give a transcript (voice FILE 文字稿, --transcript) or put it in ${step.file}.txt`);
          if (!asr) throw new Error('voice with --server: the server\'s own ASR transcribes it');
          asr.transcripts.splice(0, asr.transcripts.length, transcript);
          return acting(`→ [语音 ${step.file.split('/').pop()}] (文字稿: ${transcript})`, () => platform.sendVoice!(file, transcript));
        }
        case 'tap':
          return tap(step.label);
        case 'visit': {
          if (!storeQr || !('fake' in platform)) throw new Error('store visits run on the WeCom app channel with the simulator\'s own server');
          const qr = storeQr;
          o.print(`\n${who()} 在门店 → ${step.question}`);
          const before = platform.said().length;
          for (const line of await visit(baseUrl, (platform as { fake: FakeWecomApi }).fake, SIM.WECOM_CORP_ID, qr, user, step.question)) o.print(line);
          const replies = await waitForReplies(before, 2000);
          if (replies.length) show(replies);
          return;
        }
        case 'choose': {
          const label = lastCard?.buttons[step.index - 1];
          if (!label) throw new Error(`no button ${step.index} on the last card`);
          return tap(label);
        }
        case 'wait':
          await sleep(step.ms);
          o.print(`\n(等了 ${step.ms / 1000} 秒)`);
          return;
        case 'clock':
          if (step.at) offsetMs = step.at.getTime() - Date.now();
          else offsetMs += step.ms;
          o.print(`\n(时钟${step.at ? '' : ` +${step.ms / HOUR}h`} → ${beijing(clock.now())} 北京时间)`);
          return;
        case 'as':
          user = platform.directory?.members.find((m) => m.name === step.user)?.userid ?? step.user;
          if (step.name) {
            platform.name(user, step.name);
            names.set(user, step.name);
          }
          o.print(`\n(现在是 ${step.name ?? step.user})`);
          return;
        case 'job': {
          if (!(SCHEDULED_JOB_NAMES as readonly string[]).includes(step.name)) throw new Error(`no job ${step.name}; jobs: ${SCHEDULED_JOB_NAMES.join(', ')}`);
          o.print(`\n(运行任务 ${step.name})`);
          const before = platform.said().length;
          if (server) await runScheduledJob(server.deps, step.name as ScheduledJobName, clock.now(), { immediate: true });
          else {
            const res = await fetch(`${baseUrl}/api/jobs/${step.name}/run`, { method: 'POST', headers: { authorization: `Bearer ${adminToken ?? ''}`, 'content-type': 'application/json' }, body: '{}' });
            if (!res.ok) throw new Error(`job ${step.name}: ${res.status} ${await res.text()}`);
          }
          show(await waitForReplies(before, 4000));
          return;
        }
      }
    },
    ...(o.web
      ? {
          async tryItLink() {
            const r = await createSignInLink(server!.deps.db, { tenantId: server!.deps.config.defaultTenantId, userId: null, now: clock.now(), ip: null });
            if (r.kind !== 'created') throw new Error('could not make a sign-in link');
            return `${baseUrl}/console/login?link=${encodeURIComponent(r.token)}&next=${encodeURIComponent('/try')}`;
          },
        }
      : {}),
    async close() {
      await server?.stop();
      await platform.close();
      await asr?.close();
      if (dataDir && !o.keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const scriptDir = (file: string) => dirname(resolve(file));
