// Placeholder: filled in by the work that owns this file.
import type Router from '@koa/router';
import type { ConsoleDeps } from './console-deps.js';

export function mountDirectoryRoutes(_router: Router, _deps: ConsoleDeps): void {}
