// Robot messages shaped exactly like DingTalk's callback / Stream `data` JSON (platforms.md §3.1–3.2),
// with a sessionWebhook the fake DingTalk API answers.
import type { FakeDingtalkApi } from '../../scripts/dev/fake-dingtalk-api.js';
import { DINGTALK } from './test-server.js';

let seq = 0;

interface Options {
  /** Group conversation id; 1:1 when absent. */
  group?: string;
  createAt?: number;
  msgId?: string;
  /** Session lifetime; DingTalk gives 90 minutes. */
  sessionTtlMs?: number;
}

function envelope(fake: FakeDingtalkApi, staffId: string, msgtype: string, o: Options): Record<string, unknown> {
  const createAt = o.createAt ?? Date.now();
  const sessionTtlMs = o.sessionTtlMs ?? 90 * 60_000;
  const sessionId = `s${staffId}${++seq}`;
  const webhook = fake.openSession(sessionId, sessionTtlMs);
  const conversationId = o.group ?? `cid${staffId}single==`;
  return {
    msgtype,
    msgId: o.msgId ?? `msgZb${Date.now().toString(36)}${++seq}==`,
    createAt,
    conversationType: o.group ? '2' : '1',
    conversationId,
    ...(o.group ? { conversationTitle: '华东销售群', isInAtList: true, atUsers: [{ dingtalkId: '$:LWCP_v1:$bot' }] } : {}),
    senderId: `$:LWCP_v1:$${staffId}`,
    senderStaffId: staffId,
    senderNick: '测试同学',
    senderCorpId: DINGTALK.corpId,
    isAdmin: false,
    chatbotCorpId: DINGTALK.corpId,
    chatbotUserId: '$:LWCP_v1:$bot',
    robotCode: DINGTALK.appKey,
    sessionWebhook: webhook,
    sessionWebhookExpiredTime: createAt + sessionTtlMs,
    senderPlatform: 'iOS',
  };
}

export const dingtalkText = (fake: FakeDingtalkApi, staffId: string, content: string, o: Options = {}) => ({
  ...envelope(fake, staffId, 'text', o),
  text: { content },
});

export const dingtalkAudio = (fake: FakeDingtalkApi, staffId: string, content: { downloadCode: string; recognition?: string }, o: Options = {}) => ({
  ...envelope(fake, staffId, 'audio', o),
  content: { duration: 4000, ...content },
});

export const dingtalkPicture = (fake: FakeDingtalkApi, staffId: string, o: Options = {}) => ({
  ...envelope(fake, staffId, 'picture', o),
  content: { downloadCode: 'picCode1', pictureDownloadCode: 'picCode1' },
});
