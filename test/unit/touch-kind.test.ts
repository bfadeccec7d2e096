// Touch kinds from the words of an update (config/touch-kinds.jsonc): each kind's cues, longer phrases
// hiding shorter ones (腾讯会议, 发过去了), plans and negations that are no visit, priority, the default.
import { describe, expect, it } from 'vitest';
import { loadTouchKinds } from '../../src/config/load-touch-kinds.js';
import { classifyTouchKind, compileTouchKinds } from '../../src/domain/touches/touch-kind.js';

const rules = loadTouchKinds();
const kind = (text: string) => classifyTouchKind(text, rules);

describe('classifyTouchKind', () => {
  it.each([
    ['今天拜访了恒信机械,王经理问了价格', 'visit'],
    ['刚去了恒信机械,客户问了价格,账期想要60天', 'visit'],
    ['上门见了张总,聊了交期', 'visit'],
    ['和采购面谈了一个小时', 'visit'],
    ['客户到访我们展厅', 'visit'],
    ['刚见完宏远钢构的老板,有戏', 'visit'],
    ['东海渔业今天来访,聊得不错', 'visit'],
    ['跟恒信机械王经理通了电话,他们想要报价', 'call'],
    ['打给李总确认了预算', 'call'],
    ['客户来电问售后', 'call'],
    ['微信上跟王经理说了折扣的事', 'message'],
    ['给客户发消息提醒付款', 'message'],
    ['发了短信', 'message'],
    ['下午在客户公司开会讨论方案', 'meeting'],
    ['参加了客户的项目会议', 'meeting'],
    ['和客户开了视频会,演示了系统', 'online'],
    ['腾讯会议给技术讲了方案', 'online'],
    ['线上演示了一遍', 'online'],
    ['远程帮客户调试', 'online'],
  ])('%s → %s', (text, expected) => {
    expect(kind(text)).toBe(expected);
  });

  it('lets a longer phrase hide the cue inside it', () => {
    expect(kind('方案已经发过去了')).toBe('message');
    expect(kind('准备去了解一下需求')).toBe('message');
    expect(kind('视频会议聊了聊价格')).toBe('online');
    expect(kind('留了电话,回头再联系')).toBe('message');
  });

  it('does not count plans or negated cues as what happened', () => {
    expect(kind('约了下周三上门拜访')).toBe('message');
    expect(kind('明天去了解需求,后天拜访')).toBe('message');
    expect(kind('电话约了下周拜访')).toBe('call');
    expect(kind('还没上门,先打了电话')).toBe('call');
    expect(kind('今天拜访了恒信,明天再打电话')).toBe('visit');
    expect(kind('今天下雨,拜访推迟了')).toBe('message');
    expect(kind('客户问上门维修是不是免费的')).toBe('message');
    expect(kind('客户说周五有空可以见面')).toBe('message');
    expect(kind('又去了趟正泰电器,还是没见到人')).toBe('visit');
  });

  it('prefers the stronger evidence when several kinds happened', () => {
    expect(kind('先打了电话,下午上门拜访')).toBe('visit');
    expect(kind('线上开会过了一遍条款')).toBe('online');
    expect(kind('开完会又发了微信确认')).toBe('meeting');
  });

  it('reads traditional characters and falls back to the default without a cue', () => {
    expect(kind('今天拜訪了華泰電梯')).toBe('visit');
    expect(kind('恒信机械客户问了价格')).toBe('message');
    expect(kind('')).toBe('message');
  });
});

describe('compileTouchKinds', () => {
  const base = { priority: ['visit', 'online', 'meeting', 'call', 'message'], default: 'call', kinds: { visit: ['拜访'] } };
  it('refuses an unknown kind, a visit default and an incomplete priority', () => {
    expect(() => compileTouchKinds({ ...base, kinds: { drive_by: ['路过'] } })).toThrow('"kinds.drive_by"');
    expect(() => compileTouchKinds({ ...base, default: 'visit' })).toThrow('"default"');
    expect(() => compileTouchKinds({ ...base, priority: ['visit'] })).toThrow('"priority"');
    expect(() => compileTouchKinds({ ...base, typo: 1 })).toThrow('"typo"');
    expect(classifyTouchKind('聊了聊', compileTouchKinds(base))).toBe('call');
  });
});
