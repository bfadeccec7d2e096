// Loads config/commitments.jsonc (what closes a commitment) and compiles it for the pure matcher; a bad
// entry stops start-up naming the file and the field.
import { compileCommitmentRules, type CommitmentRules } from '../domain/commitments/commitment-rules.js';
import { AppError, isAppError } from '../shared/errors.js';
import { readJsoncFile } from './jsonc.js';

export function loadCommitmentRules(path: string): CommitmentRules {
  try {
    return compileCommitmentRules(readJsoncFile(path));
  } catch (e) {
    if (!isAppError(e)) throw e;
    throw new AppError('commitment_rules_invalid', `${path}: ${e.message.replace(/^report rules: /, '')}`, { status: e.status, cause: e });
  }
}
