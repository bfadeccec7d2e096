// What an operator checks first when the bot stays silent: the database, each platform's credentials
// (an access token), the ASR endpoint, the chart font, and whether PUBLIC_BASE_URL is https. Run once at
// start-up (one log line each) and on GET /healthz?deep=1.
import { existsSync } from 'node:fs';
import { CJK_FONT_FILE } from '../../providers/render/svg-png.js';
import type { AppDeps } from '../app-deps.js';

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  /** Why it failed, or what was checked; never a secret. */
  readonly detail: string;
}

const CHECK_TIMEOUT_MS = 5_000;

type Deps = Pick<AppDeps, 'db' | 'senders' | 'speech' | 'config'>;

export async function runSelfChecks(deps: Deps): Promise<CheckResult[]> {
  const checks: Promise<CheckResult>[] = [
    probe('database', () => deps.db.query('select 1').then(() => undefined)),
  ];
  for (const sender of Object.values(deps.senders)) {
    if (sender?.probe) checks.push(probe(`${sender.channel}_token`, () => sender.probe!()));
  }
  if (deps.speech?.probe) checks.push(probe('asr_reachable', () => deps.speech!.probe!()));
  checks.push(Promise.resolve(fontCheck()), Promise.resolve(publicUrlCheck(deps.config.publicBaseUrl)));
  return Promise.all(checks);
}

async function probe(name: string, run: () => Promise<void>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([run(), timeout]);
    return { name, ok: true, detail: 'ok' };
  } catch (err) {
    return { name, ok: false, detail: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

function fontCheck(): CheckResult {
  const ok = existsSync(CJK_FONT_FILE);
  return { name: 'cjk_font', ok, detail: ok ? CJK_FONT_FILE : `${CJK_FONT_FILE} missing: install fonts-wqy-microhei or leaderboard charts fail` };
}

/** Phones reach QR codes and the mini-program over https only; plain http is fine on localhost. */
function publicUrlCheck(url: string): CheckResult {
  const { protocol, hostname } = new URL(url);
  const local = hostname === 'localhost' || hostname === '127.0.0.1';
  const ok = protocol === 'https:' || local;
  return { name: 'public_base_url', ok, detail: ok ? url : `${url} is not https: phones cannot open QR links or the mini-program API` };
}
