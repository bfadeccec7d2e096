// Home: scan a store code, see today's own visit count, open my visits or the leaderboard.
import type { AppOption } from '../../app.js';
import { errorText } from '../../lib/api-error.js';
import { envBlocker } from '../../lib/env.js';
import { MSG } from '../../lib/messages.js';
import { tokenFromQuery, visitPageUrl, type PageQuery } from '../../lib/qr.js';
import { scanStoreToken } from '../../lib/scan.js';
import { todayCount } from '../../lib/view-models.js';

const services = () => getApp<AppOption>().services();

Page({
  data: {
    blocker: '',
    userName: '',
    todayCount: -1,
    countError: '',
  },

  onLoad(query: PageQuery) {
    const blocker = envBlocker(services().env);
    if (blocker) {
      this.setData({ blocker });
      return;
    }
    // A store code whose page rule points here instead of the visit page still works.
    const token = tokenFromQuery(query);
    if (token) wx.navigateTo({ url: visitPageUrl(token) });
  },

  onShow() {
    if (!this.data.blocker) this.refreshCount();
  },

  refreshCount() {
    const { api, session } = services();
    api
      .myVisits()
      .then((res) => {
        this.setData({
          todayCount: todayCount(res.visits, Date.now()),
          userName: session.current()?.user.name ?? '',
          countError: '',
        });
      })
      .catch((err: unknown) => this.setData({ countError: errorText(err) }));
  },

  onScan() {
    scanStoreToken(wx).then((outcome) => {
      if (outcome.kind === 'token') wx.navigateTo({ url: visitPageUrl(outcome.token) });
      else if (outcome.kind === 'not_ours') wx.showToast({ title: MSG.scanNotOurs, icon: 'none' });
      else if (outcome.kind === 'failed') wx.showToast({ title: MSG.genericError, icon: 'none' });
    });
  },

  onMyVisits() {
    wx.navigateTo({ url: '/pages/my-visits/my-visits' });
  },

  onLeaderboard() {
    wx.navigateTo({ url: '/pages/leaderboard/leaderboard' });
  },
});
