// Loads config/stages.jsonc and compiles it into the StageCatalog every stage-aware rule reads; a bad
// file stops start-up naming the file and the field.
import { join } from 'node:path';
import { compileStages, type StageCatalog } from '../domain/stages/stage-catalog.js';
import { AppError, isAppError } from '../shared/errors.js';
import { readJsoncFile } from './jsonc.js';
import { repoRoot } from './repo-root.js';

export function loadStages(path: string = join(repoRoot(), 'config', 'stages.jsonc')): StageCatalog {
  const raw = readJsoncFile(path);
  try {
    return compileStages(raw);
  } catch (e) {
    if (!isAppError(e)) throw e;
    throw new AppError(e.code, `${path}: ${e.message}`, { status: e.status, details: e.details, cause: e });
  }
}
