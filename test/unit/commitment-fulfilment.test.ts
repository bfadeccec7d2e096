// 承诺兑现率 = commitments done by their due date ÷ commitments due in the period.
import { describe, expect, it } from 'vitest';
import { fulfilment, type CommitmentOutcome } from '../../src/domain/commitments/fulfilment.js';

const FROM = '2026-11-08';
const TODAY = '2026-12-07';
const row = (dueDate: string, status: CommitmentOutcome['status'], closedOn: string | null = null): CommitmentOutcome => ({ dueDate, status, closedOn });

describe('fulfilment', () => {
  it.each<[string, CommitmentOutcome, { due: number; done: number }]>([
    ['done before the due date', row('2026-12-01', 'done', '2026-11-30'), { due: 1, done: 1 }],
    ['done on the due date', row('2026-12-01', 'done', '2026-12-01'), { due: 1, done: 1 }],
    ['done late', row('2026-12-01', 'done', '2026-12-03'), { due: 1, done: 0 }],
    ['still open after the due date', row('2026-12-01', 'open'), { due: 1, done: 0 }],
    ['open and due today: not decided yet', row(TODAY, 'open'), { due: 0, done: 0 }],
    ['done today, due today', row(TODAY, 'done', TODAY), { due: 1, done: 1 }],
    ['due later', row('2026-12-20', 'open'), { due: 0, done: 0 }],
    ['rescheduled before the due date: its successor is due', row('2026-12-01', 'rescheduled', '2026-11-29'), { due: 0, done: 0 }],
    ['rescheduled on the due date', row('2026-12-01', 'rescheduled', '2026-12-01'), { due: 0, done: 0 }],
    ['rescheduled after the due date: a broken promise', row('2026-12-01', 'rescheduled', '2026-12-04'), { due: 1, done: 0 }],
    ['dropped in time', row('2026-12-01', 'dropped', '2026-11-20'), { due: 0, done: 0 }],
    ['dropped late', row('2026-12-01', 'dropped', '2026-12-05'), { due: 1, done: 0 }],
    ['done before 0009 (no close date): counted as kept', row('2026-12-01', 'done'), { due: 1, done: 1 }],
    ['due before the period', row('2026-11-07', 'open'), { due: 0, done: 0 }],
  ])('%s', (_name, r, expected) => {
    expect(fulfilment([r], FROM, TODAY)).toEqual(expected);
  });

  it('adds up and never exceeds 100 %', () => {
    const rows = [
      row('2026-12-01', 'done', '2026-12-01'),
      row('2026-12-02', 'done', '2026-12-05'),
      row('2026-12-03', 'open'),
      row('2026-12-04', 'rescheduled', '2026-12-02'),
      row('2026-12-09', 'done', '2026-12-06'), // done early, due after today: not in the period yet
    ];
    const f = fulfilment(rows, FROM, TODAY);
    expect(f).toEqual({ due: 3, done: 1 });
    expect(f.done).toBeLessThanOrEqual(f.due);
  });
});
