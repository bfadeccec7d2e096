// A local stand-in for api.dingtalk.com AND oapi.dingtalk.com (one base URL serves both): access token,
// robot batchSend / group send, sessionWebhook replies, custom group robots (加签 checked), received-file
// download, media upload and the directory (department/listsub, user/list over a settable directory),
// answering with the real JSON shapes (platforms.md §3). Used by the
// simulator, integration/e2e tests and benchmarks; failures can be scripted like fake-wecom-api.ts.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeDirectory, type FakeDirectory, type FakeMember } from './fake-directory.js';

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** JSON body, or for multipart uploads the text fields. */
  body: Record<string, unknown> | null;
  /** Whether the fake answered success. */
  ok: boolean;
  at: Date;
}

/**
 * A scripted answer for the next matching call: an OpenAPI-style HTTP error ({httpStatus, code}),
 * an oapi/webhook errcode (HTTP 200), or a stall before the normal answer.
 */
export type ScriptedFailure =
  | { httpStatus: number; code?: string; message?: string }
  | { errcode: number; errmsg?: string }
  | { delayMs: number };

export interface FakeFile {
  bytes: Buffer;
  contentType: string;
  fileName?: string;
}

export interface FakeUpload {
  mediaId: string;
  type: string;
  fileName: string | null;
  contentType: string | null;
  bytes: Buffer;
}

export interface FakeDingtalkApi {
  url: string;
  calls: RecordedCall[];
  /** Successful sends (batchSend, groupMessages/send, sendBySession, custom robot), in order. */
  sent(): RecordedCall[];
  failNext(pathSuffix: string, ...failures: ScriptedFailure[]): void;
  /** Invalidates every issued token: the next OpenAPI call gets HTTP 401 InvalidAuthentication. */
  expireTokens(): void;
  tokenRequests(): number;
  /** Registers a live session and returns its sessionWebhook URL (default lifetime 90 min, §3.4). */
  openSession(id?: string, ttlMs?: number): string;
  /** The session's next reply gets errcode 300001 "session 不存在". */
  expireSession(id: string): void;
  /** Custom group robots by access_token → 加签 secret (null: no signature required). */
  customRobots: Map<string, string | null>;
  /** Files behind messageFiles/download, by downloadCode. */
  files: Map<string, FakeFile>;
  /** Staff ids batchSend reports as invalid / flow-controlled instead of delivering. */
  invalidStaffIds: Set<string>;
  flowControlledStaffIds: Set<string>;
  uploads: FakeUpload[];
  /** Members behind topapi/v2/user/get, by staffId (unknown: errcode 60121). */
  users: Map<string, { name: string; mobile?: string; email?: string }>;
  /** The org's directory behind department/listsub and user/list (user/get falls back to it). Root is dept 1. */
  directory: FakeDirectory;
  close(): Promise<void>;
}

const P = {
  token: '/v1.0/oauth2/accessToken',
  batchSend: '/v1.0/robot/oToMessages/batchSend',
  groupSend: '/v1.0/robot/groupMessages/send',
  download: '/v1.0/robot/messageFiles/download',
  session: '/robot/sendBySession',
  customRobot: '/robot/send',
  upload: '/media/upload',
  userGet: '/topapi/v2/user/get',
  deptListSub: '/topapi/v2/department/listsub',
  userList: '/topapi/v2/user/list',
  files: '/__files/',
} as const;
const KNOWN_PATHS: string[] = Object.values(P);
const SEND_PATHS: string[] = [P.batchSend, P.groupSend, P.session, P.customRobot];
const MSG_KEYS = new Set(['sampleText', 'sampleMarkdown', 'sampleImageMsg', 'sampleLink', 'sampleActionCard', 'sampleFile', 'sampleAudio']);
const SIGN_WINDOW_MS = 3_600_000;

interface Parsed {
  json: Record<string, unknown> | null;
  fields: Record<string, string>;
  file: { name: string | null; contentType: string | null; bytes: Buffer } | null;
}

