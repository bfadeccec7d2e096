// One pino logger, created in main and passed in. Secrets, tokens and phone numbers are redacted;
// message content is logged only at debug level by callers.
import { pino, type Logger } from 'pino';

export type { Logger };

const REDACT_PATHS = [
  'secret', '*.secret', 'token', '*.token', 'accessToken', '*.accessToken', 'access_token', '*.access_token',
  'authorization', '*.authorization', 'req.headers.authorization', 'headers.authorization',
  'encodingAesKey', '*.encodingAesKey', 'aesKey', '*.aesKey', 'phone', '*.phone', 'mobile', '*.mobile',
  'password', '*.password', 'webhookKey', '*.webhookKey', 'sessionKey', '*.sessionKey',
];

const PHONE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/** Masks mainland mobile numbers inside free text (138****5678). */
export function maskPhones(text: string): string {
  return text.replace(PHONE, '$1****$2');
}

export function createLogger(opts: { level: string; pretty?: boolean } = { level: 'info' }): Logger {
  return pino({
    level: opts.level,
    base: { svc: 'zhanbao' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}

/** A logger that drops everything; for tests and CLI commands whose stdout must stay clean. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
