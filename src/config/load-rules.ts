// Loads config/rules.jsonc (reminder windows, calendar, quiet hours) and compiles it for the pure
// rules engine; a bad setting fails at startup naming the file and the field.
import { join } from 'node:path';
import { compileRules, type CompiledRules } from '../domain/reminders/reminder-rules.js';
import { isAppError, AppError } from '../shared/errors.js';
import { readJsoncFile } from './jsonc.js';
import { repoRoot } from './repo-root.js';

export function loadRules(path: string = join(repoRoot(), 'config', 'rules.jsonc')): CompiledRules {
  const raw = readJsoncFile(path);
  try {
    return compileRules(raw);
  } catch (e) {
    if (!isAppError(e)) throw e;
    throw new AppError(e.code, `${path}: ${e.message}`, { status: e.status, details: e.details, cause: e });
  }
}
