// Loads config/industries.jsonc (organisation kind → industry) once at start-up; a bad entry stops
// start-up naming the file and the field.
import { compileIndustryRules, type IndustryRules } from '../domain/industries/industry-of.js';
import { AppError, isAppError } from '../shared/errors.js';
import { readJsoncFile } from './jsonc.js';

export function loadIndustries(path: string): IndustryRules {
  const raw = readJsoncFile(path);
  try {
    return compileIndustryRules(raw);
  } catch (e) {
    if (!isAppError(e)) throw e;
    throw new AppError(e.code, `${path}: ${e.message}`, { status: e.status, details: e.details, cause: e });
  }
}
