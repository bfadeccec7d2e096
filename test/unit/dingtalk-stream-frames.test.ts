// Pure Stream-mode helpers: gateway URL and answer, WebSocket URL, CALLBACK data, backoff, ticket redaction.
import { describe, expect, it } from 'vitest';
import {
  ACK_MALFORMED, ACK_STORED, describeEndpoint, gatewayOpenUrl, parseCallbackData, parseGatewayOpenResponse,
  reconnectDelayMs, redactTickets, websocketUrl,
} from '../../src/channels/dingtalk/stream-frames.js';

describe('gatewayOpenUrl', () => {
  it('appends the open path to the configured base, with or without a trailing slash', () => {
    expect(gatewayOpenUrl('https://api.dingtalk.com')).toBe('https://api.dingtalk.com/v1.0/gateway/connections/open');
    expect(gatewayOpenUrl('http://127.0.0.1:9000/')).toBe('http://127.0.0.1:9000/v1.0/gateway/connections/open');
    expect(gatewayOpenUrl('https://proxy.example.com/dingtalk//')).toBe('https://proxy.example.com/dingtalk/v1.0/gateway/connections/open');
  });
});

describe('parseGatewayOpenResponse', () => {
  it('returns endpoint and ticket', () => {
    expect(parseGatewayOpenResponse({ endpoint: 'wss://wss-open-connection.dingtalk.com:443/connect', ticket: 't-1' }))
      .toEqual({ endpoint: 'wss://wss-open-connection.dingtalk.com:443/connect', ticket: 't-1' });
  });

  it.each([
    [null, 'not a JSON object'],
    ['<xml/>', 'not a JSON object'],
    [{ ticket: 't' }, 'no endpoint'],
    [{ endpoint: 'wss://x/connect' }, 'no ticket'],
    [{ endpoint: 'wss://x/connect', ticket: '' }, 'no ticket'],
    [{ endpoint: 'not a url', ticket: 't' }, 'not a URL'],
    [{ endpoint: 'https://x/connect', ticket: 't' }, 'protocol https:'],
  ])('rejects %j', (body, message) => {
    expect(() => parseGatewayOpenResponse(body)).toThrow(message);
  });

  it('never puts the ticket in its error', () => {
    let message = '';
    try {
      parseGatewayOpenResponse({ endpoint: 'nope', ticket: 'secret-ticket-123' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('gateway endpoint is not a URL');
  });
});

describe('websocketUrl', () => {
  it('adds the ticket as a query parameter, URL-encoded', () => {
    expect(websocketUrl({ endpoint: 'wss://gw.example.com/connect', ticket: 'a+b/c=' })).toBe('wss://gw.example.com/connect?ticket=a%2Bb%2Fc%3D');
  });

  it('keeps a query the endpoint already has', () => {
    expect(websocketUrl({ endpoint: 'ws://127.0.0.1:1/connect?region=cn', ticket: 't' })).toBe('ws://127.0.0.1:1/connect?region=cn&ticket=t');
  });
});

describe('describeEndpoint / redactTickets', () => {
  it('shows origin and path only', () => {
    expect(describeEndpoint('wss://gw.example.com:443/connect?ticket=abc')).toBe('wss://gw.example.com/connect');
    expect(describeEndpoint('::')).toBe('(invalid endpoint)');
  });

  it('masks ticket values in free text', () => {
    expect(redactTickets('Invalid URL: wss://gw/connect?ticket=abc-123&x=1')).toBe('Invalid URL: wss://gw/connect?ticket=[redacted]&x=1');
    expect(redactTickets('GET /connect?a=1&TICKET=zz "x"')).toBe('GET /connect?a=1&TICKET=[redacted] "x"');
    expect(redactTickets('no tickets here')).toBe('no tickets here');
  });
});

describe('parseCallbackData', () => {
  it('passes any valid JSON on (shape is the codec’s business)', () => {
    expect(parseCallbackData('{"msgId":"m1","text":{"content":"签了"}}')).toEqual({ ok: true, value: { msgId: 'm1', text: { content: '签了' } } });
    expect(parseCallbackData('[]')).toEqual({ ok: true, value: [] });
    expect(parseCallbackData('null')).toEqual({ ok: true, value: null });
  });

  it('rejects malformed JSON without quoting the content', () => {
    const r = parseCallbackData('{"text":"客户电话 13812345678"');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(/not valid JSON/);
      expect(r.reason).not.toContain('1381234');
    }
  });

  it('rejects data that is not a string', () => {
    expect(parseCallbackData(undefined)).toEqual({ ok: false, reason: 'data is undefined, not a JSON string' });
    expect(parseCallbackData(null)).toEqual({ ok: false, reason: 'data is null, not a JSON string' });
    expect(parseCallbackData({ msgId: 'x' })).toEqual({ ok: false, reason: 'data is object, not a JSON string' });
  });
});

describe('ack responses', () => {
  it('are small opaque objects (sent with frame code 200 by the SDK)', () => {
    expect(ACK_STORED).toEqual({ status: 'SUCCESS' });
    expect(ACK_MALFORMED).toEqual({ status: 'REJECTED', reason: 'malformed_data' });
  });
});

describe('reconnectDelayMs', () => {
  const mid = () => 0.5; // no jitter

  it('doubles from the minimum and caps at the maximum', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => reconnectDelayMs(n, 1000, 30_000, mid))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('jitters by ±20 % but never beyond the cap', () => {
    expect(reconnectDelayMs(1, 1000, 30_000, () => 0)).toBe(800);
    expect(reconnectDelayMs(1, 1000, 30_000, () => 0.999_999)).toBe(1200);
    expect(reconnectDelayMs(10, 1000, 30_000, () => 0.999_999)).toBe(30_000);
  });

  it('survives huge attempt counts and a zero minimum', () => {
    expect(reconnectDelayMs(10_000, 1000, 30_000, mid)).toBe(30_000);
    expect(reconnectDelayMs(3, 0, 30_000, mid)).toBe(0);
    expect(reconnectDelayMs(0, 500, 30_000, mid)).toBe(500);
  });
});
