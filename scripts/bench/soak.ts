// Soak and chaos: `npm run bench -- soak [--messages N] [--rate R] [--db pglite|postgres]`. N chat
// updates (default 10 000) from N/10 reps, each naming its own customer (the number i spelt in ten name
// characters: "刚去了安宝昌达丰机械有限公司,聊了价格"), so every reply card can be traced to its message. The server runs as a child process
// (`node dist/src/main.js`); on the way:
// - one message in ten is delivered three times (WeCom's retries: same MsgId, a few seconds apart);
// - the server is killed with SIGKILL twice (after a third and two thirds of the messages) and
//   started again on the same data; callbacks that fail meanwhile are retried, as WeCom does;
// - the fake WeCom API fails 5 % of sends (errcode -1 or HTTP 502) and rate-limits 1 % in one burst
//   (45009, retried after a minute).
// Then it waits for every reply and prints lost and duplicated replies (both must be 0), on PGlite
// and, with BENCH_DATABASE_URL, on PostgreSQL with one instance and with two (one of them killed).
// WeCom's duplicate check (enable_duplicate_check, 1800 s) drops an identical resend to the same user;
// such resends are counted apart: the rep sees them once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import pg from 'pg';
import { openPgliteDatabase } from '../../src/store/pglite-database.js';
import { startFakeWecomApi, type FakeWecomApi, type ScriptedFailure } from '../dev/fake-wecom-api.js';
import { resetPostgres } from './callback-ack.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { SIM_WECOM, textCallback, type CallbackRequest } from './wecom-callbacks.js';

export interface SoakOptions {
  messages: number;
  rate: number;
  /** SIGKILLs spread over the run (the chaos run uses 2). */
  kills: number;
  /** Redeliveries and failing sends. */
  chaos: boolean;
  instances: 1 | 2;
  databaseUrl: string | null;
  label: string;
}

export interface SoakResult {
  accepted: number;
  lost: number;
  duplicated: number;
  absorbedResends: number;
  seconds: number;
  idleRssMb: number;
  endRssMb: number;
  peakRssMb: number;
  dead: number;
}

const PATH_SEND = '/cgi-bin/message/send';
/** Message i's customer: i in five digits, each written as one of ten characters common in company names. */
const DIGITS = '安宝昌达丰瑞泰源宏华';
const customerOf = (i: number) => `${[...String(i).padStart(5, '0')].map((d) => DIGITS[Number(d)]).join('')}机械有限公司`;
const CUSTOMER = new RegExp(`([${DIGITS}]{5})机械有限公司`, 'g');
const indexOf = (name: string) => Number([...name].map((c) => DIGITS.indexOf(c)).join(''));

/**
 * The fake's answers to message/send, in order: 5 % fail at random (half errcode -1 "system busy", half
 * HTTP 502), and one burst of consecutive 45009 "api freq out of limit" (1 % of the sends, in the middle
 * of the run) the way WeCom's per-minute limit hits; the rest pass. Deterministic.
 */
function chaosScript(sends: number, seed = 42): ScriptedFailure[] {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const burstFrom = Math.floor(sends * 0.4);
  const burstTo = burstFrom + Math.ceil(sends * 0.01);
  return Array.from({ length: sends * 3 }, (_, k): ScriptedFailure => {
    if (k >= burstFrom && k < burstTo) return { errcode: 45009, errmsg: 'api freq out of limit' };
    const r = rand();
    if (r < 0.025) return { errcode: -1, errmsg: 'system busy' };
    if (r < 0.05) return { httpStatus: 502 };
    return { delayMs: 0 };
  });
}

