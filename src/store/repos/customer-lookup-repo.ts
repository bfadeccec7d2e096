// Read model for the chat look-up "查 恒信机械": a customer's latest touches, open promises and last report.
import type { Queryable } from '../database.js';

export interface CustomerActivity {
  touches: { at: Date; who: string; text: string }[];
  commitments: { dueDate: string; description: string }[];
  lastReport: { at: Date; who: string; progress: string; nextAction: string | null } | null;
}

export async function customerActivity(q: Queryable, tenantId: string, customerId: string, touches = 3): Promise<CustomerActivity> {
  const [t, c, r] = await Promise.all([
    q.query<{ occurred_at: Date; who: string; text: string }>(
      // Stage taps are recorded as touches too; what people read is what was said.
      `select t.occurred_at, coalesce(u.name, t.user_id) as who, t.text from touches t
       left join users u on u.tenant_id = t.tenant_id and u.id = t.user_id
       where t.tenant_id = $1 and t.customer_id = $2 and t.kind <> 'stage_change' and coalesce(t.text, '') <> ''
       order by t.occurred_at desc limit $3`,
      [tenantId, customerId, touches],
    ),
    q.query<{ due: string; description: string }>(
      `select due_date::text as due, description from commitments where tenant_id = $1 and customer_id = $2 and status = 'open'
       order by due_date limit 5`,
      [tenantId, customerId],
    ),
    q.query<{ recorded_at: Date; who: string; progress: string; next_action: string | null }>(
      `select b.recorded_at, coalesce(u.name, b.user_id) as who, b.progress, b.next_action from battle_reports b
       left join users u on u.tenant_id = b.tenant_id and u.id = b.user_id
       where b.tenant_id = $1 and b.customer_id = $2 order by b.recorded_at desc limit 1`,
      [tenantId, customerId],
    ),
  ]);
  return {
    touches: t.map((x) => ({ at: new Date(x.occurred_at), who: x.who, text: x.text })),
    commitments: c.map((x) => ({ dueDate: x.due, description: x.description })),
    lastReport: r[0] ? { at: new Date(r[0].recorded_at), who: r[0].who, progress: r[0].progress, nextAction: r[0].next_action } : null,
  };
}
