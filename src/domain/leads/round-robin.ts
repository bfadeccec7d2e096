// Round robin among a team's members (pure): the member after the one who got the last lead, in id
// order, wrapping around. Keyed by the last person rather than a counter, so a member joining or leaving
// shifts nobody's turn and the order survives restarts (the cursor is stored, migration 0018).

/** The next owner, or null for a team without members. `members` in any order; duplicates ignored. */
export function nextInTurn(members: readonly string[], lastUserId: string | null): string | null {
  const sorted = [...new Set(members)].sort();
  if (sorted.length === 0) return null;
  if (lastUserId === null) return sorted[0]!;
  return sorted.find((id) => id > lastUserId) ?? sorted[0]!;
}
