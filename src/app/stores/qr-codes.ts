// Store QR codes: minted as opaque signed tokens (tenant-scoped, revocable) that print as a URL any
// phone camera opens; resolved back to the store when the mini-program scans them.
import { qrPng } from '../../providers/qr/qr-image.js';
import { AppError } from '../../shared/errors.js';
import { extractQrToken, newQrId, parseQrToken, signQrToken, verifyQrToken } from '../../shared/qr-token.js';
import type { Queryable } from '../../store/database.js';
import { findQrCode, getStore, insertQrCode, tenantSecret, type QrCode, type Store } from '../../store/repos/stores-repo.js';
import type { AppDeps } from '../app-deps.js';

const SECRET_NAME = 'qr_signing';

export interface MintedQr {
  token: string;
  url: string;
  /** PNG, base64. */
  png: string;
}

export const qrUrl = (publicBaseUrl: string, token: string) => `${publicBaseUrl}/s/${token}`;

export async function mintQrCode(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>, tenantId: string, storeKey: string, purpose: QrCode['purpose'], campaign: string | null,
): Promise<MintedQr> {
  const store = await getStore(deps.db, tenantId, storeKey);
  if (!store) throw new AppError('unknown_store', `no store ${storeKey}`, { status: 404 });
  const id = newQrId();
  const token = signQrToken(await tenantSecret(deps.db, tenantId, SECRET_NAME), tenantId, id);
  await insertQrCode(deps.db, { id, tenantId, storeKey, purpose, campaign }, deps.clock.now());
  const url = qrUrl(deps.config.publicBaseUrl, token);
  return { token, url, png: qrPng(url).toString('base64') };
}

/** The token of a code already minted (for printing its sheet again). */
export async function tokenOf(q: Queryable, code: QrCode): Promise<string> {
  return signQrToken(await tenantSecret(q, code.tenantId, SECRET_NAME), code.tenantId, code.id);
}

export type QrProblem = 'qr_invalid' | 'qr_revoked' | 'qr_foreign';

/**
 * What a scan points at, for a caller of `tenantId`. Forged, tampered or unknown tokens are
 * qr_invalid, revoked ones qr_revoked, another tenant's qr_foreign (all 403: the code exists or not,
 * the caller may not use it).
 */
export async function resolveQr(q: Queryable, tenantId: string | null, scanned: string): Promise<{ code: QrCode; store: Store } | { problem: QrProblem }> {
  const token = extractQrToken(scanned);
  const parsed = token ? parseQrToken(token) : null;
  if (!token || !parsed) return { problem: 'qr_invalid' };
  const code = await findQrCode(q, parsed.id);
  if (!code || !verifyQrToken(await tenantSecret(q, code.tenantId, SECRET_NAME), code.tenantId, token)) return { problem: 'qr_invalid' };
  if (tenantId !== null && code.tenantId !== tenantId) return { problem: 'qr_foreign' };
  if (code.revokedAt) return { problem: 'qr_revoked' };
  const store = await getStore(q, code.tenantId, code.storeKey);
  return store ? { code, store } : { problem: 'qr_invalid' };
}

const QR_MESSAGES: Record<QrProblem, string> = {
  qr_invalid: '这个二维码无效,请扫门店张贴的最新二维码',
  qr_revoked: '这个二维码已停用,请找店长要新的二维码',
  qr_foreign: '这个二维码不属于你的企业',
};

export function qrError(problem: QrProblem): AppError {
  return new AppError(problem, QR_MESSAGES[problem], { status: 403 });
}
