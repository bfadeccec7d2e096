// Mini-program login: wx.qy.login code → WeCom jscode2session (with the linked app's token) → our user
// → an opaque session. Unknown members become store staff: a person opening the store app who is not
// in a sales team is most likely behind a counter; admins can change the role.
import type { LoginResponse, MpRole } from '../../shared/mp-api.js';
import { AppError } from '../../shared/errors.js';
import { createSession } from '../../store/repos/mp-sessions-repo.js';
import { findIdentity } from '../../store/repos/identities-repo.js';
import { findUser } from '../../store/repos/users-repo.js';
import { personOfAccount } from '../people/resolve-sender.js';
import type { AppDeps } from '../app-deps.js';

/** A shift and then some; the client logs in again silently when it runs out. */
export const MP_SESSION_TTL_MS = 7 * 24 * 3_600_000;

export async function miniProgramLogin(deps: AppDeps, code: string): Promise<LoginResponse> {
  if (!deps.miniProgram) throw new AppError('login_failed', '服务器未配置企业微信应用,暂时无法登录', { status: 503 });
  let who: { corpId: string; userId: string };
  try {
    who = await deps.miniProgram.code2Session(code);
  } catch (err) {
    const failureClass = (err as { failureClass?: string }).failureClass;
    // 40029 (invalid or used code) and other permanent answers are the client's to fix by logging in again.
    if (failureClass === 'permanent') throw new AppError('login_failed', '登录已失效,请重新打开小程序', { status: 401, cause: err });
    throw err;
  }
  if (!who.userId) throw new AppError('login_failed', '没有拿到企业微信成员身份,请在企业微信中打开', { status: 401 });
  if (who.corpId !== deps.miniProgram.corpId) throw new AppError('cross_corp', '这个小程序不属于你所在的企业', { status: 403 });
  const { session, user } = await storeStaffSession(deps, who.userId, MP_SESSION_TTL_MS);
  return { session: session.token, expiresAt: session.expiresAt.toISOString(), user: { id: user.id, name: user.name, role: user.role as MpRole } };
}

/**
 * A store session for a WeCom member the platform vouched for (mini-program code or H5 OAuth2 code):
 * their person, made on first use as store staff, and a new opaque session in mp_sessions.
 */
export async function storeStaffSession(deps: AppDeps, wecomUserId: string, ttlMs: number) {
  const tenantId = deps.config.defaultTenantId;
  const now = deps.clock.now();
  const account = { channel: 'wecom' as const, platformId: wecomUserId };
  const known = await findIdentity(deps.db, tenantId, account.channel, account.platformId);
  const name = known ? null : await deps.directories.wecom?.getUserName(wecomUserId).catch(() => null) ?? null;
  const user = await deps.db.transaction(async (tx) => {
    // The WeCom account's person (a rep who also visits stores stays who they are); opening the store app
    // is not writing to the bot, so where their messages go does not change.
    const person = await personOfAccount(tx, tenantId, account, { name, keys: null, role: 'store_staff', wrote: false });
    return (await findUser(tx, tenantId, person.userId))!;
  });
  const session = await createSession(deps.db, tenantId, user.id, now, ttlMs);
  return { session, user };
}
