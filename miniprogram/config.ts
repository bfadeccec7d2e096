// Build-time settings of the mini-program. There is no process.env here: edit apiBase per
// deployment. It must be the server's HTTPS origin (plus path prefix, if any) and that origin must
// be listed under 开发管理 → 开发设置 → 服务器域名 → request合法域名 in the mini-program console.

export interface MpSettings {
  /** e.g. "https://zhanbao.example.com" — same host as the server's PUBLIC_BASE_URL. */
  apiBase: string;
  /** Per-request budget for ordinary calls. */
  timeoutMs: number;
  /** POST /mp/visits may transcribe a minute of audio before it answers. */
  visitTimeoutMs: number;
}

export const settings: MpSettings = {
  apiBase: 'https://zhanbao.example.com',
  timeoutMs: 10_000,
  visitTimeoutMs: 30_000,
};
