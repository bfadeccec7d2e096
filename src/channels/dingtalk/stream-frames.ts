// Pure helpers for DingTalk Stream mode (platforms.md §3.3): the gateway open call's URL and answer,
// the WebSocket URL, reading a CALLBACK frame's `data`, what an ack says, reconnect delays, and
// keeping tickets out of logs. No I/O; stream.ts does the network.

/** The gateway open call, relative to the OpenAPI base (the SDK hard-codes api.dingtalk.com). */
export const GATEWAY_OPEN_PATH = '/v1.0/gateway/connections/open';

/**
 * What we answer in an ack's `response` (the SDK wraps it as data = JSON.stringify({response})).
 * The frame code is always 200: the SDK's socketCallBackResponse hard-codes it, and what the gateway
 * does with a non-200 ack is undocumented — 200 is the only answer known to stop re-delivery.
 */
export const ACK_STORED = { status: 'SUCCESS' } as const;
/** A frame whose `data` is not JSON will never parse, so it is acked (not retried) and flagged. */
export const ACK_MALFORMED = { status: 'REJECTED', reason: 'malformed_data' } as const;

export function gatewayOpenUrl(apiBase: string): string {
  return apiBase.replace(/\/+$/, '') + GATEWAY_OPEN_PATH;
}

export interface GatewayTicket {
  endpoint: string;
  ticket: string;
}

/** The open call's answer `{endpoint, ticket}`; throws a message without the ticket when unusable. */
export function parseGatewayOpenResponse(body: unknown): GatewayTicket {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error('gateway open answer is not a JSON object');
  }
  const { endpoint, ticket } = body as Record<string, unknown>;
  if (typeof endpoint !== 'string' || endpoint === '') throw new Error('gateway open answer has no endpoint');
  if (typeof ticket !== 'string' || ticket === '') throw new Error('gateway open answer has no ticket');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error('gateway endpoint is not a URL');
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') throw new Error(`gateway endpoint has protocol ${url.protocol}`);
  return { endpoint, ticket };
}

/** `${endpoint}?ticket=…` as the SDK builds it, but URL-encoded (the Python SDK quote_plus-es it). */
export function websocketUrl(t: GatewayTicket): string {
  const url = new URL(t.endpoint);
  url.searchParams.set('ticket', t.ticket);
  return url.toString();
}

/** The endpoint as logs may show it: origin and path, never a query string. */
export function describeEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return url.origin + url.pathname;
  } catch {
    return '(invalid endpoint)';
  }
}

const TICKET_PARAM = /([?&]ticket=)[^&#\s"']*/gi;

/** Masks `ticket=` query values in free text (error messages can echo a URL). */
export function redactTickets(text: string): string {
  return text.replace(TICKET_PARAM, '$1[redacted]');
}

export type CallbackData = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * A CALLBACK frame's `data` is a JSON string (for robot messages: the HTTP callback body, §3.1).
 * Any valid JSON is passed on — judging the shape is the codec's job, not the transport's.
 */
export function parseCallbackData(data: unknown): CallbackData {
  if (typeof data !== 'string') return { ok: false, reason: `data is ${data === null ? 'null' : typeof data}, not a JSON string` };
  try {
    return { ok: true, value: JSON.parse(data) as unknown };
  } catch {
    // Not the parser's message: since Node 20 it quotes the input, i.e. message content (debug-only).
    return { ok: false, reason: `data is not valid JSON (${data.length} chars)` };
  }
}

/**
 * Delay before reconnect attempt `attempt` (1-based): doubling from minMs, capped at maxMs, ±20 %
 * jitter so instances recovering from the same outage do not call the gateway in step.
 */
export function reconnectDelayMs(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, minMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  const jittered = exp * (0.8 + 0.4 * random());
  return Math.max(0, Math.round(Math.min(maxMs, jittered)));
}
