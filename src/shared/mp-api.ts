// The mini-program ↔ server contract: request and response bodies of every /mp/* route. The server
// and miniprogram/ both import these types (type-only), so the two sides cannot drift apart.

export type MpRole = 'rep' | 'manager' | 'store_staff' | 'admin';

export interface MpUser {
  id: string;
  name: string | null;
  role: MpRole;
}

/** POST /mp/login — `code` from wx.qy.login (valid 5 minutes). */
export interface LoginRequest {
  code: string;
}
export interface LoginResponse {
  /** Opaque bearer token for every other /mp/* call. */
  session: string;
  /** ISO time; log in again before or when a call answers 401. */
  expiresAt: string;
  user: MpUser;
}

/** GET /mp/config — what the client mirrors so it can warn before the server refuses. */
export interface MpConfigResponse {
  /** Words that make a compliance note mandatory (matched as substrings, case-insensitive). */
  sensitiveWords: string[];
  /** Longest question accepted, in characters. */
  maxQuestionChars: number;
}

/** POST /mp/scan — `qr` is what the scan gave: the URL, a mini-program path with `scene=`, or the bare token. */
export interface ScanRequest {
  qr: string;
}
export interface StoreCard {
  store: { key: string; name: string; city: string | null };
  purpose: 'visit' | 'campaign';
  campaign: string | null;
  /** Visits recorded at this store today (Asia/Shanghai), by everyone. */
  todayVisits: number;
  /** Visits the caller recorded today, at any store. */
  myTodayVisits: number;
}

/** Recorder output; the server transcribes it through the same ASR as chat voice notes. */
export interface VisitAudio {
  base64: string;
  format: 'mp3' | 'aac' | 'm4a' | 'wav';
}

/** POST /mp/visits — `question` may be empty when `audio` carries it. */
export interface VisitRequest {
  qr: string;
  question: string;
  customerName?: string;
  customerPhone?: string;
  complianceNote?: string;
  audio?: VisitAudio;
}

export interface Suggestion {
  /** The concrete action, e.g. "推荐含神经酰胺的润肤霜". */
  action: string;
  /** Which playbook entry it came from (its label), for the "why". */
  from: string;
}

export interface VisitRecord {
  id: string;
  storeKey: string;
  storeName: string;
  question: string;
  topics: string[];
  customerName: string | null;
  /** 138****5678 */
  customerPhoneMasked: string | null;
  complianceNote: string | null;
  /** A sensitive word was present: the visit waits for review at headquarters. */
  flaggedForReview: boolean;
  createdAt: string;
}

export interface VisitResponse {
  visit: VisitRecord;
  topics: string[];
  /** At most three, best first. */
  suggestions: Suggestion[];
}

/** GET /mp/visits — the caller's recent visits, newest first. */
export interface MyVisitsResponse {
  visits: VisitRecord[];
}

/** GET /mp/leaderboard?scope=store|team&period=day|week|month */
export interface LeaderboardResponse {
  scope: 'store' | 'team';
  period: 'day' | 'week' | 'month';
  title: string;
  /** scope=store: stores of the caller's team; scope=team: people of the caller's team. */
  rows: { rank: number; key: string; name: string; visits: number }[];
}

/** Every error body. 401 codes tell the client to log in again. */
export type MpErrorCode =
  | 'session_missing'
  | 'session_invalid'
  | 'session_expired'
  | 'login_failed'
  | 'cross_corp'
  | 'qr_invalid'
  | 'qr_revoked'
  | 'qr_foreign'
  | 'compliance_note_required'
  | 'bad_request'
  | 'invalid_json'
  | 'asr_unavailable';

export interface MpError {
  code: MpErrorCode | string;
  message: string;
  /** compliance_note_required: the sensitive words found. */
  words?: string[];
}

/** The 401 codes after which a fresh wx.qy.login is the fix. */
export const RELOGIN_CODES: readonly string[] = ['session_missing', 'session_invalid', 'session_expired'];