export async function startFakeDingtalkApi(
  opts: { port?: number; appKey?: string; appSecret?: string; robotCode?: string; now?: () => number } = {},
): Promise<FakeDingtalkApi> {
  const now = opts.now ?? Date.now;
  const calls: RecordedCall[] = [];
  const failures = new Map<string, ScriptedFailure[]>();
  const sessions = new Map<string, number>();
  const customRobots = new Map<string, string | null>();
  const files = new Map<string, FakeFile>();
  const uploads: FakeUpload[] = [];
  const invalidStaffIds = new Set<string>();
  const flowControlledStaffIds = new Set<string>();
  const users = new Map<string, { name: string; mobile?: string; email?: string }>();
  // 88/60011: "没有调用该接口的权限" (the department is outside the app's contacts scope).
  const directory = createFakeDirectory({ errcode: 60011, errmsg: '没有调用该接口的权限' });
  let valid = new Set<string>();
  let tokenSeq = 0;
  let tokenRequests = 0;
  let querySeq = 0;
  let base = '';

  const server: Server = createServer(async (req, res) => {
    const u = new URL(req.url ?? '/', 'http://fake');
    const path = u.pathname;
    const query = Object.fromEntries(u.searchParams);
    const parsed = await readBody(req);
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(json));
    };
    const record = (ok: boolean) => calls.push({ method: req.method ?? 'GET', path, query, body: parsed.json ?? (Object.keys(parsed.fields).length ? parsed.fields : null), ok, at: new Date() });
    // OpenAPI errors are non-2xx JSON {code, message, requestid}; oapi/webhooks answer 200 + errcode.
    const apiError = (status: number, code: string, message: string) => {
      record(false);
      reply(status, { code, message, requestid: `fake-req-${++querySeq}` });
    };
    const oapiError = (errcode: number, errmsg: string) => {
      record(false);
      reply(200, { errcode, errmsg });
    };

    if (path.startsWith(P.files) && req.method === 'GET') {
      const file = files.get(decodeURIComponent(path.slice(P.files.length)));
      if (!file) return apiError(404, 'NoSuchKey', 'The specified key does not exist.');
      record(true);
      const headers: Record<string, string | number> = { 'content-type': file.contentType, 'content-length': file.bytes.length };
      if (file.fileName) headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`;
      res.writeHead(200, headers);
      return res.end(file.bytes);
    }

    const scripted = failures.get(path)?.shift();
    if (scripted && 'delayMs' in scripted) await new Promise((r) => setTimeout(r, scripted.delayMs));
    if (scripted && 'httpStatus' in scripted) return apiError(scripted.httpStatus, scripted.code ?? 'ScriptedFailure', scripted.message ?? 'scripted failure');

    if (path === P.token) {
      tokenRequests++;
      const b = parsed.json ?? {};
      if ((opts.appKey && b.appKey !== opts.appKey) || (opts.appSecret && b.appSecret !== opts.appSecret)) {
        return apiError(400, 'invalidClientIdOrSecret', '无效的clientId或者clientSecret');
      }
      const token = `fake-token-${++tokenSeq}`;
      valid.add(token);
      record(true);
      return reply(200, { accessToken: token, expireIn: 7200 });
    }

    if (path.startsWith('/v1.0/') && !valid.has(String(req.headers['x-acs-dingtalk-access-token'] ?? ''))) {
      return apiError(401, 'InvalidAuthentication', '不合法的access_token');
    }
    const oapiToken = [P.upload, P.userGet, P.deptListSub, P.userList] as string[];
    if (oapiToken.includes(path) && !valid.has(query.access_token ?? '')) return oapiError(40014, '不合法的access_token');
    if (scripted && 'errcode' in scripted) return oapiError(scripted.errcode, scripted.errmsg ?? 'scripted failure');

    const b = parsed.json ?? {};
    switch (path) {
      case P.batchSend: {
        const bad = checkRobotMessage(b, opts.robotCode);
        if (bad) return apiError(400, bad.code, bad.message);
        const userIds = Array.isArray(b.userIds) ? (b.userIds as unknown[]).filter((x): x is string => typeof x === 'string') : [];
        if (userIds.length === 0) return apiError(400, 'invalidParameter.userIds.empty', 'userIds 不能为空');
        if (userIds.length > 20) return apiError(400, 'invalidParameter.userIds.overMax', 'userIds 超过最大值 20');
        record(true);
        return reply(200, {
          processQueryKey: `fake-pqk-${++querySeq}`,
          invalidStaffIdList: userIds.filter((id) => invalidStaffIds.has(id)),
          flowControlledStaffIdList: userIds.filter((id) => flowControlledStaffIds.has(id)),
        });
      }
      case P.groupSend: {
        const bad = checkRobotMessage(b, opts.robotCode);
        if (bad) return apiError(400, bad.code, bad.message);
        if (typeof b.openConversationId !== 'string' || !b.openConversationId) {
          return apiError(400, 'invalidParameter.openConversationId.empty', 'openConversationId 不能为空');
        }
        record(true);
        return reply(200, { processQueryKey: `fake-pqk-${++querySeq}` });
      }
      case P.download: {
        if (opts.robotCode && b.robotCode !== opts.robotCode) return apiError(400, 'invalidParameter.robotCode', 'robotCode 不存在');
        const code = typeof b.downloadCode === 'string' ? b.downloadCode : '';
        if (!files.has(code)) return apiError(400, 'invalidParameter.downloadCode', 'downloadCode 无效或已过期');
        record(true);
        // A pre-signed storage link, like the real OSS URL (its query must never reach logs).
        return reply(200, { downloadUrl: `${base}${P.files}${encodeURIComponent(code)}?Expires=${Math.floor(now() / 1000) + 3600}&Signature=fake` });
      }
      case P.session: {
        const expiresAt = sessions.get(query.session ?? '');
        if (expiresAt === undefined || now() > expiresAt) return oapiError(300001, 'session 不存在');
        record(true);
        return reply(200, { errcode: 0, errmsg: 'ok' });
      }
      case P.customRobot: {
        const token = query.access_token ?? '';
        if (!customRobots.has(token)) return oapiError(300001, 'token is not exist');
        const secret = customRobots.get(token)!;
        if (secret !== null && !signatureOk(query.timestamp, query.sign, secret, now())) {
          return oapiError(310000, 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]');
        }
        record(true);
        return reply(200, { errcode: 0, errmsg: 'ok' });
      }
      case P.upload: {
        const type = parsed.fields.type ?? query.type ?? '';
        if (!parsed.file || !['image', 'voice', 'video', 'file'].includes(type)) return oapiError(40004, '不合法的媒体文件类型');
        const mediaId = `@fake-media-${uploads.length + 1}`;
        uploads.push({ mediaId, type, fileName: parsed.file.name, contentType: parsed.file.contentType, bytes: parsed.file.bytes });
        record(true);
        return reply(200, { errcode: 0, errmsg: 'ok', media_id: mediaId, type, created_at: now() });
      }
      case P.deptListSub: {
        const id = typeof b.dept_id === 'number' ? b.dept_id : 1;
        const failure = directory.failures.get(id);
        if (failure) return oapiError(failure.errcode, failure.errmsg ?? 'scripted failure');
        if (id !== 1 && !directory.departments.some((d) => d.id === id)) return oapiError(60003, '部门不存在');
        record(true);
        const result = directory.childrenOf(id === 1 ? 1 : id).filter((d) => d.id !== 1).map((d) => ({
          dept_id: d.id, name: d.name, parent_id: d.parentId ?? 1, create_dept_group: false, auto_add_user: false,
        }));
        return reply(200, { errcode: 0, errmsg: 'ok', result, request_id: `fake-req-${++querySeq}` });
      }
      case P.userList: {
        const id = typeof b.dept_id === 'number' ? b.dept_id : NaN;
        const failure = directory.failures.get(id);
        if (failure) return oapiError(failure.errcode, failure.errmsg ?? 'scripted failure');
        if (id !== 1 && !directory.departments.some((d) => d.id === id)) return oapiError(60003, '部门不存在');
        const size = typeof b.size === 'number' ? b.size : NaN;
        if (!(size >= 1 && size <= 100)) return oapiError(40035, '不合法的参数 size');
        const cursor = typeof b.cursor === 'number' ? b.cursor : 0;
        // Leavers are removed from a DingTalk org; a disabled WeCom-style status never shows up here.
        const everyone = directory.membersOf(id).filter((m) => m.status === undefined || m.status === 1 || m.status === 4);
        const take = Math.min(size, directory.pageSize);
        const list = everyone.slice(cursor, cursor + take).map((m) => dingtalkUser(directory, m, id));
        const hasMore = cursor + take < everyone.length;
        record(true);
        return reply(200, {
          errcode: 0, errmsg: 'ok', request_id: `fake-req-${++querySeq}`,
          result: { has_more: hasMore, ...(hasMore ? { next_cursor: cursor + take } : {}), list },
        });
      }
      case P.userGet: {
        const listed = directory.find(typeof b.userid === 'string' ? b.userid : '');
        const user = users.get(typeof b.userid === 'string' ? b.userid : '') ?? (listed ? { name: listed.name, mobile: listed.mobile, email: listed.email } : undefined);
        if (!user) return oapiError(60121, '找不到该用户');
        record(true);
        return reply(200, { errcode: 0, errmsg: 'ok', result: { userid: b.userid, ...user }, request_id: `fake-req-${++querySeq}` });
      }
      default:
        return apiError(404, 'NotFound', `fake has no ${path}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    calls,
    sent: () => calls.filter((c) => c.ok && SEND_PATHS.includes(c.path)),
    failNext: (suffix, ...f) => {
      const path = KNOWN_PATHS.find((p) => p.endsWith(suffix)) ?? suffix;
      failures.set(path, [...(failures.get(path) ?? []), ...f]);
    },
    expireTokens: () => {
      valid = new Set();
    },
    tokenRequests: () => tokenRequests,
    openSession: (id = randomBytes(16).toString('hex'), ttlMs = 90 * 60_000) => {
      sessions.set(id, now() + ttlMs);
      return `${base}${P.session}?session=${id}`;
    },
    expireSession: (id) => {
      sessions.set(id, -1);
    },
    customRobots,
    files,
    invalidStaffIds,
    flowControlledStaffIds,
    uploads,
    users,
    directory,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function checkRobotMessage(b: Record<string, unknown>, robotCode: string | undefined): { code: string; message: string } | null {
  if (robotCode && b.robotCode !== robotCode) return { code: 'invalidParameter.robotCode.notExist', message: 'robotCode 不存在' };
  if (typeof b.msgKey !== 'string' || !MSG_KEYS.has(b.msgKey)) return { code: 'invalidParameter.msgKey.invalid', message: 'msgKey 无效' };
  if (typeof b.msgParam !== 'string') return { code: 'invalidParameter.msgParam.invalid', message: 'msgParam 必须是 JSON 字符串' };
  try {
    JSON.parse(b.msgParam);
  } catch {
    return { code: 'invalidParameter.msgParam.invalid', message: 'msgParam 不是合法 JSON' };
  }
  return null;
}

/** Custom robot 加签: the query `sign` is the URL-decoded Base64(HmacSHA256(secret, ts + "\n" + secret)). */
function signatureOk(timestamp: string | undefined, sign: string | undefined, secret: string, nowMs: number): boolean {
  if (!timestamp || !sign || !/^[0-9]{1,16}$/.test(timestamp)) return false;
  if (Math.abs(nowMs - Number(timestamp)) > SIGN_WINDOW_MS) return false;
  return sign === createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

async function readBody(req: IncomingMessage): Promise<Parsed> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const type = String(req.headers['content-type'] ?? '');
  const empty: Parsed = { json: null, fields: {}, file: null };
  if (raw.length === 0) return empty;
  const boundary = /multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/i.exec(type);
  if (boundary) return parseMultipart(raw, boundary[1] ?? boundary[2]!);
  try {
    const json = JSON.parse(raw.toString('utf8')) as unknown;
    return { ...empty, json: typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : null };
  } catch {
    return empty;
  }
}

/** Just enough multipart/form-data for /media/upload: text fields plus one file part. */
function parseMultipart(raw: Buffer, boundary: string): Parsed {
  const out: Parsed = { json: null, fields: {}, file: null };
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = raw.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next === -1) break;
    const part = raw.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next one
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const head = part.subarray(0, split).toString('utf8');
      const content = part.subarray(split + 4);
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      const filename = /filename="([^"]*)"/i.exec(head)?.[1];
      if (filename !== undefined) {
        out.file = { name: filename || null, contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? null, bytes: Buffer.from(content) };
      } else if (name) {
        out.fields[name] = content.toString('utf8');
      }
    }
    pos = next;
  }
  return out;
}

/** A topapi/v2/user/list entry; `leader` is about the department asked for. */
function dingtalkUser(directory: FakeDirectory, m: FakeMember, deptId: number) {
  return {
    userid: m.userid,
    unionid: `union-${m.userid}`,
    name: directory.withhold.names ? '' : m.name,
    ...(directory.withhold.contacts ? {} : { mobile: m.mobile ?? '', email: m.email ?? '' }),
    dept_id_list: m.departments,
    leader: directory.isLeader(m.userid, deptId),
    active: m.status !== 4,
    admin: false,
    boss: false,
  };
}
