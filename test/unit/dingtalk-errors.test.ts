// classifyDingtalkError: both answer styles — OpenAPI HTTP status + code, oapi/webhook HTTP 200 + errcode
// (88 defers to sub_code) — into token / retryable / rate_limited / permanent; isExpiredSession.
import { describe, expect, it } from 'vitest';
import { classifyDingtalkError, DingtalkApiError, isExpiredSession, isTimeoutError } from '../../src/channels/dingtalk/errors.js';

describe('classifyDingtalkError — OpenAPI (api.dingtalk.com)', () => {
  it('401 or InvalidAuthentication → token (refresh once, retry once)', () => {
    expect(classifyDingtalkError({ httpStatus: 401 })).toBe('token');
    expect(classifyDingtalkError({ httpStatus: 401, code: 'InvalidAuthentication' })).toBe('token');
    expect(classifyDingtalkError({ httpStatus: 400, code: 'InvalidAuthentication' })).toBe('token');
  });

  it.each([
    [429, undefined],
    [403, 'Throttling'],
    [400, 'Throttling.Api'],
    [403, 'Throttling.User'],
    [403, 'Forbidden.AccessDenied.QpsLimitForApi'],
    [403, 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi'],
  ])('HTTP %s %s → rate_limited', (httpStatus, code) => {
    expect(classifyDingtalkError({ httpStatus, code })).toBe('rate_limited');
  });

  it('5xx, timeouts and network errors → retryable, whatever the code', () => {
    expect(classifyDingtalkError({ httpStatus: 500 })).toBe('retryable');
    expect(classifyDingtalkError({ httpStatus: 503, code: 'ServiceUnavailable' })).toBe('retryable');
    expect(classifyDingtalkError({ httpStatus: 502, code: 'invalidParameter.msgKey.invalid' })).toBe('retryable');
    expect(classifyDingtalkError({ timeout: true })).toBe('retryable');
    expect(classifyDingtalkError({ network: true })).toBe('retryable');
  });

  it.each([
    [400, 'invalidParameter.robotCode.notExist'],
    [400, 'invalidParameter.userIds.overMax'],
    [400, 'invalidParameter.msgKey.invalid'],
    [403, 'Forbidden.AccessDenied.AccessTokenPermissionDenied'],
    [403, 'Forbidden.AccessDenied.ApiCountLimitForOrg'],
    [404, undefined],
  ])('HTTP %s %s → permanent', (httpStatus, code) => {
    expect(classifyDingtalkError({ httpStatus, code })).toBe('permanent');
  });
});

describe('classifyDingtalkError — oapi / webhooks (HTTP 200 + errcode)', () => {
  it.each([40014, 41001, 42001])('errcode %i → token', (errcode) => {
    expect(classifyDingtalkError({ httpStatus: 200, errcode })).toBe('token');
  });

  it.each([130101, 90002, 90018, 90019])('errcode %i → rate_limited', (errcode) => {
    expect(classifyDingtalkError({ httpStatus: 200, errcode })).toBe('rate_limited');
  });

  it('-1 (系统繁忙) → retryable', () => {
    expect(classifyDingtalkError({ httpStatus: 200, errcode: -1 })).toBe('retryable');
  });

  it.each([310000, 300001, 460101, 400102, 90020, 90030, 40004])('errcode %i → permanent', (errcode) => {
    expect(classifyDingtalkError({ httpStatus: 200, errcode })).toBe('permanent');
  });

  it('88 is classified by its sub_code', () => {
    expect(classifyDingtalkError({ httpStatus: 200, errcode: 88, subCode: '90018' })).toBe('rate_limited');
    expect(classifyDingtalkError({ httpStatus: 200, errcode: 88, subCode: '40014' })).toBe('token');
    expect(classifyDingtalkError({ httpStatus: 200, errcode: 88, subCode: '60011' })).toBe('permanent');
    expect(classifyDingtalkError({ httpStatus: 200, errcode: 88, subCode: '88' })).toBe('permanent');
    expect(classifyDingtalkError({ httpStatus: 200, errcode: 88 })).toBe('permanent');
    expect(classifyDingtalkError({ httpStatus: 200, errcode: 88, subCode: 'isv.abc' })).toBe('permanent');
  });

  it('a 2xx without any code → retryable (unreadable answer)', () => {
    expect(classifyDingtalkError({ httpStatus: 200 })).toBe('retryable');
    expect(classifyDingtalkError({})).toBe('retryable');
  });
});

describe('isExpiredSession', () => {
  it('is true only for errors flagged as an expired sessionWebhook', () => {
    const expired = new DingtalkApiError('session', { failureClass: 'permanent', errcode: 300001, path: '/robot/sendBySession', expiredSession: true });
    const badToken = new DingtalkApiError('robot', { failureClass: 'permanent', errcode: 300001, path: '/robot/send' });
    expect(isExpiredSession(expired)).toBe(true);
    expect(isExpiredSession(badToken)).toBe(false);
    expect(isExpiredSession(new Error('session 不存在'))).toBe(false);
    expect(isExpiredSession(null)).toBe(false);
  });

  it('the error exposes nothing and keeps its classification', () => {
    const e = new DingtalkApiError('x', { failureClass: 'rate_limited', httpStatus: 429, code: 'Throttling', path: '/v1.0/robot/groupMessages/send' });
    expect(e).toMatchObject({ code: 'dingtalk_api_error', expose: false, failureClass: 'rate_limited', platformCode: 'Throttling', deliveredUserIds: [] });
  });
});

describe('isTimeoutError', () => {
  it('axios timeout codes, or the elapsed time reaching the timeout', () => {
    expect(isTimeoutError({ code: 'ECONNABORTED' }, 5, 1000)).toBe(true);
    expect(isTimeoutError({ code: 'ETIMEDOUT' }, 5, 1000)).toBe(true);
    expect(isTimeoutError({ code: 'ERR_BAD_RESPONSE' }, 1000, 1000)).toBe(true);
    expect(isTimeoutError({ code: 'ECONNRESET' }, 5, 1000)).toBe(false);
  });
});
