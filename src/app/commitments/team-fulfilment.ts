// 承诺兑现率 of a manager's reps over the commitments due in the last 30 days (today included), by the
// rule in domain/commitments/fulfilment.ts.
import { addDays } from '../../domain/calendar/local-time.js';
import { fulfilment, type Fulfilment } from '../../domain/commitments/fulfilment.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import type { Queryable } from '../../store/database.js';
import { commitmentOutcomes } from '../../store/repos/commitments-repo.js';

export const FULFILMENT_WINDOW_DAYS = 30;

export async function teamFulfilment(tx: Queryable, tenantId: string, reps: readonly string[], now: Date): Promise<Fulfilment> {
  const to = shanghaiDate(now);
  const from = addDays(to, -(FULFILMENT_WINDOW_DAYS - 1));
  return fulfilment(await commitmentOutcomes(tx, tenantId, reps, from, to), from, to);
}
