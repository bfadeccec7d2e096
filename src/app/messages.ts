// Every sentence a user reads, in one catalogue so wording stays consistent and testable.

export const msg = {
  help: [
    '我是战报助手,直接把客户进展发给我就行:',
    '· 例:"刚去了恒信机械,客户问了价格,账期想要60天"',
    '· 我会识别客户和话题,请你点一下当前阶段',
    '· 发"我的客户"看你的客户和阶段',
  ].join('\n'),
  welcome: '你好,我是战报助手。拜访完把进展发我一句话就行,发"帮助"看用法。',
  unsupported: (what: string) => `暂时看不懂${what},请用文字把客户进展发给我。`,
  voiceNotReady: '收到语音。语音战报需要管理员配置语音识别,先打字发给我也一样。',
  askCustomer: '这条进展是哪个客户的?',
  askCustomerTyped: '这条进展是哪个客户的?直接回复客户名称,例如"恒信机械"。',
  customerAttached: (name: string) => `好的,已记到「${name}」。`,
  noCustomers: '你还没有客户。发一句进展,带上客户名称,例如"刚去了恒信机械,客户问了价格"。',
  recorded: (customer: string, stage: string | null) =>
    stage ? `已记录「${customer}」的进展,当前阶段:${stage}。` : `已记录「${customer}」的进展。`,
  stageCardTitle: (customer: string) => `${customer} · 现在到哪个阶段了?`,
  stageCardDesc: (topics: string) => (topics ? `识别到:${topics}` : '点一下当前阶段'),
  stageChosen: (label: string) => `已选:${label}`,
  stageSaved: (customer: string, label: string) => `已更新「${customer}」阶段为:${label}。`,
  stageUnchanged: (customer: string, label: string) => `「${customer}」已经是${label}阶段,无需更新。`,
  fieldCurrentStage: '当前阶段',
  fieldSuggested: '建议',
  notSet: '未设置',
  processingFailed: '这条消息处理出错了,我们已记录,请稍后再发一次。',
  myCustomersHeader: (n: number) => `你的客户(${n}):`,
  neverTouched: '未跟进',
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
