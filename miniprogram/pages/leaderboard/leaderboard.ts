// Visit leaderboard: stores of my team, or people of my team, for today / this week / this month.
import type { AppOption } from '../../app.js';
import type { LeaderboardPeriod, LeaderboardScope } from '../../lib/api-client.js';
import { errorText } from '../../lib/api-error.js';
import { envBlocker } from '../../lib/env.js';
import { MSG } from '../../lib/messages.js';
import { rankItems, type RankItem } from '../../lib/view-models.js';

const services = () => getApp<AppOption>().services();

type TabEvent = WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { key?: string }>;

Page({
  data: {
    blocker: '',
    scopeTabs: MSG.scopeTabs.map((t) => ({ key: t.key as string, label: t.label as string })),
    periodTabs: MSG.periodTabs.map((t) => ({ key: t.key as string, label: t.label as string })),
    scope: 'store' as LeaderboardScope,
    period: 'week' as LeaderboardPeriod,
    title: '',
    items: [] as RankItem[],
    loaded: false,
    error: '',
    emptyText: MSG.noRanking as string,
  },

  // Tabs can be tapped faster than answers arrive; only the latest request may fill the list.
  seq: 0,

  onLoad() {
    const blocker = envBlocker(services().env);
    if (blocker) this.setData({ blocker });
  },

  onShow() {
    if (!this.data.blocker) this.load();
  },

  onPullDownRefresh() {
    if (this.data.blocker) wx.stopPullDownRefresh();
    else this.load();
  },

  onScopeTap(e: TabEvent) {
    const key = e.currentTarget.dataset.key;
    if (key === 'store' || key === 'team') {
      this.setData({ scope: key });
      this.load();
    }
  },

  onPeriodTap(e: TabEvent) {
    const key = e.currentTarget.dataset.key;
    if (key === 'day' || key === 'week' || key === 'month') {
      this.setData({ period: key });
      this.load();
    }
  },

  load() {
    const seq = ++this.seq;
    services()
      .api.leaderboard(this.data.scope, this.data.period)
      .then((board) => {
        if (seq === this.seq) this.setData({ loaded: true, error: '', title: board.title, items: rankItems(board) });
      })
      .catch((err: unknown) => {
        if (seq === this.seq) this.setData({ loaded: true, error: errorText(err) });
      })
      .then(() => wx.stopPullDownRefresh());
  },
});
