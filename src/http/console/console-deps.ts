// What the console's routes need: the same app services the chat uses, plus the HTTP-only bits.
import type { Context } from 'koa';
import type { AppDeps } from '../../app/app-deps.js';
import { recordAudit } from '../../app/console/audit.js';
import type { Viewer } from '../../app/console/viewer.js';
import type { PlatformLogins } from '../../app/console/sign-in/platform-sign-in.js';
import type { JobRunner } from '../routes/jobs-api.js';
import type { TryItBackend } from '../../app/try-it/try-it-port.js';

export interface ConsoleDeps {
  app: AppDeps;
  tenantId: string;
  adminToken: string | null;
  jobs: { jobNames: readonly string[]; run: JobRunner; now: () => Date };
  /** WeCom / DingTalk sign-in, for the platforms configured. */
  platformLogins: PlatformLogins;
  /** The built single-page app (vite build output); null serves a "not built" page. */
  staticDir: string | null;
  /** 试一试: present only when the simulator started the server (`npm run simulate -- --web`). */
  tryIt?: TryItBackend;
}

/** The signed-in viewer (set by requireSession). */
export const viewerIn = (ctx: Context): Viewer => ctx.state.viewer as Viewer;

/** Writes one audit entry for the viewer of this request. */
export async function auditIn(ctx: Context, deps: ConsoleDeps, action: string, target: string | null, details: Record<string, unknown> | null = null): Promise<void> {
  await recordAudit(deps.app.db, viewerIn(ctx), action, target, details, { ip: ctx.ip || null, at: deps.app.clock.now() });
}
