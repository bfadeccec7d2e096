// What a person reads while signing in to the console, in one place (the sign-in page shows these as the
// API returns them).
export const signInText = {
  notMember: '你还不是战报的成员。请管理员同步通讯录,或先在企业微信/钉钉里给战报机器人发一条消息,然后再登录。',
  linkExpired: '登录链接已失效:链接 15 分钟内有效,且只能用一次。请让管理员重新生成。',
  linkMissing: '登录链接不完整,请复制完整的链接再打开。',
  wrongToken: '管理员令牌不正确。',
  tokenMissing: '请输入管理员令牌。',
  tooManyAttempts: (seconds: number) => `尝试次数太多,请 ${seconds} 秒后再试。`,
  unavailable: '这种登录方式还没有配置。',
  jsonOnly: '请从登录页登录。',
} as const;
