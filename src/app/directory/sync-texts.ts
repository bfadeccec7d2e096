// What the sync status says to admins (the console shows it): short Chinese sentences naming the cause and
// what was (not) done about it.
import type { ChannelId } from '../../channels/inbound-event.js';
import type { ListingFailure } from '../../channels/directory-listing.js';

const CHANNEL_NAME: Record<ChannelId, string> = { wecom: '企业微信', wecom_bot: '企业微信智能机器人', dingtalk: '钉钉' };

const PERMISSION_HINT: Record<ChannelId, string> = {
  wecom: '请在企业微信管理后台把这些部门加入应用的可见范围',
  wecom_bot: '智能机器人没有通讯录,请配置企业微信自建应用',
  dingtalk: '请为应用开通通讯录只读权限,并把这些部门加入应用的通讯录权限范围',
};

export const NOBODY_DEACTIVATED = '本次未停用任何人';

export function partialListingText(channel: ChannelId, failures: readonly ListingFailure[], deptName: (id: string) => string): string {
  const depts = failures.map((f) => (f.departmentId === null ? '部门列表' : deptName(f.departmentId)));
  const shown = depts.slice(0, 3).join('、') + (depts.length > 3 ? ` 等 ${depts.length} 个部门` : '');
  const codes = [...new Set(failures.map((f) => f.code).filter((c) => c !== null))].join('、');
  const permission = failures.some((f) => f.kind === 'permission');
  const why = permission ? `无权读取${codes ? `(错误码 ${codes})` : ''},${PERMISSION_HINT[channel]}` : `读取失败${codes ? `(错误码 ${codes})` : ''}`;
  return `${shown}${why}。${NOBODY_DEACTIVATED}。`;
}

export function emptyListingText(channel: ChannelId): string {
  return `${CHANNEL_NAME[channel]}通讯录里没有读到任何人,请检查应用的可见范围。${NOBODY_DEACTIVATED}。`;
}

/** The listing could not be read at all: the platform's code when it gave one. */
export function failedListingText(channel: ChannelId, e: unknown): string {
  const err = e as { errcode?: unknown; platformCode?: unknown; failureClass?: unknown } | null;
  const code = typeof err?.errcode === 'number' ? err.errcode : typeof err?.platformCode === 'string' ? err.platformCode : null;
  const name = CHANNEL_NAME[channel];
  if (err?.failureClass === 'permanent' || err?.failureClass === 'token') {
    return `读取${name}通讯录被拒绝${code !== null ? `(错误码 ${code})` : ''},请确认应用的通讯录权限和可见范围。${NOBODY_DEACTIVATED}。`;
  }
  if (err?.failureClass === 'rate_limited') return `${name}接口调用太频繁,请稍后再同步。${NOBODY_DEACTIVATED}。`;
  return `连接${name}失败,请稍后再同步。${NOBODY_DEACTIVATED}。`;
}

export const SAVE_FAILED_TEXT = '通讯录已读取,但保存失败,请稍后再同步。本次未做任何改动。';

export const NAMES_WITHHELD_TEXT = '通讯录未返回姓名(应用无权读取),名字沿用聊天中的昵称。';
export const CONTACTS_WITHHELD_TEXT = '通讯录未返回手机号和邮箱,两个渠道的账号无法按手机号自动关联,可由管理员手动关联。';
