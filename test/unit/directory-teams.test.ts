// Teams bound to departments (nearest bound department wins, sub-departments included, leaders manage),
// department ids of two channels, and the department tree's member counts.
import { describe, expect, it } from 'vitest';
import { parseDepartmentRef } from '../../src/domain/directory/department-ref.js';
import { nestDepartments } from '../../src/domain/directory/department-tree.js';
import { membersOfBoundTeams } from '../../src/domain/directory/team-membership.js';

const tree = [
  { key: 'wecom:1', parentKey: null, leaders: ['ceo'] },
  { key: 'wecom:2', parentKey: 'wecom:1', leaders: ['boss'] },
  { key: 'wecom:3', parentKey: 'wecom:2', leaders: ['lead3'] },
  { key: 'wecom:4', parentKey: 'wecom:3', leaders: [] },
  { key: 'wecom:5', parentKey: 'wecom:2', leaders: [] },
];
const placements = [
  { personId: 'boss', deptKey: 'wecom:2' },
  { personId: 'lead3', deptKey: 'wecom:3' },
  { personId: 'a', deptKey: 'wecom:3' },
  { personId: 'b', deptKey: 'wecom:4' },
  { personId: 'c', deptKey: 'wecom:5' },
  { personId: 'd', deptKey: 'wecom:5' },
  { personId: 'd', deptKey: 'wecom:4' },
  { personId: 'ceo', deptKey: 'wecom:1' },
];

describe('membersOfBoundTeams', () => {
  it('takes members from the department and all its sub-departments, managers from its leaders', () => {
    const teams = membersOfBoundTeams(tree, placements, [{ teamKey: 'sales', deptKey: 'wecom:2' }]);
    expect(teams.get('sales')).toEqual({ members: ['a', 'b', 'c', 'd', 'lead3'], managers: ['boss'] });
  });

  it('gives each person to the team of the nearest bound department, the deepest when in several', () => {
    const teams = membersOfBoundTeams(tree, placements, [{ teamKey: 'sales', deptKey: 'wecom:2' }, { teamKey: 'east', deptKey: 'wecom:3' }]);
    expect(teams.get('east')).toEqual({ members: ['a', 'b', 'd'], managers: ['lead3'] });
    expect(teams.get('sales')).toEqual({ members: ['c'], managers: ['boss'] });
  });

  it('lists a bound team with nobody in it, and survives a cycle in bad data', () => {
    const cyclic = [...tree, { key: 'wecom:8', parentKey: 'wecom:9', leaders: [] }, { key: 'wecom:9', parentKey: 'wecom:8', leaders: [] }];
    const teams = membersOfBoundTeams(cyclic, [...placements, { personId: 'z', deptKey: 'wecom:8' }], [{ teamKey: 'empty', deptKey: 'wecom:5x' }, { teamKey: 'loop', deptKey: 'wecom:9' }]);
    expect(teams.get('empty')).toEqual({ members: [], managers: [] });
    expect(teams.get('loop')).toEqual({ members: ['z'], managers: [] });
  });
});

describe('parseDepartmentRef', () => {
  const known = [{ channel: 'wecom', deptId: '3' }, { channel: 'dingtalk', deptId: '3' }, { channel: 'dingtalk', deptId: '99001' }];
  const channels = ['wecom', 'dingtalk'];

  it('reads "<channel>:<id>" and a bare id only one channel has', () => {
    expect(parseDepartmentRef('wecom:3', channels, known)).toEqual({ ref: { channel: 'wecom', deptId: '3' } });
    expect(parseDepartmentRef(' 99001 ', channels, known)).toEqual({ ref: { channel: 'dingtalk', deptId: '99001' } });
  });

  it('refuses ambiguous, unknown and malformed ids', () => {
    expect(parseDepartmentRef('3', channels, known)).toEqual({ error: 'ambiguous' });
    expect(parseDepartmentRef('wecom:4', channels, known)).toEqual({ error: 'unknown' });
    expect(parseDepartmentRef('lark:3', channels, known)).toEqual({ error: 'invalid' });
    expect(parseDepartmentRef('销售部', channels, known)).toEqual({ error: 'invalid' });
  });
});

describe('nestDepartments', () => {
  it('counts people directly and with sub-departments, someone in two sub-departments once', () => {
    const flat = [
      { key: '1', parentKey: null, memberIds: ['ceo'] },
      { key: '2', parentKey: '1', memberIds: ['a', 'd'] },
      { key: '3', parentKey: '1', memberIds: ['b', 'd'] },
    ];
    const [root] = nestDepartments(flat, (a, b) => a.key.localeCompare(b.key));
    expect(root).toMatchObject({ key: '1', memberCount: 1, totalMemberCount: 4 });
    expect(root!.children.map((c) => [c.key, c.memberCount, c.totalMemberCount])).toEqual([['2', 2, 2], ['3', 2, 2]]);
  });
});
