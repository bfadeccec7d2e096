// After a visit is saved: its topics, up to three suggested actions, and "再记一条" for the same store.
import type { AppOption } from '../../app.js';
import { MSG } from '../../lib/messages.js';
import { tokenFromQuery, visitPageUrl, type PageQuery } from '../../lib/qr.js';
import { resultView, type ResultView } from '../../lib/view-models.js';

const services = () => getApp<AppOption>().services();

Page({
  data: {
    saved: MSG.saved as string,
    view: null as ResultView | null,
    canRepeat: false,
  },

  token: '',

  onLoad(query: PageQuery) {
    this.token = tokenFromQuery(query) ?? '';
    const s = services();
    // lastVisit is gone if WeChat restarted the app on this page; the visit itself is saved.
    const last = s.lastVisit;
    s.lastVisit = null;
    this.setData({ view: last ? resultView(last) : null, canRepeat: this.token !== '' });
  },

  onAgain() {
    if (this.token) wx.redirectTo({ url: visitPageUrl(this.token) });
  },

  // reLaunch, not navigateBack: opened straight from a store code, there is no page to go back to.
  onHome() {
    wx.reLaunch({ url: '/pages/home/home' });
  },
});
