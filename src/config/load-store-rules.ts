// Loads the store scenario's playbook (keyword patterns → suggested actions) and compliance word list
// from config/; a bad entry fails at startup naming the file and the field.
import { join } from 'node:path';
import { compileCompliance, type Compliance } from '../domain/stores/compliance.js';
import { compilePlaybook, type Playbook } from '../domain/stores/playbook.js';
import { AppError, isAppError } from '../shared/errors.js';
import { readJsoncFile } from './jsonc.js';
import { repoRoot } from './repo-root.js';

export interface StoreRules {
  playbook: Playbook;
  compliance: Compliance;
}

function compiled<T>(path: string, compile: (raw: unknown) => T): T {
  try {
    return compile(readJsoncFile(path));
  } catch (e) {
    if (!isAppError(e)) throw e;
    throw new AppError(e.code, `${path}: ${e.message}`, { status: e.status, details: e.details, cause: e });
  }
}

export function loadStoreRules(configDir: string = join(repoRoot(), 'config')): StoreRules {
  return {
    playbook: compiled(join(configDir, 'playbook.jsonc'), compilePlaybook),
    compliance: compiled(join(configDir, 'compliance.jsonc'), compileCompliance),
  };
}
