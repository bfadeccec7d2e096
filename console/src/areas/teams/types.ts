// Shapes of the team and directory answers (src/http/console/teams-routes.ts, directory-routes.ts).

export interface TeamPerson {
  userId: string;
  name: string | null;
  active: boolean;
}

export interface Team {
  key: string;
  name: string;
  alert: ({ kind: AlertKind } & Record<string, string | null>) | null;
  members: TeamPerson[];
  managers: TeamPerson[];
  departments: { channel: string; deptId: string; name: string | null }[];
  updatedAt: string;
}

export type AlertKind = 'wecom_webhook' | 'wecom_appchat' | 'dingtalk_webhook' | 'dingtalk_group';

export interface Person {
  id: string;
  name: string | null;
  role: string;
  teamKey: string | null;
  active: boolean;
}

export interface DirectoryStatus {
  channels: {
    channel: string;
    lastSyncAt: string | null;
    ok: boolean | null;
    error: string | null;
    people: number;
    departments: number;
    added: number;
    deactivated: number;
  }[];
  leavers: { userId: string; name: string | null; deactivatedAt: string | null; customerCount: number }[];
}

export const ALERT_KINDS: { kind: AlertKind; label: string; fields: { key: string; label: string; placeholder: string; optional?: boolean }[] }[] = [
  { kind: 'wecom_webhook', label: '企业微信群机器人', fields: [{ key: 'key', label: 'Webhook key', placeholder: '机器人地址里 key= 后面的部分' }] },
  { kind: 'wecom_appchat', label: '企业微信应用群聊', fields: [{ key: 'chatId', label: '群聊 chatid', placeholder: '例如 wrkSFfCgAA…' }] },
  {
    kind: 'dingtalk_webhook', label: '钉钉自定义机器人', fields: [
      { key: 'accessToken', label: 'access_token', placeholder: '机器人地址里 access_token= 后面的部分' },
      { key: 'secret', label: '加签密钥', placeholder: 'SEC 开头;没开加签可不填', optional: true },
    ],
  },
  { kind: 'dingtalk_group', label: '钉钉群(企业机器人)', fields: [{ key: 'openConversationId', label: '群会话 ID', placeholder: 'cid 开头' }] },
];

export const alertKindLabel = (kind: string) => ALERT_KINDS.find((k) => k.kind === kind)?.label ?? kind;

/** The one value that tells targets apart, masked as the API returns it. */
export function alertSummary(alert: Team['alert']): string {
  if (!alert) return '未设置';
  const spec = ALERT_KINDS.find((k) => k.kind === alert.kind);
  const value = spec ? alert[spec.fields[0]!.key] : null;
  return `${alertKindLabel(alert.kind)}${value ? ` · ${value}` : ''}`;
}
