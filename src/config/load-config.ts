// The only reader of process.env. Validates once and returns a frozen AppConfig; a bad setting stops
// start-up with a message naming the variable.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig, DingtalkAppConfig, ModelEndpointConfig, WecomAppConfig, WecomBotConfig } from './app-config.js';
import { repoRoot } from './repo-root.js';

export class ConfigError extends Error {}

/**
 * Reads `.env` (next to package.json, or ENV_FILE) into the environment for variables the environment
 * does not set already; a missing file is fine, a malformed one is a ConfigError.
 */
export function loadEnvFile(env: Env = process.env): void {
  const path = resolve(repoRoot(), str(env, 'ENV_FILE') ?? '.env');
  if (!existsSync(path)) return;
  try {
    process.loadEnvFile(path);
  } catch (err) {
    throw new ConfigError(`${path} could not be read: ${(err as Error).message}`);
  }
}

type Env = Record<string, string | undefined>;

/** Whether npm launched us (`npm start`): npm does not pass SIGTERM on, so main.ts watches its parent. */
export function launchedByNpm(env: Env = process.env): boolean {
  return Boolean(env.npm_lifecycle_event);
}

const WECOM_VARS = ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'] as const;

function str(env: Env, name: string): string | null {
  const v = env[name]?.trim();
  return v ? v : null;
}

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === null) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer in ${min}..${max}, got "${raw}"`);
  return n;
}

function url(env: Env, name: string, def: string): string {
  const raw = str(env, name) ?? def;
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

function loadWecom(env: Env): WecomAppConfig | null {
  const present = WECOM_VARS.filter((n) => str(env, n) !== null);
  if (present.length === 0) return null;
  const missing = WECOM_VARS.filter((n) => str(env, n) === null);
  if (missing.length) throw new ConfigError(`WeCom is partly configured; missing ${missing.join(', ')}`);
  const aesKey = str(env, 'WECOM_ENCODING_AES_KEY')!;
  if (!/^[A-Za-z0-9]{43}$/.test(aesKey)) throw new ConfigError('WECOM_ENCODING_AES_KEY must be 43 letters/digits');
  const token = str(env, 'WECOM_TOKEN')!;
  if (!/^[A-Za-z0-9]{1,32}$/.test(token)) throw new ConfigError('WECOM_TOKEN must be 1–32 letters/digits');
  return {
    corpId: str(env, 'WECOM_CORP_ID')!,
    agentId: int(env, 'WECOM_AGENT_ID', 0, 1, 2 ** 31 - 1),
    secret: str(env, 'WECOM_SECRET')!,
    token,
    encodingAesKey: aesKey,
    apiBase: url(env, 'WECOM_API_BASE', 'https://qyapi.weixin.qq.com'),
  };
}

const DINGTALK_VARS = ['DINGTALK_APP_KEY', 'DINGTALK_APP_SECRET'] as const;

function loadDingtalk(env: Env): DingtalkAppConfig | null {
  const present = DINGTALK_VARS.filter((n) => str(env, n) !== null);
  if (present.length === 0) {
    const stray = ['DINGTALK_ROBOT_CODE', 'DINGTALK_CORP_ID'].filter((n) => str(env, n) !== null);
    if (stray.length) throw new ConfigError(`${stray.join(', ')} set but DINGTALK_APP_KEY is missing`);
    return null;
  }
  const missing = DINGTALK_VARS.filter((n) => str(env, n) === null);
  if (missing.length) throw new ConfigError(`DingTalk is partly configured; missing ${missing.join(', ')}`);
  const mode = str(env, 'DINGTALK_MODE') ?? 'http';
  if (mode !== 'http' && mode !== 'stream') throw new ConfigError(`DINGTALK_MODE must be "http" or "stream", got "${mode}"`);
  return {
    appKey: str(env, 'DINGTALK_APP_KEY')!,
    appSecret: str(env, 'DINGTALK_APP_SECRET')!,
    // A robot added to an internal app has the app's AppKey as its robotCode; set it only when it differs.
    robotCode: str(env, 'DINGTALK_ROBOT_CODE') ?? str(env, 'DINGTALK_APP_KEY')!,
    mode,
    corpId: str(env, 'DINGTALK_CORP_ID'),
    apiBase: url(env, 'DINGTALK_API_BASE', 'https://api.dingtalk.com'),
    oapiBase: url(env, 'DINGTALK_OAPI_BASE', 'https://oapi.dingtalk.com'),
  };
}

const WECOM_BOT_VARS = ['WECOM_BOT_ID', 'WECOM_BOT_SECRET'] as const;

function loadWecomBot(env: Env): WecomBotConfig | null {
  const present = WECOM_BOT_VARS.filter((n) => str(env, n) !== null);
  if (present.length === 0) {
    if (str(env, 'WECOM_BOT_WS_URL') !== null) throw new ConfigError('WECOM_BOT_WS_URL set but WECOM_BOT_ID is missing');
    return null;
  }
  const missing = WECOM_BOT_VARS.filter((n) => str(env, n) === null);
  if (missing.length) throw new ConfigError(`The WeCom AI bot is partly configured; missing ${missing.join(', ')}`);
  const raw = str(env, 'WECOM_BOT_WS_URL') ?? 'wss://openws.work.weixin.qq.com';
  try {
    const u = new URL(raw);
    if (u.protocol !== 'ws:' && u.protocol !== 'wss:') throw new Error('not ws(s)');
  } catch {
    throw new ConfigError(`WECOM_BOT_WS_URL must be a ws:// or wss:// URL, got "${raw}"`);
  }
  return { botId: str(env, 'WECOM_BOT_ID')!, secret: str(env, 'WECOM_BOT_SECRET')!, wsUrl: raw };
}

