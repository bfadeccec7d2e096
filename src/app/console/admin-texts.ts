// What the console's team, store, push and settings pages say to people — in chat (a test alert, a
// visit sent back) and in error answers the page shows — kept together so the wording stays consistent.
import { shanghaiDate } from '../../shared/shanghai-time.js';

const monthDay = (at: Date) => {
  const [, m, d] = shanghaiDate(at).split('-');
  return `${Number(m)}月${Number(d)}日`;
};

const excerpt = (text: string, max = 20) => (text.length > max ? `${text.slice(0, max)}…` : text);

export const adminText = {
  testAlert: (teamName: string) => `【战报】测试消息:「${teamName}」的提醒和排行会发到这里。收到说明设置正确,无需回复。`,
  visitReturned: (v: { storeName: string; createdAt: Date; question: string }, comment: string) =>
    `你${monthDay(v.createdAt)}在「${v.storeName}」记录的咨询「${excerpt(v.question)}」合规审核未通过:${comment}。请按要求处理,有疑问找店长。`,

  errors: {
    adminOnly: '只有管理员可以这样做',
    managersOnly: '只有管理员和经理可以查看',
    noTeam: '没有这个团队',
    noAlertTarget: '这个团队还没设置提醒群',
    storeKey: '门店编号只能用字母、数字、_ 或 -(最多64个)',
    storeName: '请填写门店名称(最多64字)',
    storeCity: '城市最多32字',
    storeTeam: '请选择你负责的团队',
    unknownTeam: '没有这个团队',
    noStore: '没有这个门店',
    qrPurpose: '二维码用途只能是到店或活动',
    qrCampaign: '请填写活动名称(最多64字)',
    noQrCode: '没有这个二维码',
    qrRevoked: '这个二维码已停用',
    noVisit: '没有这条到店记录',
    notFlagged: '这条记录不需要审核',
    alreadyReviewed: '这条记录已经审核过了',
    decision: '请选择通过或退回',
    returnComment: '退回请写明原因(最多200字)',
    noOutboxRow: '没有这条推送',
    notDead: '只有发送失败的推送可以重试',
    personLeft: '此人已离职,不再给他推送',
    badDate: '日期格式应为 YYYY-MM-DD',
  },
} as const;
