// The validated, frozen application configuration. Built once in main and passed in.

export interface WecomAppConfig {
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  encodingAesKey: string;
  apiBase: string;
}

export interface DingtalkAppConfig {
  appKey: string;
  appSecret: string;
  robotCode: string;
  /** `http`: DingTalk posts to /dingtalk/callback. `stream`: one instance holds a Stream connection (no public URL). */
  mode: 'http' | 'stream';
  /**
   * The organisation's corpId. When set, messages from another org are refused; when unset, the app's
   * messages belong to the default tenant (an internal app lives in one org).
   */
  corpId: string | null;
  apiBase: string;
  oapiBase: string;
}

/** WeCom 智能机器人 (AI bot) over its long connection: no public URL; one instance holds the connection. */
export interface WecomBotConfig {
  botId: string;
  secret: string;
  /** wss://openws.work.weixin.qq.com, a private deployment's URL, or a fake in tests. */
  wsUrl: string;
}

/** An OpenAI-compatible endpoint (speech-to-text or chat). */
export interface ModelEndpointConfig {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
}

export interface AppConfig {
  port: number;
  /** The HTTPS origin phones and the mini-program reach us at; QR codes point at `${publicBaseUrl}/s/<token>`. */
  publicBaseUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  logLevel: string;
  adminToken: string | null;
  /** Default tenant id for the env-configured apps. */
  defaultTenantId: string;
  wecom: WecomAppConfig | null;
  dingtalk: DingtalkAppConfig | null;
  /** Assumed to be created in the corp of WECOM_CORP_ID: its userids are that corp's (README). */
  wecomBot: WecomBotConfig | null;
  /** Speech recognition for voice notes; null means voice notes wait until it is configured. */
  asr: ModelEndpointConfig | null;
  /** Optional LLM that improves battle-report wording; the offline rules always run. */
  llm: ModelEndpointConfig | null;
  callback: {
    /** Accepted |now − timestamp| for signed callbacks; WeCom retries within seconds. */
    maxSkewSeconds: number;
    /** Larger bodies are refused before any parsing (413). */
    maxBodyBytes: number;
  };
  worker: {
    pollingIntervalSeconds: number;
    /** Attempts before an inbox row is parked as failed. */
    inboxMaxAttempts: number;
    outbox: {
      maxAttempts: number;
      retryBaseMs: number;
      rateLimitBaseMs: number;
      /** WeCom silently drops more than 30 app messages a minute to one member (WC/90236). */
      perRecipientPerMinute: number;
      /** Group robots take at most 20 messages a minute (WC/91770; 45009 beyond). */
      perRobotPerMinute: number;
    };
    /** How often the sweeper re-enqueues rows whose job was lost. */
    sweepIntervalSeconds: number;
  };
  conversation: {
    /** An update without a customer name belongs to the rep's customer from this window. */
    recentCustomerMinutes: number;
  };
  paths: {
    configDir: string;
  };
}
