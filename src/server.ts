// Builds and starts the whole server from a config: database, migrations, jobs, channels, HTTP.
// main.ts calls this; tests call it with a fake clock/logger and a throwaway database.
import { runSelfChecks } from './app/health/self-check.js';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppDeps, ReportLlm, SpeechToText, UpdateLlm } from './app/app-deps.js';
import { join } from 'node:path';
import { createLanguage, type Language } from './app/nlp/create-language.js';
import { loadRules } from './config/load-rules.js';
import { loadStages } from './config/load-stages.js';
import { backfillTouchKinds } from './app/touches/backfill-touch-kinds.js';
import { installStageFacts } from './store/repos/stage-facts-repo.js';
import { acceptInbound } from './app/inbound/accept-inbound.js';
import { bootstrapDefaultTenant } from './app/tenants/bootstrap-tenant.js';
import type { ChannelDirectory, ChannelMedia, ChannelSender } from './channels/channel.js';
import type { ChannelId } from './channels/inbound-event.js';
import { createWecomClient } from './channels/wecom/client.js';
import { createWecomCrypto } from './channels/wecom/crypto.js';
import { createWecomMedia } from './channels/wecom/media.js';
import { createWecomSender } from './channels/wecom/sender.js';
import { listWecomDirectory } from './channels/wecom/directory-api.js';
import { code2Session } from './channels/wecom/miniprogram.js';
import { loadStoreRules } from './config/load-store-rules.js';
import { loadScoringRules } from './config/load-scoring-rules.js';
import type { AppConfig } from './config/app-config.js';
import { createHttpApp } from './http/http-app.js';
import { platformLoginsFor } from './wiring/console-sign-in.js';
import { startJobQueue } from './jobs/job-queue.js';
import { startWorkers } from './jobs/workers.js';
import { startScheduler } from './jobs/scheduler.js';
import { runScheduledJob, SCHEDULED_JOB_NAMES, type ScheduledJobName } from './jobs/scheduled-jobs.js';
import { systemClock, type Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';
import type { Database } from './store/database.js';
import { migrate } from './store/migrate.js';
import { openDatabase } from './store/open-database.js';

/** Chat updates wait for the LLM at most this long (the battle-report LLM keeps LLM_TIMEOUT_MS). */
const UPDATE_LLM_TIMEOUT_MS = 8_000;

export interface ServerOptions {
  logger: Logger;
  /** Language rules; loaded from config/ when not given (tests share one compiled copy). */
  language?: Language;
  clock?: Clock;
  /** An already open database (tests); otherwise opened from the config. */
  db?: Database;
  /** Start HTTP only, without job workers or schedules (restart tests). */
  workers?: boolean;
  /** Workers without the cron scheduler (tests drive jobs on demand). */
  schedules?: boolean;
  /** WeCom AI bot connection timings (tests use short leases and windows). */
  wecomBotTimings?: import('./wiring/wecom-bot.js').WecomBotTimings;
  /** 试一试 in the console: only the simulator (`npm run simulate -- --web`) passes one. */
  tryIt?: import('./app/try-it/try-it-port.js').TryItBackend;
}

export interface RunningServer {
  url: string;
  port: number;
  deps: AppDeps;
  stop(): Promise<void>;
}

export async function startServer(config: AppConfig, opts: ServerOptions): Promise<RunningServer> {
  const { logger } = opts;
  const clock = opts.clock ?? systemClock;
  // Read before the database opens: a bad stage file must stop start-up before anything else happens.
  const stages = loadStages(join(config.paths.configDir, 'stages.jsonc'));
  const db = opts.db ?? (await openDatabase(config));
  const applied = await migrate(db);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  if (await installStageFacts(db, stages)) logger.info('stage facts follow config/stages.jsonc');
  await bootstrapDefaultTenant(db, config);
  const queue = await startJobQueue(db, logger);

  const senders: Partial<Record<ChannelId, ChannelSender>> = {};
  const directories: Partial<Record<ChannelId, ChannelDirectory>> = {};
  const media: Partial<Record<ChannelId, ChannelMedia>> = {};
  const wecomClient = config.wecom ? createWecomClient({ ...config.wecom, clock, logger }) : null;
  if (config.wecom && wecomClient) {
    const client = wecomClient;
    const sender = createWecomSender(client, config.wecom.agentId, clock);
    senders.wecom = sender;
    directories.wecom = { ...sender, listDirectory: () => listWecomDirectory(client) };
    media.wecom = createWecomMedia(client);
  } else {
    logger.warn('WeCom is not configured (WECOM_* variables); /wecom/callback is disabled');
  }
  // Optional integrations load only when configured (DingTalk's stream client and the OpenAI SDK are
  // ~15 MB resident between them).
  const dingtalk = config.dingtalk ? await import('./wiring/dingtalk.js') : null;
  if (config.dingtalk && dingtalk) {
    const sender = dingtalk.dingtalkSender(config.dingtalk, { db, clock, logger, tenantId: config.defaultTenantId });
    senders.dingtalk = sender;
    directories.dingtalk = sender;
    media.dingtalk = sender;
  } else {
    logger.info('DingTalk is not configured (DINGTALK_APP_KEY, DINGTALK_APP_SECRET)');
  }
  // The AI bot's SDK loads only when configured, like DingTalk's.
  const wecomBotWiring = config.wecomBot ? await import('./wiring/wecom-bot.js') : null;
  const wecomBot = config.wecomBot && wecomBotWiring
    ? wecomBotWiring.wecomBotChannel(config.wecomBot, { db, clock, logger, tenantId: config.defaultTenantId })
    : null;
  if (wecomBot) {
    senders.wecom_bot = wecomBot.sender;
    // Same corp, same userids: the app's directory names the bot's senders (the bot has none of its own).
    const appDirectory = directories.wecom;
    if (appDirectory) directories.wecom_bot = { getUserName: (id) => appDirectory.getUserName(id), lookUpUser: (id) => appDirectory.lookUpUser(id) };
  }
  if (!config.adminToken) logger.warn('ADMIN_TOKEN is not set; the admin API refuses every call');
  const speech: SpeechToText | null = config.asr
    ? (await import('./providers/asr/openai-asr.js')).createOpenAiAsr({ ...config.asr, logger })
    : null;
  const reportLlm: ReportLlm | null = config.llm
    ? (await import('./providers/llm/openai-report-llm.js')).createOpenAiReportLlm({ ...config.llm, logger })
    : null;
  // A rep waits for the chat reply: one short attempt, then the rules alone.
  const updateLlm: UpdateLlm | null = config.llm
    ? (await import('./providers/llm/openai-update-llm.js')).createOpenAiUpdateLlm({
        ...config.llm, timeoutMs: Math.min(config.llm.timeoutMs, UPDATE_LLM_TIMEOUT_MS), maxRetries: 0, logger,
      })
    : null;
  if (!speech) logger.warn('ASR is not configured (ASR_BASE_URL); voice notes are kept until it is');

  const deps: AppDeps = {
    db, queue, clock, logger, config, speech, reportLlm, updateLlm, senders, directories, media,
    ...(opts.language ?? createLanguage(config.paths.configDir)),
    stages,
    pushRules: loadRules(join(config.paths.configDir, 'rules.jsonc'), stages),
    storeRules: loadStoreRules(config.paths.configDir),
    scoring: loadScoringRules(join(config.paths.configDir, 'scoring.jsonc')),
    miniProgram: wecomClient && config.wecom
      ? { corpId: config.wecom.corpId, code2Session: (code) => code2Session(wecomClient, code) }
      : null,
  };
  await backfillTouchKinds(db, deps.nlp, logger);
  const dingtalkReceive = config.dingtalk && dingtalk ? dingtalk.dingtalkReceiver(config.dingtalk, deps) : null;
  const workers = opts.workers === false ? null : await startWorkers(deps);
  // Only instances that process work compete for the Stream connection.
  const stream = dingtalk && dingtalkReceive && config.dingtalk?.mode === 'stream' && opts.workers !== false
    ? await dingtalk.startStreamMode(config.dingtalk, dingtalkReceive, { db, clock, logger, tenantId: config.defaultTenantId })
    : null;
  // Likewise for the AI bot's long connection.
  if (wecomBot && opts.workers !== false) wecomBot.start(deps, opts.wecomBotTimings);
  const scheduler = opts.workers === false || opts.schedules === false ? null : await startScheduler(deps);

  const app = createHttpApp({
    db, logger, adminToken: config.adminToken, tenantId: config.defaultTenantId, stores: deps,
    platformLogins: platformLoginsFor(config, clock, wecomClient),
    ...(opts.tryIt ? { tryIt: opts.tryIt } : {}),
    jobs: { jobNames: SCHEDULED_JOB_NAMES, run: (name, at) => runScheduledJob(deps, name as ScheduledJobName, at, { immediate: true }), now: () => clock.now() },
    wecom: config.wecom
      ? {
          crypto: createWecomCrypto({ token: config.wecom.token, encodingAesKey: config.wecom.encodingAesKey, receiveId: config.wecom.corpId }),
          clock,
          maxSkewSeconds: config.callback.maxSkewSeconds,
          maxBodyBytes: config.callback.maxBodyBytes,
          accept: (event) => acceptInbound(deps, event),
        }
      : null,
    dingtalk:
      dingtalkReceive && config.dingtalk?.mode === 'http'
        ? { maxBodyBytes: config.callback.maxBodyBytes, receive: dingtalkReceive }
        : null,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, () => resolve(s));
    // Slow clients may not hold sockets: headers within 10 s, the whole request within 30 s.
    s.headersTimeout = 10_000;
    s.requestTimeout = 30_000;
    s.once('error', reject);
  });
  // WeCom waits 5 s at most; keep-alive sockets must not hold shutdown for long.
  server.keepAliveTimeout = 5_000;
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, database: db.kind }, 'server listening');
  // One line per check, after listening: a platform that is slow to answer never delays start-up.
  void runSelfChecks(deps).then((checks) => {
    for (const c of checks) logger[c.ok ? 'info' : 'warn']({ check: c.name, ok: c.ok, detail: c.detail }, 'self-check');
  });

  let stopping: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    deps,
    stop: () =>
      (stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await stream?.stop();
        await wecomBot?.stop();
        await scheduler?.stop();
        await workers?.stop();
        await queue.stop();
        if (!opts.db) await db.close();
        logger.info('server stopped');
      })()),
  };
}
