// A local stand-in for qyapi.weixin.qq.com: gettoken, message/send, update_template_card, appchat/send,
// user/get, auth/getuserinfo (OAuth2 codes) and the directory (department/list, user/list over a settable directory), answering with the
// real JSON shapes. Used by the simulator, e2e tests and benchmarks.
// Failures can be scripted to exercise retries, dead letters and token refresh.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeDirectory, type FakeDirectory, type FakeMember } from './fake-directory.js';

export interface RecordedCall {
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | null;
  at: Date;
}

/** A scripted answer for the next matching call: an errcode, an HTTP status, or a stall. */
export type ScriptedFailure = { errcode: number; errmsg?: string } | { httpStatus: number } | { delayMs: number };

export interface FakeWecomApi {
  url: string;
  calls: RecordedCall[];
  /** Successful sends (message/send, appchat/send, update_template_card), in order. */
  sent(): RecordedCall[];
  failNext(pathSuffix: string, ...failures: ScriptedFailure[]): void;
  /** Expires every issued token: the next call with an old one gets 42001. */
  expireTokens(): void;
  tokenRequests(): number;
  users: Map<string, string>;
  /** Mobile and email user/get adds for a member in `users` (as for an app allowed to read them). */
  contacts: Map<string, { mobile?: string; email?: string }>;
  /** Voice/media files served by media/get, by media id. */
  media: Map<string, { bytes: Buffer; contentType: string }>;
  /** wx.qy.login codes jscode2session accepts (each once), with the member and corp they belong to. */
  miniCodes: Map<string, { userid: string; corpid?: string }>;
  /** OAuth2 网页授权 codes auth/getuserinfo accepts (each once): a member's userid, or null for an outsider. */
  webCodes: Map<string, string | null>;
  /** Files received by media/upload, by the media id handed out. */
  uploads: Map<string, { type: string; fileName: string; bytes: Buffer }>;
  /** The company directory behind department/list and user/list (user/get falls back to it). */
  directory: FakeDirectory;
  close(): Promise<void>;
}

const SEND_PATHS = ['/cgi-bin/message/send', '/cgi-bin/appchat/send', '/cgi-bin/message/update_template_card', '/cgi-bin/webhook/send'];
/** Group robots authenticate with their key, not an access token. */
const WEBHOOK_PATH = '/cgi-bin/webhook/send';

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  if (!chunks.length) return null;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The `media` part of a multipart body, as media/upload expects it (name="media" with a filename). */
function parseMediaPart(raw: Buffer, contentType: string): { fileName: string; bytes: Buffer } | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let start = raw.indexOf(delimiter);
  while (start >= 0) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = raw.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    const fileName = /filename="([^"]*)"/.exec(headers)?.[1];
    if (name === 'media' && fileName) return { fileName, bytes: part.subarray(headerEnd + 4) };
    start = next;
  }
  return null;
}

