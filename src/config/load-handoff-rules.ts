// Loads config/handoffs.jsonc (commitment kinds, handler roles, required fields) and compiles it; a bad
// entry stops start-up naming the file and the field.
import { compileHandoffRules, type HandoffRules } from '../domain/handoffs/handoff-rules.js';
import { AppError, isAppError } from '../shared/errors.js';
import { readJsoncFile } from './jsonc.js';

export function loadHandoffRules(path: string): HandoffRules {
  try {
    return compileHandoffRules(readJsoncFile(path));
  } catch (e) {
    if (!isAppError(e)) throw e;
    throw new AppError('handoff_rules_invalid', `${path}: ${e.message}`, { status: e.status, cause: e });
  }
}
