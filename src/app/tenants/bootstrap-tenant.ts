// The env-configured apps belong to the default tenant; more tenants are rows, not code.
import type { AppConfig } from '../../config/app-config.js';
import type { Database } from '../../store/database.js';
import { ensureTenant, linkApp } from '../../store/repos/tenants-repo.js';

export async function bootstrapDefaultTenant(db: Database, config: AppConfig): Promise<void> {
  await db.transaction(async (tx) => {
    await ensureTenant(tx, config.defaultTenantId, '默认租户');
    if (config.wecom) {
      await linkApp(tx, { channel: 'wecom', orgId: config.wecom.corpId, appId: String(config.wecom.agentId), tenantId: config.defaultTenantId });
    }
  });
}
