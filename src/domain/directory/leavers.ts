// Who left and who came back, from what each channel's directory listed. An account is present when a
// listing names it as active; gone only when a complete listing does not (or marks it disabled/left);
// otherwise unknown. A person leaves when every account they have is gone, and comes back when any is
// present again — so a permission error on one department, or a channel that could not be read, never
// turns anyone into a leaver.

export interface ChannelListing {
  /** Every department's members were read and somebody was listed. */
  complete: boolean;
  /** Platform ids listed as active. */
  activeIds: ReadonlySet<string>;
}

export interface AccountOfPerson {
  userId: string;
  channel: string;
  platformId: string;
}

export interface Verdicts {
  /** Active people whose every account is gone, with the channels whose listings say so. */
  leave: Map<string, string[]>;
  /** Deactivated people listed as active again. */
  comeBack: string[];
}

export function judgeLeavers(
  accounts: readonly AccountOfPerson[],
  listings: Readonly<Partial<Record<string, ChannelListing>>>,
  isActive: (userId: string) => boolean,
): Verdicts {
  const byPerson = new Map<string, AccountOfPerson[]>();
  for (const a of accounts) byPerson.set(a.userId, [...(byPerson.get(a.userId) ?? []), a]);
  const leave = new Map<string, string[]>();
  const comeBack: string[] = [];
  for (const [userId, own] of byPerson) {
    const states = own.map((a) => stateOf(a, listings[a.channel]));
    if (states.includes('present')) {
      if (!isActive(userId)) comeBack.push(userId);
    } else if (states.every((s) => s === 'gone') && isActive(userId)) {
      leave.set(userId, [...new Set(own.map((a) => a.channel))].sort());
    }
  }
  return { leave, comeBack: comeBack.sort() };
}

function stateOf(a: AccountOfPerson, listing: ChannelListing | undefined): 'present' | 'gone' | 'unknown' {
  if (!listing) return 'unknown';
  if (listing.activeIds.has(a.platformId)) return 'present';
  return listing.complete ? 'gone' : 'unknown';
}
