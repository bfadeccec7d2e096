// Intent first: small talk, questions about the bot, corrections, updates and unclear text, read from the
// words alone with what the recogniser found passed in.
import { describe, expect, it } from 'vitest';
import { loadIntentRules } from '../../src/config/load-intent-rules.js';
import { classifyIntent } from '../../src/domain/intents/classify-intent.js';

const rules = loadIntentRules();
const none = { customer: false, topics: 0, stage: false };
const kind = (text: string, signals = none) => classifyIntent(text, signals, rules);

describe('classifyIntent', () => {
  it.each([
    ['你好', 'greeting'], ['您好!', 'greeting'], ['哈喽~', 'greeting'], ['机器人你好', 'greeting'], ['早上好呀', 'greeting'],
    ['在吗', 'presence'], ['在不在?', 'presence'], ['有人吗', 'presence'],
    ['谢谢', 'thanks'], ['好的谢谢', 'thanks'], ['辛苦了🙏', 'thanks'], ['Thanks!', 'thanks'],
    ['好的', 'ack'], ['收到', 'ack'], ['嗯嗯', 'ack'], ['👍', 'ack'], ['OK', 'ack'], ['1', 'ack'], ['。。。', 'ack'],
  ])('%s is small talk (%s)', (text, tone) => {
    expect(kind(text)).toEqual({ kind: 'small_talk', tone });
  });

  it.each(['怎么用', '这个怎么用?', '你能做什么', '你是谁', '怎么发战报', '？？', '看不懂'])('%s is a question about the bot', (text) => {
    expect(kind(text)).toEqual({ kind: 'bot_question' });
  });

  it.each(['金额改成50万', '账期应该是90天', '客户名称改成华通电子', '不是恒达是恒通', '阶段写错了'])('%s is a correction', (text) => {
    expect(kind(text)).toEqual({ kind: 'correction' });
  });

  it('an update needs a customer, a topic, a stage cue or sales words', () => {
    expect(kind('刚从那边出来', { customer: true, topics: 0, stage: false })).toEqual({ kind: 'update' });
    expect(kind('问了一下', { customer: false, topics: 1, stage: false })).toEqual({ kind: 'update' });
    expect(kind('终于签了', { customer: false, topics: 0, stage: true })).toEqual({ kind: 'update' });
    expect(kind('对方采购换人了')).toEqual({ kind: 'update' });
    expect(kind('今天跑了一天,没什么进展')).toEqual({ kind: 'update' });
  });

  it('a greeting with a customer in it is an update, not small talk', () => {
    expect(kind('你好,恒达机械那边说下周签', { customer: true, topics: 0, stage: true })).toEqual({ kind: 'update' });
  });

  it.each(['asdf', 'x2', '嗯那个'])('%s is unclear', (text) => {
    expect(kind(text)).toEqual({ kind: 'unclear' });
  });
});
