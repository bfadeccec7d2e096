// Which person a typed name means ("转给 张三 …", "张三的战报"): an id, a display name or a platform id.
// Among namesakes the caller's own team decides; otherwise the caller is asked to use the id.
import type { Queryable } from '../../store/database.js';
import { usersNamed, type User } from '../../store/repos/users-repo.js';

export type PersonMatch = { kind: 'found'; user: User } | { kind: 'none' } | { kind: 'ambiguous'; ids: string[] };

export async function personNamed(q: Queryable, tenantId: string, typed: string, prefer: readonly string[] = []): Promise<PersonMatch> {
  const word = typed.trim().replace(/^[@＠]/u, '').trim();
  if (!word) return { kind: 'none' };
  const users = await usersNamed(q, tenantId, word);
  const pick = (list: User[]): PersonMatch | null => (list.length === 1 ? { kind: 'found', user: list[0]! } : null);
  if (users.length === 0) return { kind: 'none' };
  return pick(users) ?? pick(users.filter((u) => u.id === word)) ?? pick(users.filter((u) => prefer.includes(u.id)))
    ?? { kind: 'ambiguous', ids: users.map((u) => u.id) };
}