export async function startFakeWecomApi(opts: { port?: number; corpId?: string; secret?: string } = {}): Promise<FakeWecomApi> {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, ScriptedFailure[]>();
  const users = new Map<string, string>();
  const contacts = new Map<string, { mobile?: string; email?: string }>();
  const media = new Map<string, { bytes: Buffer; contentType: string }>();
  const uploads = new Map<string, { type: string; fileName: string; bytes: Buffer }>();
  const miniCodes = new Map<string, { userid: string; corpid?: string }>();
  const webCodes = new Map<string, string | null>();
  // 60011: no privilege to access/modify contact/party/agent (outside the app's visibility).
  const directory = createFakeDirectory({ errcode: 60011, errmsg: 'no privilege to access/modify contact/party/agent' });
  let tokenSeq = 0;
  let valid = new Set<string>();
  let tokenRequests = 0;
  let msgSeq = 0;

  const server: Server = createServer(async (req, res) => {
    const u = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(u.searchParams);
    const multipart = String(req.headers['content-type'] ?? '').startsWith('multipart/form-data');
    const raw = req.method === 'POST' && multipart ? await readRaw(req) : null;
    const body = req.method === 'POST' && !multipart ? await readJson(req) : null;
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(json));
    };
    if (u.pathname === '/cgi-bin/gettoken') {
      tokenRequests++;
      if ((opts.corpId && query.corpid !== opts.corpId) || (opts.secret && query.corpsecret !== opts.secret)) {
        return reply(200, { errcode: 40001, errmsg: 'invalid credential' });
      }
      const token = `fake-token-${++tokenSeq}`;
      valid.add(token);
      return reply(200, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
    }
    const scripted = failures.get(u.pathname)?.shift();
    if (scripted && 'delayMs' in scripted) await new Promise((r) => setTimeout(r, scripted.delayMs));
    if (scripted && 'httpStatus' in scripted) return reply(scripted.httpStatus, { error: 'scripted' });
    if (u.pathname === WEBHOOK_PATH && !query.key) return reply(200, { errcode: 93000, errmsg: 'invalid webhook url' });
    if (u.pathname !== WEBHOOK_PATH && !valid.has(query.access_token ?? '')) return reply(200, { errcode: 42001, errmsg: 'access_token expired' });
    if (scripted && 'errcode' in scripted) return reply(200, { errcode: scripted.errcode, errmsg: scripted.errmsg ?? 'scripted failure' });
    calls.push({ path: u.pathname, query, body, at: new Date() });
    if (u.pathname === '/cgi-bin/user/get') {
      const name = users.get(query.userid ?? '');
      const listed = directory.find(query.userid ?? '');
      if (!name && listed) return reply(200, { errcode: 0, errmsg: 'ok', ...wecomUser(directory, listed) });
      return name
        ? reply(200, { errcode: 0, errmsg: 'ok', userid: query.userid, name, ...contacts.get(query.userid ?? '') })
        : reply(200, { errcode: 60111, errmsg: 'userid not found' });
    }
    if (u.pathname === '/cgi-bin/department/list') {
      return reply(200, { errcode: 0, errmsg: 'ok', department: departmentList(directory, query.id) });
    }
    if (u.pathname === '/cgi-bin/user/list') {
      const id = Number(query.department_id);
      const failure = directory.failures.get(id);
      if (failure) return reply(200, { errcode: failure.errcode, errmsg: failure.errmsg ?? 'scripted failure', userlist: [] });
      if (!directory.departments.some((d) => d.id === id)) return reply(200, { errcode: 60123, errmsg: 'invalid party id' });
      return reply(200, { errcode: 0, errmsg: 'ok', userlist: directory.membersOf(id).map((m) => wecomUser(directory, m)) });
    }
    if (u.pathname === '/cgi-bin/media/get') {
      const file = media.get(query.media_id ?? '');
      if (!file) return reply(200, { errcode: 40007, errmsg: 'invalid media_id' });
      res.writeHead(200, {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${query.media_id}.amr"`,
        'content-length': file.bytes.length,
      });
      return res.end(file.bytes);
    }
    if (u.pathname === '/cgi-bin/miniprogram/jscode2session') {
      const who = miniCodes.get(query.js_code ?? '');
      if (!who) return reply(200, { errcode: 40029, errmsg: 'invalid code' });
      miniCodes.delete(query.js_code!); // a code is single-use
      return reply(200, { errcode: 0, errmsg: 'ok', corpid: who.corpid ?? opts.corpId ?? 'wwfakecorp', userid: who.userid, session_key: 'kJtdi6RF+Dv67QkbLlPGjw==' });
    }
    if (u.pathname === '/cgi-bin/auth/getuserinfo') {
      const code = query.code ?? '';
      if (!webCodes.has(code)) return reply(200, { errcode: 40029, errmsg: 'invalid code' });
      const userid = webCodes.get(code);
      webCodes.delete(code); // a code is single-use
      return userid
        ? reply(200, { errcode: 0, errmsg: 'ok', userid, user_ticket: 'fake-ticket', expires_in: 1800 })
        : reply(200, { errcode: 0, errmsg: 'ok', openid: 'oFakeOpenId', external_userid: 'wmFakeExternal' });
    }
    if (u.pathname === '/cgi-bin/media/upload') {
      const file = raw ? parseMediaPart(raw, String(req.headers['content-type'])) : null;
      if (!file || file.bytes.length <= 5) return reply(200, { errcode: 40005, errmsg: 'invalid file type' });
      const mediaId = `fake-media-${++msgSeq}`;
      uploads.set(mediaId, { type: query.type ?? '', ...file });
      return reply(200, { errcode: 0, errmsg: '', type: query.type, media_id: mediaId, created_at: String(Math.floor(Date.now() / 1000)) });
    }
    if (SEND_PATHS.includes(u.pathname)) {
      return reply(200, { errcode: 0, errmsg: 'ok', invaliduser: '', msgid: `fake-msg-${++msgSeq}` });
    }
    return reply(404, { errcode: 404, errmsg: `fake has no ${u.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    sent: () => calls.filter((c) => SEND_PATHS.includes(c.path)),
    failNext: (suffix, ...f) => {
      const path = SEND_PATHS.find((p) => p.endsWith(suffix)) ?? suffix;
      failures.set(path, [...(failures.get(path) ?? []), ...f]);
    },
    expireTokens: () => {
      valid = new Set();
    },
    tokenRequests: () => tokenRequests,
    users,
    contacts,
    media,
    uploads,
    miniCodes,
    webCodes,
    directory,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** department/list: the department `id` and everything under it, or the whole tree (WC/90208). */
function departmentList(directory: FakeDirectory, id: string | undefined) {
  const root = id ? Number(id) : null;
  const within = (deptId: number): boolean => {
    if (root === null || deptId === root) return true;
    const parent = directory.departments.find((d) => d.id === deptId)?.parentId ?? null;
    return parent !== null && within(parent);
  };
  return directory.departments.filter((d) => within(d.id)).map((d, i) => ({
    id: d.id, name: d.name, name_en: '', department_leader: d.leaders ?? [], parentid: d.parentId ?? 0, order: 100000000 - i,
  }));
}

/** A user/list (and user/get) entry; withheld fields are what an app created after 2022-06-20 gets. */
function wecomUser(directory: FakeDirectory, m: FakeMember) {
  return {
    userid: m.userid,
    name: directory.withhold.names ? m.userid : m.name,
    department: m.departments,
    order: m.departments.map(() => 0),
    is_leader_in_dept: m.departments.map((d) => (directory.isLeader(m.userid, d) ? 1 : 0)),
    main_department: m.departments[0] ?? 1,
    status: m.status ?? 1,
    ...(directory.withhold.contacts ? {} : { mobile: m.mobile ?? '', email: m.email ?? '' }),
  };
}
