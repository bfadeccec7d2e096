// Placeholder: filled in by the work that owns this file.
import type Router from '@koa/router';
import type { AppDeps } from '../../app/app-deps.js';

export function mountConsoleLinksApi(_router: Router, _deps: AppDeps & { tenantId: string }): void {}
