// Loads config/touch-kinds.jsonc (cue words of visit, call, message, meeting, online) once at start-up;
// a bad entry stops start-up naming the file and the field.
import { join } from 'node:path';
import { compileTouchKinds, type TouchKindRules } from '../domain/touches/touch-kind.js';
import { AppError, isAppError } from '../shared/errors.js';
import { readJsoncFile } from './jsonc.js';
import { repoRoot } from './repo-root.js';

export function loadTouchKinds(path: string = join(repoRoot(), 'config', 'touch-kinds.jsonc')): TouchKindRules {
  const raw = readJsoncFile(path);
  try {
    return compileTouchKinds(raw);
  } catch (e) {
    if (!isAppError(e)) throw e;
    throw new AppError(e.code, `${path}: ${e.message}`, { status: e.status, details: e.details, cause: e });
  }
}
