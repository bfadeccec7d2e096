// The `wx` / Page / App / getApp globals come from miniprogram-api-typings (tsconfig "types").
// The one thing it does not declare is WeCom's `wx.qy` namespace (only present inside the WeCom
// client, platforms.md §4.1); this augments the official Wx with the slice the app uses.

declare namespace WechatMiniprogram {
  interface Wx {
    qy?: import('../lib/wx-facade.js').WxQy;
  }
}
