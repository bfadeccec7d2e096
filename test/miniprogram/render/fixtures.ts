// Answers shaped like the server's /mp/* routes (src/shared/mp-api.ts, src/http/routes/mp-api.ts),
// registered on the fake wx of a rendered mini-program.
import type {
  LeaderboardResponse,
  LoginResponse,
  MpConfigResponse,
  MpError,
  MyVisitsResponse,
  StoreCard,
  VisitRecord,
  VisitRequest,
  VisitResponse,
} from '../../../src/shared/mp-api.js';
import type { MiniProgram } from '../../support/miniprogram-render.js';

export const TOKEN = 'AbCdEf123456';
export const STORE_LINK = `https://zhanbao.example.com/s/${TOKEN}`;

export function login(session: string, minutes = 120): LoginResponse {
  return {
    session,
    expiresAt: new Date(Date.now() + minutes * 60_000).toISOString(),
    user: { id: 'u1', name: '小王', role: 'store_staff' },
  };
}

export const CONFIG: MpConfigResponse = { sensitiveWords: ['治愈', '处方药'], maxQuestionChars: 500 };

export const CARD: StoreCard = {
  store: { key: 'sh-001', name: '静安店', city: '上海' },
  purpose: 'visit',
  campaign: null,
  todayVisits: 4,
  myTodayVisits: 1,
};

export function record(id: string, over: Partial<VisitRecord> = {}): VisitRecord {
  return {
    id,
    storeKey: 'sh-001',
    storeName: '静安店',
    question: '宝宝湿疹用什么好',
    topics: ['湿疹'],
    customerName: null,
    customerPhoneMasked: null,
    complianceNote: null,
    flaggedForReview: false,
    createdAt: new Date().toISOString(),
    ...over,
  };
}

export function visitAnswer(req: VisitRequest): VisitResponse {
  return {
    visit: record('v-new', {
      question: req.question,
      complianceNote: req.complianceNote ?? null,
      flaggedForReview: req.complianceNote !== undefined,
    }),
    topics: ['湿疹', '用药咨询'],
    suggestions: [
      { action: '推荐温和保湿霜', from: '湿疹护理手册' },
      { action: '提醒就医', from: '合规指引' },
      { action: '登记回访', from: '门店SOP' },
      { action: '第四条不该显示', from: 'x' },
    ],
  };
}

export const BOARDS: Record<string, LeaderboardResponse> = {
  'store week': {
    scope: 'store',
    period: 'week',
    title: '本周门店榜',
    rows: [
      { rank: 1, key: 'sh-001', name: '静安店', visits: 12 },
      { rank: 2, key: 'sh-002', name: '徐汇店', visits: 9 },
      { rank: 4, key: 'sh-004', name: '浦东店', visits: 3 },
    ],
  },
  'team week': { scope: 'team', period: 'week', title: '本周个人榜', rows: [{ rank: 1, key: 'u1', name: '小王', visits: 5 }] },
  'team day': { scope: 'team', period: 'day', title: '今日个人榜', rows: [] },
};

export function mpError(code: string, message: string, words?: string[]): MpError {
  return words ? { code, message, words } : { code, message };
}

/** The happy server: login hands out session-1, session-2, …; every route checks the bearer. */
export function serveMp(mp: MiniProgram, visits: VisitRecord[] = [record('v1'), record('v2', { createdAt: '2024-01-02T03:00:00Z' })]) {
  let n = 0;
  const valid = new Set<string>();
  const state = { visitBodies: [] as VisitRequest[] };
  const authed = (header: Record<string, string>) => valid.has((header['Authorization'] ?? '').replace(/^Bearer /, ''));
  const unauthorized = { status: 401, body: mpError('session_invalid', 'unknown session') };
  mp.fake.route('POST', '/mp/login', () => {
    const session = `session-${++n}`;
    valid.add(session);
    return { status: 200, body: login(session) };
  });
  mp.fake.route('GET', '/mp/config', (r) => (authed(r.header) ? { status: 200, body: CONFIG } : unauthorized));
  mp.fake.route('POST', '/mp/scan', (r) => {
    if (!authed(r.header)) return unauthorized;
    const qr = (r.body as { qr: string }).qr;
    return qr === TOKEN ? { status: 200, body: CARD } : { status: 404, body: mpError('qr_invalid', 'no such code') };
  });
  mp.fake.route('GET', '/mp/visits', (r) => (authed(r.header) ? { status: 200, body: { visits } satisfies MyVisitsResponse } : unauthorized));
  mp.fake.route('POST', '/mp/visits', (r) => {
    if (!authed(r.header)) return unauthorized;
    const body = r.body as VisitRequest;
    state.visitBodies.push(body);
    const words = CONFIG.sensitiveWords.filter((w) => body.question.includes(w));
    if (words.length && !body.complianceNote) {
      return { status: 422, body: mpError('compliance_note_required', 'note required', words) };
    }
    return { status: 201, body: visitAnswer(body) };
  });
  mp.fake.route('GET', '/mp/leaderboard', (r) => {
    if (!authed(r.header)) return unauthorized;
    const q = new URLSearchParams(r.path.split('?')[1] ?? '');
    const board = BOARDS[`${q.get('scope')} ${q.get('period')}`];
    return board ? { status: 200, body: board } : { status: 400, body: mpError('bad_request', 'no board') };
  });
  return {
    state,
    /** The server forgets every session (restart, revoke): the next call gets a RELOGIN 401. */
    expireAll() {
      valid.clear();
    },
  };
}
