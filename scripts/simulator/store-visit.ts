// Store visits as the mini-program makes them: wx.qy.login code → /mp/login, scan the store's QR
// (/mp/scan), submit the visit (/mp/visits). The store and its QR code are set up through the console
// API with the simulator's own admin token.
import { randomBytes } from 'node:crypto';
import type { FakeWecomApi } from '../dev/fake-wecom-api.js';

export const SIM_STORE = { key: 'sh-xuhui', name: '徐汇旗舰店', city: '上海' };

export async function setUpStore(baseUrl: string, adminToken: string): Promise<string> {
  const admin = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<any>;
  };
  await admin('PUT', `/api/stores/${SIM_STORE.key}`, { name: SIM_STORE.name, teamKey: 'sales-1', city: SIM_STORE.city });
  return (await admin('POST', `/api/stores/${SIM_STORE.key}/qrcodes`, { purpose: 'visit' })).token as string;
}

/** One visit by `userid`; returns the transcript lines. */
export async function visit(baseUrl: string, fake: FakeWecomApi, corpId: string, qr: string, userid: string, question: string): Promise<string[]> {
  const call = async (path: string, body: unknown, session?: string) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session}` } : {}) },
    });
    const json = (await res.json()) as any;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const code = `sim-code-${randomBytes(6).toString('hex')}`;
  fake.miniCodes.set(code, { userid, corpid: corpId });
  const { session } = await call('/mp/login', { code });
  const card = await call('/mp/scan', { qr }, session);
  const res = await call('/mp/visits', { qr, question }, session);
  return [
    `[小程序] 扫码:${card.store.name}(${card.store.city ?? ''})· 今天本店 ${card.todayVisits} 次拜访`,
    `[小程序] 已记录门店拜访:${res.visit.storeName} · 话题 ${res.topics.join('、') || '—'}`,
    ...res.suggestions.map((s: any, i: number) => `  建议${i + 1}: ${s.action}`),
  ];
}
