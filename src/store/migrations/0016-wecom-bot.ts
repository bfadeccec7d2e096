// The WeCom AI bot (企业微信智能机器人, issue 14) is a channel of its own, 'wecom_bot': its people and
// accounts may carry it. Directory tables (0013) stay WeCom/DingTalk only: the bot has no directory.
export default {
  version: 16,
  name: 'wecom-bot',
  sql: `
alter table users drop constraint users_channel_check;
alter table users add constraint users_channel_check check (channel in ('wecom', 'wecom_bot', 'dingtalk'));
alter table identities drop constraint identities_channel_check;
alter table identities add constraint identities_channel_check check (channel in ('wecom', 'wecom_bot', 'dingtalk'));
`,
};
