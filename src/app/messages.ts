// Every sentence a user reads, in one catalogue so wording stays consistent and testable.

export const msg = {
  help: [
    '我是战报助手,直接把客户进展发给我就行:',
    '· 例:"刚去了恒信机械,客户问了价格,账期想要60天"',
    '· 我会识别客户和话题,请你点一下当前阶段',
    '· 发"我的客户"看你的客户(按评分排序),"我的线索"看新线索,"我的待办"看承诺和提醒(可点完成/改期)',
    '· 发"目标"看本月目标进度,"案例 价格"看同事怎么应对这个异议',
    '· 发"战报 …"或一段语音,整理成战报给你确认',
    '· 查 恒信机械(或"恒信机械怎么样了")看阶段、负责人和最近进展',
    '· 客户认错了就说"客户是华安医药"或"不是恒信是恒达"',
    '· 改名 旧名 新名、合并 重复的名 保留的名',
    '· 战报里的POC、寄样品等承诺会转给团队负责人(缺信息先问你)',
    '· 主管可发:排行 [今日|本周|本月]、逾期、漏斗(含丢单原因)、预测、健康度、目标、转给 张三 恒信机械、张三的战报',
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
    /** A voice file over the download cap or a note over MAX_AUDIO_SECONDS (issue 12). */
    tooLong: '这条语音太长了,超过了2分钟。请分成几条短一点的语音重新发,或者直接打字。',
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
  /** Commitments: the 完成 / 改期 card, closing by a tap or an update, 我的待办, 承诺兑现率. */
  commitments: {
    done: '完成',
    reschedule: '改期',
    /** Button of item i (0-based) on a card of several: "① 完成". */
    itemButton: (i: number, action: string) => `${'①②③④⑤⑥'[i] ?? i + 1} ${action}`,
    itemLabel: (i: number) => '①②③④⑤⑥'[i] ?? String(i + 1),
    cardTitleOne: (customer: string | null) => (customer ? `「${customer}」的承诺` : '你的承诺'),
    cardTitleMany: (n: number) => `${n}条承诺待处理`,
    cardHint: '做完点「完成」,要推迟点「改期」',
    cardMore: (n: number) => `另有${n}条,发「我的待办」查看`,
    fieldDue: '到期',
    dueOn: (date: string, lateDays: number) => (lateDays > 0 ? `${date},已逾期${lateDays}天` : lateDays === 0 ? `${date}(今天)` : date),
    cardDone: '已完成',
    markedDone: (text: string) => `好的,「${text}」已完成 ✓`,
    alreadyDone: (text: string) => `「${text}」已经完成了,不用再点。`,
    alreadyDropped: (text: string) => `「${text}」已经取消了。`,
    askNewDate: (text: string) => `「${text}」改到哪天?直接说,例如"改到下周三"、"12月20日";不做了就回复"不做了",不改了发"取消"。`,
    rescheduled: (text: string, date: string) => `好的,已改到${date}:「${text}」。到时候提醒你。`,
    dropped: (text: string) => `好的,「${text}」不做了,已取消。`,
    rescheduleCancelled: '好的,不改了。',
    notADate: '没听出改到哪天。请说具体哪天,例如"下周三"、"12月20日";不改了就发"取消"。',
    vagueDate: '要具体到哪一天,例如"下周三"、"12月20日"。',
    pastDate: '这个日期已经过了,请说今天或以后的哪天。',
    closedByUpdate: (texts: readonly string[]) => `已把承诺${texts.map((t) => `「${t}」`).join('、')}记为完成 ✓`,
    noOverdue: '目前没有逾期要跟进的客户,保持住!',
    nothingToDo: '目前没有待办,保持住!',
    upcomingHeader: '接下来的承诺:',
    moreAhead: (n: number) => `…另有${n}条`,
    upcomingLine: (customer: string | null, text: string, date: string) => `· ${customer ? `${customer} · ` : ''}${text} · ${date}到期`,
    fulfilmentLine: (rate: string, done: number, due: number) => `承诺兑现率(近30天到期,按时完成/到期):${rate}(${done}/${due})`,
  },
  /** People and ownership: 撞单 notices, 转给, and the 查 / 怎么样了 / 的战报 look-ups. */
  people: {
    clash: {
      toOwner: (reporter: string, customer: string, excerpt: string) =>
        `撞单提醒:${reporter} 刚记录了你负责的客户「${customer}」${excerpt ? `:「${excerpt}」` : ''}。客户仍归你,阶段由你更新。`,
      toManager: (reporter: string, owner: string, customer: string, excerpt: string) =>
        `撞单提醒:${reporter} 记录了 ${owner} 负责的客户「${customer}」${excerpt ? `:「${excerpt}」` : ''}。要换负责人,发"转给 姓名 ${customer}"。`,
      updateSaved: (customer: string, owner: string) => `已记到「${customer}」。这个客户由 ${owner} 负责,阶段由负责人或其主管更新,已提醒 ${owner}。`,
      reportSaved: (customer: string, owner: string) => `「${customer}」由 ${owner} 负责:战报已保存,阶段由负责人或其主管更新,已提醒 ${owner}。`,
    },
    ownerDecides: (customer: string, owner: string) => `「${customer}」现在由 ${owner} 负责,阶段由负责人或其主管更新。`,
    transfer: {
      usage: '用法:转给 姓名 客户,例如"转给 张三 恒信机械"。',
      managersOnly: '转客户是主管的操作,请找你的主管。',
      notYourTeam: (customer: string, owner: string) => `「${customer}」由 ${owner} 负责,不在你带的团队里,不能转。`,
      done: (customer: string, from: string, to: string) => `已把「${customer}」从 ${from} 转给 ${to}。`,
      unchanged: (customer: string, owner: string) => `「${customer}」已经由 ${owner} 负责了。`,
      toNewOwner: (customer: string, from: string, by: string) => `${by} 把客户「${customer}」转给了你(原负责人 ${from}),发"查 ${customer}"看进展。`,
      toOldOwner: (customer: string, to: string, by: string) => `${by} 把客户「${customer}」转给了 ${to}。`,
      byAdmin: '管理员',
    },
    personNotFound: (name: string) => `没找到同事「${name}」。请用通讯录里的名字或账号。`,
    personAmbiguous: (name: string, ids: readonly string[]) => `「${name}」有重名:${ids.join('、')}。请改用账号。`,
    lookup: {
      stageOwner: (customer: string, stage: string, owner: string) => `「${customer}」 阶段:${stage} · 负责人:${owner}`,
      touches: '最近跟进:',
      touch: (date: string, who: string, text: string) => `· ${date} ${who}:${text}`,
      noTouches: '最近跟进:暂无',
      commitments: '待办承诺:',
      commitment: (due: string, text: string) => `· ${due}到期 ${text}`,
      noCommitments: '待办承诺:无',
      report: (date: string, who: string, text: string) => `最近战报(${date} ${who}):${text}`,
      noReport: '最近战报:暂无',
      ownerOnly: '跟进详情只有负责人和其主管能看。',
    },
    reports: {
      header: (who: string, n: number) => `${who} 最近的战报(${n}条):`,
      line: (date: string, customer: string | null, text: string) => `· ${date}${customer ? ` ${customer}` : ''}:${text}`,
      none: (who: string) => `${who} 还没有确认过的战报。`,
      notAllowed: (who: string) => `只有 ${who} 的主管能看 ${who} 的战报。`,
    },
  },
  /** 漏斗 (docs/product.md "Funnel"; the maths in src/domain/stages/funnel.ts). */
  stages: {
    funnelTitle: '**漏斗**',
    /** Open leads come before the steps: nobody has qualified them yet, so they are no step of the funnel. */
    funnelLeads: (label: string, n: number) => `${label}:${n} 个待跟进(不计入转化)`,
    funnelLine: (label: string, current: number, reached: number, advanced: number, rate: string, lostHere: number) =>
      `${label}:${current} 个 · 到过 ${reached} · 往后推进 ${rate}(${advanced}/${reached})${lostHere ? ` · 在此丢单 ${lostHere}` : ''}`,
    funnelTotals: (won: string, lost: string, lostUnstaged: number, unstaged: number) =>
      `${won} · ${lost}${lostUnstaged ? `(其中 ${lostUnstaged} 个未设阶段就丢了)` : ''} · 未设阶段 ${unstaged}`,
    funnelNote: '> 往后推进 = 到过该阶段(跳过也算)又走到后面阶段的客户 ÷ 到过该阶段的客户',
  },
  /** The WeCom AI bot (企业微信智能机器人, issue 14): the passive-reply bubble and what replaces a late card update. */
  wecomBot: {
    /** The streaming bubble opened while a report is drafted; the card or answer replaces it. */
    drafting: '正在整理战报…',
    /** Closes a bubble still open near WeCom's stream limit; the result then comes as its own message. */
    draftingSlow: '战报还在整理,好了会单独发给你。',
    /** The message could not be stored: answered on the spot, since WeCom does not deliver it again. */
    busy: '系统繁忙,这条没有记下,请稍后重发。',
    /** A card click answered after WeCom's 5 s update window: the confirmation as a message instead. */
    cardDone: (label: string) => `✅ ${label}`,
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
