// Admin API for teams: validation, unknown users named, webhook keys masked, membership replaced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUser } from '../../src/store/repos/users-repo.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ workers: false });
  for (const id of ['rep-a', 'rep-b', 'boss']) await ensureUser(t.db, 'default', id, null, 'wecom');
});
afterAll(async () => {
  await t?.stop();
});

describe('PUT /api/teams/:key', () => {
  it('creates a team with a webhook target and never returns the key in full', async () => {
    const res = await t.send('PUT', '/api/teams/east', {
      name: '华东一组', memberUserIds: ['rep-a', 'rep-b'], managerUserIds: ['boss'],
      alert: { kind: 'wecom_webhook', key: '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ key: 'east', name: '华东一组', memberUserIds: ['rep-a', 'rep-b'], managerUserIds: ['boss'] });
    expect(res.json.alert).toEqual({ kind: 'wecom_webhook', key: '****5aaa' });
    const list = await t.api('/api/teams');
    expect(JSON.stringify(list.json)).not.toContain('693a91f6');
    const users = await t.api('/api/users');
    expect(users.json.items.find((u: any) => u.id === 'rep-a').teamKey).toBe('east');
    expect(users.json.items.find((u: any) => u.id === 'boss').role).toBe('manager');
  });

  it('replaces membership on a second PUT', async () => {
    const res = await t.send('PUT', '/api/teams/east', { name: '华东一组', memberUserIds: ['rep-a'], managerUserIds: ['boss'], alert: { kind: 'wecom_appchat', chatId: 'wrkSFfCgAALFgnrSsWU38puNiMCsd6Ao' } });
    expect(res.json.memberUserIds).toEqual(['rep-a']);
    expect(res.json.alert).toEqual({ kind: 'wecom_appchat', chatId: 'wrkSFfCgAALFgnrSsWU38puNiMCsd6Ao' });
  });

  it('names unknown user ids in a 400', async () => {
    const res = await t.send('PUT', '/api/teams/west', { name: '华西', memberUserIds: ['rep-a', 'ghost'], managerUserIds: [] });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'unknown_user', userIds: ['ghost'] });
    expect(res.json.message).toContain('ghost');
  });

  it('rejects bad input clearly', async () => {
    expect((await t.send('PUT', '/api/teams/x', '{not json')).json.code).toBe('invalid_json');
    expect((await t.send('PUT', '/api/teams/x', { name: '' })).status).toBe(400);
    expect((await t.send('PUT', '/api/teams/x', { name: 'x', alert: { kind: 'email' } })).status).toBe(400);
    expect((await t.send('PUT', '/api/teams/x', { name: 'x', alert: { kind: 'wecom_webhook', key: '../x?y' } })).status).toBe(400);
    expect((await t.send('PUT', '/api/teams/bad%20key', { name: 'x' })).status).toBe(400);
  });
});
