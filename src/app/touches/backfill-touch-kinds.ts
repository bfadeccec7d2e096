// Start-up: touches stored as 'chat' or 'report' before touches had kinds are read again with the same
// classifier new touches use, so a visit reported in chat last week counts as a visit today.
import type { Database } from '../../store/database.js';
import { legacyTouches, setTouchKinds } from '../../store/repos/touch-kinds-repo.js';
import type { Logger } from '../../shared/logger.js';
import type { Nlp } from '../app-deps.js';

const BATCH = 500;

export async function backfillTouchKinds(db: Database, nlp: Pick<Nlp, 'touchKind'>, logger: Logger): Promise<number> {
  let after = '';
  let total = 0;
  for (;;) {
    const batch = await legacyTouches(db, after, BATCH);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    // Two legacy touches of one inbox that read as the same kind: the first keeps it, the unique index
    // (one touch per inbox and kind) would refuse the second.
    const claimed = new Set<string>();
    const rows = batch.flatMap((t) => {
      const kind = nlp.touchKind(t.text ?? '');
      const key = `${t.tenantId}\u0000${t.inboxId}\u0000${kind}`;
      if (t.inboxId !== null && claimed.has(key)) return [];
      claimed.add(key);
      return [{ id: t.id, kind }];
    });
    total += await db.transaction((tx) => setTouchKinds(tx, rows));
  }
  if (total) logger.info({ touches: total }, 'touch kinds backfilled');
  return total;
}
