// Admin API for customer master data: PUT /api/customers/:id {"name"} renames (the old name stays an
// alias), POST /api/customers/:id/merge {"into"} merges the customer into another one.
import type Router from '@koa/router';
import type { AppDeps } from '../../app/app-deps.js';
import { mergeCustomers } from '../../app/customers/merge-customers.js';
import { renameCustomer } from '../../app/customers/rename-customer.js';
import { MAX_CUSTOMER_NAME } from '../../domain/customers/customer-name.js';
import { AppError, badRequest, notFound } from '../../shared/errors.js';
import { readJsonBody } from '../read-body.js';
import { customerWithAliases } from './customer-view.js';

const MAX_BODY = 16 * 1024;

export function mountCustomersApi(router: Router, deps: Pick<AppDeps, 'db' | 'nlp'> & { tenantId: string }): void {
  const { db, tenantId } = deps;
  const missing = (id: string) => notFound('customer_not_found', `no customer ${id}`);

  router.put('/api/customers/:id', async (ctx) => {
    const body = await readJsonBody(ctx, MAX_BODY);
    const r = await db.transaction((tx) => renameCustomer(tx, deps, tenantId, ctx.params.id!, body.name));
    switch (r.kind) {
      case 'invalid_name': throw badRequest('invalid_customer', `name is required (2–${MAX_CUSTOMER_NAME} characters)`);
      case 'not_found': throw missing(ctx.params.id!);
      case 'taken':
        throw new AppError('name_taken', `"${String(body.name).trim()}" is a name or alias of customer ${r.other.id}; merge instead`, {
          status: 409, details: { customerId: r.other.id, name: r.other.name },
        });
      case 'renamed':
      case 'unchanged':
        ctx.body = { changed: r.kind === 'renamed', customer: await customerWithAliases(db, tenantId, r.customer) };
    }
  });

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
