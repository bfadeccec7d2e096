// Directory sync's pure parts: listings merged into people, and who left or came back.
import { describe, expect, it } from 'vitest';
import { judgeLeavers } from '../../src/domain/directory/leavers.js';
import { mergeListing, type ListingInput } from '../../src/domain/directory/merge-listing.js';

const member = (platformId: string, over: Partial<ListingInput['pages'][number]['members'][number]> = {}) => ({
  platformId, name: `名${platformId}`, mobile: null, email: null, leads: [], active: true, ...over,
});

describe('mergeListing', () => {
  const listing: ListingInput = {
    departments: [
      { id: '1', name: '公司', parentId: null, leaderIds: [] },
      { id: '2', name: '销售部', parentId: '1', leaderIds: ['boss'] },
      { id: '3', name: '华东组', parentId: '2', leaderIds: [] },
    ],
    pages: [
      { departmentId: '2', members: [member('boss', { leads: ['2'] }), member('wang', { mobile: '13800000001' })] },
      { departmentId: '3', members: [member('wang', { name: null, email: 'wang@x.cn', leads: ['3'] }), member('li', { active: false })] },
    ],
    failures: [],
  };

  it('makes one person of a member listed in two departments, keeping every field some page gave', () => {
    const m = mergeListing(listing);
    const wang = m.people.find((p) => p.platformId === 'wang')!;
    expect(wang).toMatchObject({ name: '名wang', mobile: '13800000001', email: 'wang@x.cn', departmentIds: ['2', '3'], leads: ['3'], active: true });
    expect(m.people.map((p) => p.platformId)).toEqual(['boss', 'li', 'wang']);
    expect(m.readDepartmentIds).toEqual(['2', '3']);
  });

  it('takes leaders from the department itself and from members flagged as leading it', () => {
    const m = mergeListing(listing);
    expect(m.departments.map((d) => [d.id, d.leaderIds])).toEqual([['1', []], ['2', ['boss']], ['3', ['wang']]]);
    expect(m.people.find((p) => p.platformId === 'boss')!.leads).toEqual(['2']);
  });

  it('keeps a disabled or departed account inactive, and says complete only without failures', () => {
    expect(mergeListing(listing).people.find((p) => p.platformId === 'li')!.active).toBe(false);
    expect(mergeListing(listing)).toMatchObject({ complete: true, empty: false });
    expect(mergeListing({ ...listing, failures: [{ departmentId: '3' }] }).complete).toBe(false);
  });

  it('calls a listing without any active member empty, and notices withheld names and contacts', () => {
    const none = mergeListing({ ...listing, pages: [{ departmentId: '3', members: [member('li', { active: false })] }] });
    expect(none.empty).toBe(true);
    const bare = mergeListing({ ...listing, pages: [{ departmentId: '2', members: [member('a', { name: null }), member('b', { name: null })] }] });
    expect(bare.withheld).toEqual({ names: true, contacts: true });
    expect(mergeListing(listing).withheld).toEqual({ names: false, contacts: false });
  });
});

describe('judgeLeavers', () => {
  const complete = (...ids: string[]) => ({ complete: true, activeIds: new Set(ids) });
  const partial = (...ids: string[]) => ({ complete: false, activeIds: new Set(ids) });
  const accounts = [
    { userId: 'zhang', channel: 'wecom', platformId: 'zhang' },
    { userId: 'li', channel: 'wecom', platformId: 'li' },
    { userId: 'both', channel: 'wecom', platformId: 'both-w' },
    { userId: 'both', channel: 'dingtalk', platformId: 'both-d' },
  ];
  const active = (inactive: string[] = []) => (id: string) => !inactive.includes(id);

  it('deactivates a person whose only account a complete listing no longer has', () => {
    const v = judgeLeavers(accounts, { wecom: complete('zhang', 'both-w') }, active());
    expect([...v.leave]).toEqual([['li', ['wecom']]]);
    expect(v.comeBack).toEqual([]);
  });

  it('deactivates nobody from a partial listing', () => {
    expect(judgeLeavers(accounts, { wecom: partial('zhang') }, active()).leave.size).toBe(0);
  });

  it('keeps a person listed on the other channel, or whose other channel was not read', () => {
    expect(judgeLeavers(accounts, { wecom: complete('zhang', 'li'), dingtalk: complete('both-d') }, active()).leave.size).toBe(0);
    expect(judgeLeavers(accounts, { wecom: complete('zhang', 'li') }, active()).leave.size).toBe(0);
    expect([...judgeLeavers(accounts, { wecom: complete('zhang', 'li'), dingtalk: complete('x') }, active()).leave]).toEqual([['both', ['dingtalk', 'wecom']]]);
  });

  it('brings back a deactivated person listed again, even by a partial listing', () => {
    const v = judgeLeavers(accounts, { wecom: partial('li') }, active(['li', 'zhang']));
    expect(v.comeBack).toEqual(['li']);
    expect(v.leave.size).toBe(0);
  });

  it('does not deactivate twice', () => {
    expect(judgeLeavers(accounts, { wecom: complete('zhang', 'both-w') }, active(['li'])).leave.size).toBe(0);
  });
});
