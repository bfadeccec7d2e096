// 承诺兑现率 (docs/product.md "Data that stays true"): commitments done by their due date ÷ commitments
// due in the period. Pure, so the definition is one readable function with its edge cases tested.

export type CommitmentStatus = 'open' | 'done' | 'rescheduled' | 'dropped';

export interface CommitmentOutcome {
  /** YYYY-MM-DD (Shanghai). */
  readonly dueDate: string;
  readonly status: CommitmentStatus;
  /** Shanghai date it was done, rescheduled or dropped; null while open (and for rows from before 0009). */
  readonly closedOn: string | null;
}

export interface Fulfilment {
  readonly due: number;
  readonly done: number;
}

/**
 * Over commitments due in [from, to] (`to` is today):
 * - rescheduled or dropped by the due date: renegotiated in time, not due (its successor is);
 *   rescheduled or dropped later: a broken promise, due and not done;
 * - done on or before the due date: due and done; done later: due, not done;
 * - still open: due and not done once the due date has passed; due today and open is undecided, not counted.
 */
export function fulfilment(rows: readonly CommitmentOutcome[], from: string, to: string): Fulfilment {
  let due = 0;
  let done = 0;
  for (const r of rows) {
    if (r.dueDate < from || r.dueDate > to) continue;
    const inTime = r.closedOn === null || r.closedOn <= r.dueDate;
    switch (r.status) {
      case 'rescheduled':
      case 'dropped':
        if (!inTime) due++;
        break;
      case 'done':
        due++;
        if (inTime) done++;
        break;
      case 'open':
        if (r.dueDate < to) due++;
        break;
    }
  }
  return { due, done };
}
