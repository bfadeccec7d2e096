// Signing in with WeCom or DingTalk: the platform vouches for an account (channel, platform id), and the
// console admits the person behind that identity — only someone Zhanbao already knows (from the directory
// sync or a first message to the bot) and who has not left. Sign-in never creates a person.
import type { ChannelId } from '../../../channels/inbound-event.js';
import type { Queryable } from '../../../store/database.js';
import { findIdentity } from '../../../store/repos/identities-repo.js';
import { viewerOf } from '../sessions.js';
import type { Viewer } from '../viewer.js';

/** A member of the organisation (their platform user id), or someone the platform knows only as an outsider. */
export type PlatformVisitor = { kind: 'member'; userId: string } | { kind: 'outsider' };

export interface PlatformLogin {
  /** Where to send the browser; `userAgent` picks WeCom's in-app OAuth2 over its QR web login. */
  authorizeUrl(o: { redirectUri: string; state: string; userAgent: string }): string;
  /** Exchanges the code the platform sent back; throws when the platform refuses it or is unreachable. */
  visitorOf(code: string): Promise<PlatformVisitor>;
}

export type SignInChannel = Extract<ChannelId, 'wecom' | 'dingtalk'>;
export type PlatformLogins = Partial<Record<SignInChannel, PlatformLogin>>;

/** The console viewer behind a platform account; null for an account no person has, or a person who left. */
export async function viewerOfAccount(q: Queryable, tenantId: string, channel: SignInChannel, platformId: string): Promise<Viewer | null> {
  const identity = await findIdentity(q, tenantId, channel, platformId);
  return identity ? viewerOf(q, tenantId, identity.userId) : null;
}