/** ASR_* / LLM_*: enabled by the base URL; the key may be empty for local endpoints. */
function loadEndpoint(env: Env, prefix: 'ASR' | 'LLM', defaultModel: string | null, timeoutMs: number): ModelEndpointConfig | null {
  if (str(env, `${prefix}_BASE_URL`) === null) {
    const stray = ['API_KEY', 'MODEL'].map((k) => `${prefix}_${k}`).filter((n) => str(env, n) !== null);
    if (stray.length) throw new ConfigError(`${stray.join(', ')} set but ${prefix}_BASE_URL is missing`);
    return null;
  }
  const model = str(env, `${prefix}_MODEL`) ?? defaultModel;
  if (!model) throw new ConfigError(`${prefix}_MODEL is required when ${prefix}_BASE_URL is set`);
  return {
    baseUrl: url(env, `${prefix}_BASE_URL`, ''),
    apiKey: str(env, `${prefix}_API_KEY`) ?? 'none',
    model,
    timeoutMs: int(env, `${prefix}_TIMEOUT_MS`, timeoutMs, 1000, 600_000),
    maxRetries: 2,
  };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

export function loadConfig(env: Env = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const root = repoRoot();
  const dataDir = resolve(root, str(env, 'DATA_DIR') ?? './data');
  const logLevel = str(env, 'LOG_LEVEL') ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "${logLevel}"`);
  }
  const port = int(env, 'PORT', 3000, 0, 65535);
  const config: AppConfig = {
    port,
    publicBaseUrl: url(env, 'PUBLIC_BASE_URL', `http://localhost:${port}`),
    dataDir,
    databaseUrl: str(env, 'DATABASE_URL'),
    logLevel,
    adminToken: str(env, 'ADMIN_TOKEN'),
    defaultTenantId: 'default',
    wecom: loadWecom(env),
    dingtalk: loadDingtalk(env),
    wecomBot: loadWecomBot(env),
    asr: loadEndpoint(env, 'ASR', 'whisper-1', 60_000),
    llm: loadEndpoint(env, 'LLM', null, 20_000),
    callback: { maxSkewSeconds: 600, maxBodyBytes: 64 * 1024 },
    worker: {
      pollingIntervalSeconds: 0.5,
      inboxMaxAttempts: 5,
      outbox: { maxAttempts: 8, retryBaseMs: 2_000, rateLimitBaseMs: 60_000, perRecipientPerMinute: 28, perRobotPerMinute: 18 },
      sweepIntervalSeconds: 30,
    },
    conversation: { recentCustomerMinutes: 30 },
    paths: { configDir: join(root, 'config') },
    ...overrides,
  };
  return deepFreeze(config);
}