function post(agent: Agent, base: string, cb: CallbackRequest): Promise<number> {
  const u = new URL(base);
  return new Promise((resolve) => {
    const req = request(
      { host: u.hostname, port: u.port, path: cb.path, method: 'POST', agent, timeout: 10_000, headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(cb.body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end(cb.body);
  });
}

/** Counts, per message, the distinct replies that name its customer; identical resends are absorbed. */
function countReplies(fake: FakeWecomApi, messages: number): { lost: number; duplicated: number; absorbed: number; lostSample: number[] } {
  const perMessage = new Map<number, Set<string>>();
  let absorbed = 0;
  for (const call of fake.sent()) {
    if (call.path !== PATH_SEND || !call.body) continue;
    const json = JSON.stringify(call.body);
    for (const i of new Set([...json.matchAll(CUSTOMER)].map((m) => indexOf(m[1]!)))) {
      const seen = perMessage.get(i) ?? new Set<string>();
      if (seen.has(json)) absorbed++;
      seen.add(json);
      perMessage.set(i, seen);
    }
  }
  let lost = 0;
  let duplicated = 0;
  const lostSample: number[] = [];
  for (let i = 0; i < messages; i++) {
    const n = perMessage.get(i)?.size ?? 0;
    if (n === 0) {
      lost++;
      if (lostSample.length < 5) lostSample.push(i);
    }
    if (n > 1) duplicated += n - 1;
  }
  return { lost, duplicated, absorbed, lostSample };
}

async function databaseCounts(opts: SoakOptions, dataDir: string): Promise<{ pendingInbox: number; deadOutbox: number }> {
  const sql = `select (select count(*) from inbox where status <> 'done')::int as pending,
                      (select count(*) from outbox where status = 'dead')::int as dead`;
  if (opts.databaseUrl) {
    const c = new pg.Client({ connectionString: opts.databaseUrl });
    await c.connect();
    const r = (await c.query(sql)).rows[0] as { pending: number; dead: number };
    await c.end();
    return { pendingInbox: r.pending, deadOutbox: r.dead };
  }
  const db = await openPgliteDatabase({ dataDir: join(dataDir, 'pglite') });
  const [r] = await db.query<{ pending: number; dead: number }>(sql);
  await db.close();
  return { pendingInbox: r!.pending, deadOutbox: r!.dead };
}

export async function runSoak(opts: SoakOptions): Promise<SoakResult> {
  if (opts.databaseUrl) await resetPostgres(opts.databaseUrl);
  const dataDir = mkdtempSync(join(tmpdir(), 'zb-soak-'));
  const fake = await startFakeWecomApi({ corpId: SIM_WECOM.WECOM_CORP_ID, secret: SIM_WECOM.WECOM_SECRET });
  if (opts.chaos) {
    const script = chaosScript(opts.messages);
    for (let k = 0; k < script.length; k += 10_000) fake.failNext(PATH_SEND, ...script.slice(k, k + 10_000));
  }
  const env = { ...SIM_WECOM, DATA_DIR: dataDir, WECOM_API_BASE: fake.url, ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}) };
  const servers: ServerProcess[] = [await startServerProcess(env)];
  if (opts.instances === 2) servers.push(await startServerProcess(env));
  await new Promise((r) => setTimeout(r, 5_000)); // start-up work (schedules catching up) settles
  const idleRssMb = servers[0]!.rssMb();
  const victim = servers[servers.length - 1]!;
  const down = new Set<ServerProcess>();

  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const users = Math.max(10, Math.ceil(opts.messages / 10));
  const msgBase = 9_000_000_000_000 + Math.floor(Math.random() * 1e9) * 1000;
  const firstAck = new Set<number>();
  let retries = 0;
  let next = 0;
  /** WeCom's side: deliver until some instance answers 200 (a load balancer skips a dead instance). */
  const deliver = async (i: number, attempt = 0): Promise<void> => {
    const cb = textCallback(`soak${i % users}`, `刚去了${customerOf(i)},聊了价格`, msgBase + i);
    for (let tries = 0; ; tries++) {
      const up = servers.filter((s) => !down.has(s));
      const target = up[(i + tries) % Math.max(1, up.length)];
      const status = target ? await post(agent, target.url, cb) : 0;
      if (status === 200) {
        if (attempt === 0) firstAck.add(i);
        return;
      }
      retries++;
      if (tries > 600) throw new Error(`message ${i} not accepted after ${tries} tries (last status ${status})`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  const killAt = new Set(Array.from({ length: opts.kills }, (_, k) => Math.floor(((k + 1) * opts.messages) / (opts.kills + 1))));
  const started = performance.now();
  const inflight = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  };
  let chaosTasks: Promise<void>[] = [];
  let restarting: Promise<void> = Promise.resolve();
  for (; next < opts.messages; next++) {
    const due = started + (next * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (killAt.has(next)) {
      // SIGKILL mid-run: no shutdown code runs; WeCom keeps calling and retries what fails. (A kill
      // waits until the previous restart has finished: a short run can reach it sooner.)
      await restarting;
      down.add(victim);
      await victim.kill();
      restarting = (async () => {
        await new Promise((r) => setTimeout(r, 1_000));
        await victim.restart();
        down.delete(victim);
      })();
      chaosTasks.push(restarting);
    }
    const i = next;
    track(deliver(i));
    if (opts.chaos && i % 10 === 3) {
      // The same callback twice more, as WeCom's retries arrive (a few seconds apart).
      for (const delay of [300 + (i % 7) * 400, 4_000 + (i % 5) * 500]) {
        chaosTasks.push(new Promise<void>((r) => setTimeout(r, delay)).then(() => deliver(i, 1)));
      }
    }
  }
  await Promise.all([...inflight]);
  await Promise.all(chaosTasks);
  chaosTasks = [];
  const sendSeconds = (performance.now() - started) / 1000;

  // Every reply: wait while they keep coming (rate-limited sends come back after 60 s or more).
  let last = -1;
  let quietSince = performance.now();
  for (;;) {
    const { lost } = countReplies(fake, opts.messages);
    if (lost === 0) break;
    if (lost !== last) {
      last = lost;
      quietSince = performance.now();
    }
    if (performance.now() - quietSince > 200_000) break; // nothing new for 200 s: give up, report what is missing
    await new Promise((r) => setTimeout(r, 1_000));
  }
  await new Promise((r) => setTimeout(r, 3_000)); // late duplicates, if any, would show up now
  const seconds = (performance.now() - started) / 1000;
  const endRssMb = servers[0]!.rssMb();
  const peakRssMb = Math.max(...servers.map((s) => s.peakRssMb()));
  for (const s of servers) await s.stop();
  agent.destroy();
  const replies = countReplies(fake, opts.messages);
  const counts = await databaseCounts(opts, dataDir);
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });

  console.log(
    `${opts.label.padEnd(34)} ${opts.messages} messages (${firstAck.size} acked first time, ${retries} callback retries) in ${sendSeconds.toFixed(0)} s, all replies after ${seconds.toFixed(0)} s`,
  );
  console.log(
    `${''.padEnd(34)} lost replies ${replies.lost}, duplicated replies ${replies.duplicated}` +
      ` (identical resends absorbed by WeCom's duplicate check: ${replies.absorbed}); inbox not done ${counts.pendingInbox}, dead letters ${counts.deadOutbox}` +
      (replies.lostSample.length ? `; lost e.g. ${replies.lostSample.join(', ')}` : ''),
  );
  console.log(`${''.padEnd(34)} server RSS idle ${idleRssMb.toFixed(0)} MB, after the run ${endRssMb.toFixed(0)} MB, peak ${peakRssMb.toFixed(0)} MB`);
  return {
    accepted: opts.messages,
    lost: replies.lost,
    duplicated: replies.duplicated,
    absorbedResends: replies.absorbed,
    seconds,
    idleRssMb,
    endRssMb,
    peakRssMb,
    dead: counts.deadOutbox,
  };
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function benchSoak(args: string[]): Promise<void> {
  const messages = Number(flag(args, 'messages') ?? 10_000);
  const only = flag(args, 'db');
  const url = process.env.BENCH_DATABASE_URL ?? null;
  console.log(`\n# Soak and chaos: ${messages} messages, 10 % delivered three times, 2 × SIGKILL, 5 % of sends failed + a burst of 1 % rate-limited`);
  if (only !== 'postgres') {
    await runSoak({ messages, rate: Number(flag(args, 'rate') ?? 100), kills: 2, chaos: true, instances: 1, databaseUrl: null, label: 'PGlite, one instance' });
  }
  if (url && only !== 'pglite') {
    const rate = Number(flag(args, 'rate') ?? 200);
    await runSoak({ messages, rate, kills: 2, chaos: true, instances: 1, databaseUrl: url, label: 'PostgreSQL, one instance' });
    await runSoak({ messages, rate, kills: 2, chaos: true, instances: 2, databaseUrl: url, label: 'PostgreSQL, two instances' });
  } else if (!url) {
    console.log('(set BENCH_DATABASE_URL to a scratch PostgreSQL database to add the PostgreSQL runs)');
  }
}

/** `npm run bench`: the server's memory on PGlite — idle after a first start, and after N messages. */
export async function benchFootprint(): Promise<void> {
  const messages = Number(process.env.BENCH_FOOTPRINT_MESSAGES ?? 10_000);
  console.log(`\n# Server footprint (child process, fresh DATA_DIR; RSS from /proc): ${messages} chat updates, no chaos`);
  await runSoak({ messages, rate: 100, kills: 0, chaos: false, instances: 1, databaseUrl: null, label: 'PGlite' });
  if (process.env.BENCH_DATABASE_URL) {
    await runSoak({ messages, rate: 200, kills: 0, chaos: false, instances: 1, databaseUrl: process.env.BENCH_DATABASE_URL, label: 'PostgreSQL' });
  }
}

// Run directly: `npx tsx scripts/bench/soak.ts [--messages N]`.
if (import.meta.url === `file://${process.argv[1]}`) {
  await benchSoak(process.argv.slice(2));
  process.exit(0);
}
