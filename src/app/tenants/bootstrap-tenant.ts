// The env-configured apps belong to the default tenant; more tenants are rows, not code.
import type { AppConfig, DingtalkAppConfig } from '../../config/app-config.js';
import type { Database } from '../../store/database.js';
import { ensureTenant, linkApp } from '../../store/repos/tenants-repo.js';

export async function bootstrapDefaultTenant(db: Database, config: AppConfig): Promise<void> {
  await db.transaction(async (tx) => {
    await ensureTenant(tx, config.defaultTenantId, '默认租户');
    if (config.wecom) {
      await linkApp(tx, { channel: 'wecom', orgId: config.wecom.corpId, appId: String(config.wecom.agentId), tenantId: config.defaultTenantId });
    }
    if (config.wecomBot) {
      // Frames carry the bot id (aibotid), not a corp id: the bot is its own org key.
      await linkApp(tx, { channel: 'wecom_bot', orgId: config.wecomBot.botId, appId: config.wecomBot.botId, tenantId: config.defaultTenantId });
    }
    if (config.dingtalk) {
      await linkApp(tx, { channel: 'dingtalk', orgId: dingtalkOrgId(config.dingtalk), appId: config.dingtalk.appKey, tenantId: config.defaultTenantId });
    }
  });
}

/**
 * The DingTalk org the tenant is registered under: the configured corpId, else the app itself (an
 * internal app's signed messages can only come from the one org that installed it).
 */
export function dingtalkOrgId(dingtalk: DingtalkAppConfig): string {
  return dingtalk.corpId ?? `app:${dingtalk.appKey}`;
}
