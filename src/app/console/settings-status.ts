// The console's 设置 → 渠道状态: the start-up self-check (database, WeCom / DingTalk token, ASR, font,
// public URL) plus whether the LLM answers and when each channel last delivered a message. Items that
// are not configured say so instead of failing: an install without DingTalk is not broken.
import type { ChannelId } from '../../channels/inbound-event.js';
import type { ModelEndpointConfig } from '../../config/app-config.js';
import { lastInboundPerChannel } from '../../store/repos/channel-activity-repo.js';
import type { AppDeps } from '../app-deps.js';
import { runSelfChecks, type CheckResult } from '../health/self-check.js';

const LABELS: Record<string, string> = {
  database: '数据库',
  wecom_token: '企业微信凭证',
  dingtalk_token: '钉钉凭证',
  asr_reachable: '语音识别',
  llm_reachable: '大模型',
  cjk_font: '中文字体',
  public_base_url: '公网地址',
};

const PROBE_TIMEOUT_MS = 5_000;

export type CheckState = 'ok' | 'failed' | 'off';

export interface StatusItem {
  name: string;
  label: string;
  state: CheckState;
  detail: string;
}

/**
 * The LLM endpoint answers at all (any HTTP status, as for ASR: some compatible servers have no
 * /models). Only reachability: a model call would cost money on every page view.
 */
export async function probeModelEndpoint(endpoint: ModelEndpointConfig, fetchFn: typeof fetch = fetch): Promise<void> {
  await fetchFn(`${endpoint.baseUrl.replace(/\/+$/, '')}/models`, {
    headers: { authorization: `Bearer ${endpoint.apiKey}` },
    signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
  });
}

async function llmCheck(endpoint: ModelEndpointConfig | null): Promise<CheckResult | null> {
  if (!endpoint) return null;
  try {
    await probeModelEndpoint(endpoint);
    return { name: 'llm_reachable', ok: true, detail: 'ok' };
  } catch (err) {
    return { name: 'llm_reachable', ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

const item = (c: CheckResult): StatusItem => ({ name: c.name, label: LABELS[c.name] ?? c.name, state: c.ok ? 'ok' : 'failed', detail: c.detail });
const off = (name: string): StatusItem => ({ name, label: LABELS[name] ?? name, state: 'off', detail: '未配置' });

export async function consoleStatus(deps: Pick<AppDeps, 'db' | 'senders' | 'speech' | 'config'>, tenantId: string) {
  const { config } = deps;
  const [checks, llm, lastSeen] = await Promise.all([runSelfChecks(deps), llmCheck(config.llm), lastInboundPerChannel(deps.db, tenantId)]);
  const found = new Map(checks.map((c) => [c.name, c]));
  // Fixed order, configured or not, so the page reads the same on every install.
  const order = ['database', 'wecom_token', 'dingtalk_token', 'asr_reachable', 'llm_reachable', 'cjk_font', 'public_base_url'];
  const all = llm ? new Map([...found, [llm.name, llm]]) : found;
  const items = order.map((name) => (all.has(name) ? item(all.get(name)!) : off(name)));
  const channel = (id: ChannelId, configured: boolean, mode: string) => ({
    channel: id, configured, mode, lastMessageAt: lastSeen.get(id)?.toISOString() ?? null,
  });
  return {
    checks: items,
    channels: [
      channel('wecom', config.wecom !== null, 'callback'),
      channel('dingtalk', config.dingtalk !== null, config.dingtalk?.mode ?? 'http'),
    ],
    publicBaseUrl: config.publicBaseUrl,
  };
}
