// Every sentence a store staff member reads, in one catalogue so wording stays consistent and
// testable. Keyed by the server's MpErrorCode plus the client-side codes of ApiError.
import type { MpErrorCode } from '../../src/shared/mp-api.js';
import type { ClientErrorCode } from './api-error.js';

export const MSG = {
  openInWeCom: '请在企业微信中打开',
  loading: '加载中',
  submitting: '提交中',
  saved: '已记录',
  scanNotOurs: '这不是门店码，请扫描门店的二维码',
  questionRequired: '请填写顾客的问题，或按住说话',
  questionTooLong: (max: number) => `问题最多 ${max} 字`,
  customerNameTooLong: (max: number) => `顾客称呼最多 ${max} 字`,
  phoneInvalid: '请填写正确的手机号或座机号',
  complianceNoteRequired: (words: string[]) => `提到了“${words.join('、')}”，请填写合规说明`,
  complianceNoteTooLong: (max: number) => `合规说明最多 ${max} 字`,
  voiceReady: (seconds: number) => `已录音 ${seconds} 秒`,
  voiceOnly: '（语音）',
  flaggedForReview: '含敏感词，已提交总部审核',
  noVisits: '还没有拜访记录',
  recordHold: '按住说话',
  recordRelease: '松开结束',
  storeLine: (todayVisits: number, mine: number) => `本店今日 ${todayVisits} 条 · 我今日 ${mine} 条`,
  scopeTabs: [
    { key: 'store', label: '门店榜' },
    { key: 'team', label: '个人榜' },
  ],
  periodTabs: [
    { key: 'day', label: '今日' },
    { key: 'week', label: '本周' },
    { key: 'month', label: '本月' },
  ],
  noRanking: '暂无排名',
  genericError: '出错了，请稍后再试',
} as const;

/** Chinese text per error code; typed so a code added to the contract cannot go without text. */
export const ERROR_TEXT: Readonly<Record<MpErrorCode | ClientErrorCode, string>> = {
  session_missing: '登录已失效，请重新打开小程序',
  session_invalid: '登录已失效，请重新打开小程序',
  session_expired: '登录已过期，请重新打开小程序',
  login_failed: '登录失败，请稍后再试',
  cross_corp: '当前企业未开通门店助手',
  qr_invalid: '门店码无效，请扫描门店的二维码',
  qr_revoked: '这个门店码已停用，请联系总部',
  qr_foreign: '这是其他企业的门店码',
  compliance_note_required: '请填写合规说明',
  bad_request: '提交的内容有误，请检查后再试',
  invalid_json: '提交的内容有误，请检查后再试',
  asr_unavailable: '语音识别暂不可用，请改用文字',
  network: '网络不太好，请稍后再试',
  timeout: '网络超时，请稍后再试',
  not_in_wecom: '请在企业微信中打开',
  wx_login_failed: '企业微信登录失败，请重试',
  bad_response: '服务器开小差了，请稍后再试',
  voice_too_short: '说话时间太短',
  voice_failed: '录音失败，请重试或改用文字',
};
