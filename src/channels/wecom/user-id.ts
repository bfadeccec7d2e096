// What a WeCom member UserID can be (企业微信 "成员UserID": 1–64 letters, digits and _-@., starting with a
// letter or digit). "@all" or "a|b" in a touser field broadcasts, so nothing else is read or sent to.
export const WECOM_USER_ID = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;

export const isWecomUserId = (id: string): boolean => WECOM_USER_ID.test(id);
