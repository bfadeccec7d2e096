// The caller's recent visits, newest first; pull down to refresh.
import type { AppOption } from '../../app.js';
import { errorText } from '../../lib/api-error.js';
import { envBlocker } from '../../lib/env.js';
import { MSG } from '../../lib/messages.js';
import { visitItems, type VisitItem } from '../../lib/view-models.js';

const services = () => getApp<AppOption>().services();

Page({
  data: {
    blocker: '',
    loaded: false,
    items: [] as VisitItem[],
    error: '',
    emptyText: MSG.noVisits as string,
  },

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

  load() {
    services()
      .api.myVisits()
      .then((res) => this.setData({ loaded: true, error: '', items: visitItems(res.visits, Date.now()) }))
      .catch((err: unknown) => this.setData({ loaded: true, error: errorText(err) }))
      .then(() => wx.stopPullDownRefresh());
  },
});
