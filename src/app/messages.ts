// Every sentence a user reads, in one catalogue so wording stays consistent and testable.

export const msg = {
  help: [
    '我是战报助手,直接把客户进展发给我就行:',
    '· 例:"刚去了恒信机械,客户问了价格,账期想要60天"',
    '· 我会识别客户和话题,请你点一下当前阶段',
    '· 发"我的客户"看你的客户和阶段',
    '· 发"战报 …"或一段语音,整理成战报给你确认',
    '· 主管可发:排行 [今日|本周|本月]、逾期、漏斗、预测、健康度',
  ].join('\n'),
  welcome: [
    '你好,我是战报助手。拜访或通话后发我一句进展就行,比如:',
    '· 刚去了恒信机械,采购问了价格,账期想要60天',
    '· 华安医药签了,合同金额80万',
    '· 按住说30秒语音,我整理成战报给你确认',
    '发"帮助"看全部用法。',
  ].join('\n'),
  /** Small talk and questions about the bot: never a customer. */
  chitchat: {
    thanks: '不客气,有进展随时发我。',
    ack: '好的。',
    greeting: '你好!有客户进展直接发我,发"帮助"看用法。',
    presence: '在的,有客户进展直接发我。',
  },
  /** Text that is neither a command nor a sales update we can read. */
  unclear: '没看懂这条。发客户进展请带上客户名称和发生了什么,例如"刚去了恒信机械,客户问了价格";发"帮助"看用法。',
  /** "金额改成50万" with no report open. */
  nothingToCorrect: '现在没有待确认的战报可以改。要记进展,直接发"客户名称 + 发生了什么"。',
  /** The reply to "哪个客户?" was not a name. */
  notACustomerName: (text: string) => `「${text}」不像客户名称。请回复客户的名称,例如"恒信机械";不是客户进展就发"取消"。`,
  pendingCancelled: '好的,这条不记了。',
  unsupported: (what: string) => `暂时看不懂${what},请用文字把客户进展发给我。`,
  askCustomer: '这条进展是哪个客户的?',
  askCustomerTyped: '这条进展是哪个客户的?直接回复客户名称,例如"恒信机械"。',
  customerAttached: (name: string) => `好的,已记到「${name}」。`,
  noCustomers: '你还没有客户。发一句进展,带上客户名称,例如"刚去了恒信机械,客户问了价格"。',
  recorded: (customer: string, stage: string | null) =>
    stage ? `已记录「${customer}」的进展,当前阶段:${stage}。` : `已记录「${customer}」的进展。`,
  stageCardTitle: (customer: string) => `${customer} · 现在到哪个阶段了?`,
  stageCardDesc: (topics: string) => (topics ? `识别到:${topics}` : '点一下当前阶段'),
  stageCardConfirm: (label: string) => `听起来是${label}了,点「${label}」确认;不是就点实际阶段。`,
  stageChosen: (label: string) => `已选:${label}`,
  stageSaved: (customer: string, label: string) => `已更新「${customer}」阶段为:${label}。`,
  stageUnchanged: (customer: string, label: string) => `「${customer}」已经是${label}阶段,无需更新。`,
  fieldCurrentStage: '当前阶段',
  fieldSuggested: '建议',
  notSet: '未设置',
  processingFailed: '这条消息处理出错了,我们已记录,请稍后再发一次。',
  myCustomersHeader: (n: number) => `你的客户(${n}):`,
  neverTouched: '未跟进',
  report: {
    cardTitle: (customer: string | null) => (customer ? `战报 · ${customer}` : '战报'),
    none: '—',
    unknown: '未识别',
    followUp: '下一步具体做什么、哪天?',
    editPrompt: '要改哪里?直接说,例如"金额改成80万"、"下周三再去"。',
    confirmed: '已确认',
    voided: '已作废',
    savedText: (customer: string | null, points: number) =>
      `战报已保存${customer ? `:${customer}` : ''}。${points > 0 ? `+${points}分` : ''}`.trim(),
    voidedText: '这份战报已作废。',
    needsAsr: '收到语音。语音转文字还没配置(需要管理员设置 ASR),语音已保存,配置好会自动整理;现在直接打字也可以。',
    notHeard: '这条语音没听清,请再说一次,或者直接打字发给我。',
    mediaGone: '这条语音取不到了(可能已过期),请重新发一次。',
    tooLate: '这份战报已经处理过了。',
  },
  /** Customer master data: 改名, 合并, and corrections of who the customer is. */
  customers: {
    renameUsage: '用法:改名 旧名 新名,例如"改名 恒信 恒信机械"。',
    mergeUsage: '用法:合并 A B,把A并到B,例如"合并 恒信 恒信机械"。',
    notFound: (name: string) => `没找到客户「${name}」。发"我的客户"看看客户名称。`,
    notAllowed: (name: string) => `「${name}」不是你负责的客户,只有负责人或其主管可以改。`,
    invalidName: '新名称要2到64个字。',
    renamed: (oldName: string, newName: string) => `已把「${oldName}」改名为「${newName}」。以后说「${oldName}」也能认出来。`,
    renameUnchanged: (name: string) => `客户已经叫「${name}」了,不用改。`,
    nameTaken: (newName: string, other: string, current: string) =>
      `「${newName}」已经用在客户「${other}」上了。如果是同一个客户,发"合并 ${current} ${other}"。`,
    merged: (from: string, into: string) => `已把「${from}」合并到「${into}」,跟进记录和阶段都转过去了。以后说「${from}」也会认成「${into}」。`,
    sameCustomer: (name: string, into: string) => `「${name}」和「${into}」已经是同一个客户,不用再合并。`,
    nothingToCorrect: '最近24小时没有可以改客户的进展。要记进展,直接发"客户名称 + 发生了什么"。',
    nothingOf: (name: string) => `最近24小时没有记到「${name}」的进展。`,
    alreadyOn: (name: string) => `这条已经记在「${name}」了。`,
    touchMoved: (from: string, to: string) => `好的,已改到「${to}」,不再记在「${from}」。`,
    draftFixed: (name: string) => `好的,战报客户已改为「${name}」。`,
  },
};

export const topicLabels: Record<string, string> = {
  price: '价格',
  discount: '折扣',
  payment_terms: '账期/付款',
  sample: '样品/试用',
  contract: '合同',
  competitor: '竞品',
  delivery: '交期',
  decision_maker: '决策人',
  budget: '预算',
  after_sales: '售后',
  demo: '演示/方案',
  quality: '质量/性能',
  compliance: '资质合规',
};
