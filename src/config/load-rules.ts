// Loads config/rules.jsonc (reminder windows, calendar, quiet hours) and compiles it, with the configured
// stages, for the pure rules engine; a bad setting fails at startup naming the file and the field.
import { join } from 'node:path';
import { compileRules, type CompiledRules } from '../domain/reminders/reminder-rules.js';
import type { StageCatalog } from '../domain/stages/stage-catalog.js';
import { DEFAULT_STAGES } from '../domain/stages/stage-ids.js';
import { isAppError, AppError } from '../shared/errors.js';
import { readJsoncFile } from './jsonc.js';
import { repoRoot } from './repo-root.js';

/** `stages`: the loaded config/stages.jsonc (their action windows are the stage windows). */
export function loadRules(path: string = join(repoRoot(), 'config', 'rules.jsonc'), stages: StageCatalog = DEFAULT_STAGES): CompiledRules {
  const raw = readJsoncFile(path);
  try {
    return compileRules(raw, stages);
  } catch (e) {
    if (!isAppError(e)) throw e;
    throw new AppError(e.code, `${path}: ${e.message}`, { status: e.status, details: e.details, cause: e });
  }
}
