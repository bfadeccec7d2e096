// Admin API for customer master data: PUT /api/customers/:id {"name"} renames (the old name stays an
// alias), {"ownerUserId"} hands the customer over and {"industry"} sets its industry (null: from its name); POST /api/customers/:id/merge {"into"} merges it
// into another one.
import type Router from '@koa/router';
import type { AppDeps } from '../../app/app-deps.js';
import { mergeCustomers } from '../../app/customers/merge-customers.js';
import { reassignByAdmin } from '../../app/customers/reassign-customer.js';
import { renameCustomer } from '../../app/customers/rename-customer.js';
import { MAX_CUSTOMER_NAME } from '../../domain/customers/customer-name.js';
import { AppError, badRequest, notFound } from '../../shared/errors.js';
import { personIdsFor } from '../../store/repos/users-repo.js';
import { getCustomer } from '../../store/repos/customers-repo.js';
import { setAdminIndustry, setDerivedIndustry } from '../../store/repos/knowledge-repo.js';
import { cleanIndustry } from '../../domain/industries/industry-of.js';
import { readJsonBody } from '../read-body.js';
import { customerWithAliases } from './customer-view.js';

const MAX_BODY = 16 * 1024;

export function mountCustomersApi(router: Router, deps: Pick<AppDeps, 'db' | 'nlp' | 'queue' | 'clock' | 'pushRules'> & { tenantId: string }): void {
  const { db, tenantId } = deps;
  const missing = (id: string) => notFound('customer_not_found', `no customer ${id}`);

  router.put('/api/customers/:id', async (ctx) => {
    const body = await readJsonBody(ctx, MAX_BODY);
    const id = ctx.params.id!;
    const renames = body.name !== undefined || (body.ownerUserId === undefined && body.industry === undefined);
    const renamed = renames ? await rename(id, body.name) : null;
    const owned = body.ownerUserId !== undefined ? await setOwner(id, body.ownerUserId) : null;
    const typed = body.industry !== undefined ? await setIndustry(id, body.industry) : null;
    const customer = typed?.customer ?? owned?.customer ?? renamed!.customer;
    ctx.body = { changed: Boolean(renamed?.changed || owned?.changed || typed?.changed), customer: await customerWithAliases(db, tenantId, customer) };
  });

  async function rename(id: string, name: unknown) {
    const r = await db.transaction((tx) => renameCustomer(tx, deps, tenantId, id, name));
    switch (r.kind) {
      case 'invalid_name': throw badRequest('invalid_customer', `name is required (2–${MAX_CUSTOMER_NAME} characters)`);
      case 'not_found': throw missing(id);
      case 'taken':
        throw new AppError('name_taken', `"${String(name).trim()}" is a name or alias of customer ${r.other.id}; merge instead`, {
          status: 409, details: { customerId: r.other.id, name: r.other.name },
        });
      case 'renamed':
      case 'unchanged':
        return { changed: r.kind === 'renamed', customer: r.customer };
    }
  }

  /** {"industry"}: an admin's industry, kept through renames; null goes back to the one the name says. */
  async function setIndustry(id: string, raw: unknown) {
    const industry = cleanIndustry(raw);
    if (industry === undefined) throw badRequest('invalid_industry', 'industry must be a text of at most 20 characters, or null');
    return db.transaction(async (tx) => {
      const before = await getCustomer(tx, tenantId, id);
      if (!before) throw missing(id);
      await setAdminIndustry(tx, tenantId, id, industry);
      if (industry === null) await setDerivedIndustry(tx, tenantId, id, deps.nlp.industryOf(before.name));
      const customer = (await getCustomer(tx, tenantId, id))!;
      return { changed: customer.industry !== before.industry, customer };
    });
  }

  /** {"ownerUserId"}: a person id, or "<channel>:<platform id>" of one of their accounts. */
  async function setOwner(id: string, ref: unknown) {
    if (typeof ref !== 'string' || !ref.trim() || ref.length > 80) throw badRequest('invalid_owner', 'ownerUserId must be a user id');
    const userId = (await personIdsFor(db, tenantId, [ref.trim()])).get(ref.trim());
    if (!userId) throw badRequest('unknown_user', `unknown user id: ${ref}`, { userIds: [ref] });
    const r = await reassignByAdmin(deps, tenantId, id, userId);
    switch (r.kind) {
      case 'not_found': throw missing(id);
      case 'unknown_user': throw badRequest('unknown_user', `unknown user id: ${ref}`, { userIds: [ref] });
      case 'unchanged':
      case 'reassigned':
        return { changed: r.kind === 'reassigned', customer: r.customer };
    }
  }

  router.post('/api/customers/:id/merge', async (ctx) => {
    const body = await readJsonBody(ctx, MAX_BODY);
    const into = typeof body.into === 'string' ? body.into.trim() : '';
    if (!into || into.length > 64) throw badRequest('invalid_merge', 'into must be the id of the customer to merge into');
    if (into === ctx.params.id) throw badRequest('invalid_merge', 'a customer cannot be merged into itself');
    const r = await db.transaction((tx) => mergeCustomers(tx, tenantId, ctx.params.id!, into));
    switch (r.kind) {
      case 'not_found': throw missing(r.which === 'from' ? ctx.params.id! : into);
      case 'same_customer': throw badRequest('invalid_merge', 'a customer cannot be merged into itself');
      case 'merged_elsewhere':
        throw new AppError('already_merged', `customer ${ctx.params.id} was merged into ${r.intoId}`, { status: 409, details: { intoId: r.intoId } });
      case 'already_merged':
        ctx.body = { merged: false, into: await customerWithAliases(db, tenantId, r.into) };
        return;
      case 'merged':
        ctx.body = { merged: true, into: await customerWithAliases(db, tenantId, r.into), moved: r.moved };
    }
  });
}
