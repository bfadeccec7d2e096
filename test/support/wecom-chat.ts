// A rep talking to the bot over signed WeCom callbacks in e2e tests: what the fake WeCom API received for a
// user, the text of one message, and "say this, wait for the first answer".
import { eventually, textXml, type TestServer } from './test-server.js';

/** Messages the bot sent to one user, in order. */
export const sentTo = (t: TestServer, user: string) => t.fake.sent().filter((c) => c.body?.touser === user);

/** The readable part of a sent message: markdown, text, or a card's title. */
export const contentOf = (c: any): string =>
  (c.body.markdown?.content ?? c.body.text?.content ?? c.body.template_card?.main_title?.title ?? '') as string;

/** Sends a text and returns the first message the bot sends back to that user. */
export async function say(t: TestServer, user: string, text: string): Promise<string> {
  const before = sentTo(t, user).length;
  await t.postCallback(textXml(user, text));
  return contentOf(await eventually(() => sentTo(t, user)[before]));
}
