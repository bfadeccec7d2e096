// Typed calls for every /mp/* route. Each authenticated call sends the session as a Bearer token;
// when the server answers 401 with a RELOGIN code the client logs in again (shared with concurrent
// callers, see session.ts) and repeats the call exactly once.
import type {
  LeaderboardResponse,
  LoginResponse,
  MpConfigResponse,
  MyVisitsResponse,
  ScanRequest,
  StoreCard,
  VisitRequest,
  VisitResponse,
} from '../../src/shared/mp-api.js';
import { isReloginCode } from './relogin-codes.js';
import { apiUrl, sendJson, unwrap, type JsonResponse } from './request.js';
import type { Session } from './session.js';
import type { Wx, WxMethod } from './wx-facade.js';

export type LeaderboardScope = LeaderboardResponse['scope'];
export type LeaderboardPeriod = LeaderboardResponse['period'];

export interface ApiClientDeps {
  wx: Pick<Wx, 'request'>;
  session: Session;
  apiBase: string;
  timeoutMs: number;
  /** Longer budget for POST /mp/visits, which may transcribe audio before answering. */
  visitTimeoutMs?: number;
}

export interface ApiClient {
  /** Logs in now (or reuses a valid session) and returns it. */
  login(): Promise<LoginResponse>;
  config(): Promise<MpConfigResponse>;
  scan(qr: string): Promise<StoreCard>;
  createVisit(req: VisitRequest): Promise<VisitResponse>;
  myVisits(): Promise<MyVisitsResponse>;
  leaderboard(scope: LeaderboardScope, period: LeaderboardPeriod): Promise<LeaderboardResponse>;
}

interface Call {
  method: WxMethod;
  path: string;
  body?: object;
  timeoutMs?: number;
}

export function createApiClient(deps: ApiClientDeps): ApiClient {
  const send = (call: Call, token: string): Promise<JsonResponse> =>
    sendJson(deps.wx, {
      url: apiUrl(deps.apiBase, call.path),
      method: call.method,
      headers: { Authorization: `Bearer ${token}` },
      timeoutMs: call.timeoutMs ?? deps.timeoutMs,
      ...(call.body !== undefined ? { body: call.body } : {}),
    });

  async function authed<T>(call: Call): Promise<T> {
    const token = (await deps.session.ensure()).session;
    let res = await send(call, token);
    if (needsRelogin(res)) {
      const fresh = await deps.session.renew(token);
      res = await send(call, fresh.session);
    }
    return unwrap<T>(res);
  }

  return {
    login: () => deps.session.ensure(),
    config: () => authed<MpConfigResponse>({ method: 'GET', path: '/mp/config' }),
    scan: (qr) => {
      const body: ScanRequest = { qr };
      return authed<StoreCard>({ method: 'POST', path: '/mp/scan', body });
    },
    createVisit: (req) =>
      authed<VisitResponse>({
        method: 'POST',
        path: '/mp/visits',
        body: req,
        timeoutMs: deps.visitTimeoutMs ?? deps.timeoutMs,
      }),
    myVisits: () => authed<MyVisitsResponse>({ method: 'GET', path: '/mp/visits' }),
    leaderboard: (scope, period) =>
      authed<LeaderboardResponse>({
        method: 'GET',
        path: `/mp/leaderboard?scope=${encodeURIComponent(scope)}&period=${encodeURIComponent(period)}`,
      }),
  };
}

function needsRelogin(res: JsonResponse): boolean {
  if (res.status !== 401) return false;
  const code = (res.body as { code?: unknown } | null)?.code;
  return typeof code === 'string' && isReloginCode(code);
}
