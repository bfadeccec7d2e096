// Loads config/scoring.jsonc (lead score weights, issue 15) and compiles it; a bad value stops start-up
// naming the file and the field.
import { join } from 'node:path';
import { compileScoringRules, type ScoringRules } from '../domain/scoring/scoring-rules.js';
import { AppError, isAppError } from '../shared/errors.js';
import { readJsoncFile } from './jsonc.js';
import { repoRoot } from './repo-root.js';

export function loadScoringRules(path: string = join(repoRoot(), 'config', 'scoring.jsonc')): ScoringRules {
  const raw = readJsoncFile(path);
  try {
    return compileScoringRules(raw);
  } catch (e) {
    if (!isAppError(e)) throw e;
    throw new AppError(e.code, `${path}: ${e.message}`, { status: e.status, details: e.details, cause: e });
  }
}
