// Loads config/customers.jsonc (suffixes, visit cues, noise words) and compiles it for the pure recogniser.
import { join } from 'node:path';
import { compileCustomerRules, type CompiledCustomerRules } from '../domain/customers/recognize-customer.js';
import { readJsoncFile } from './jsonc.js';
import { repoRoot } from './repo-root.js';

export function loadCustomerRules(path: string = join(repoRoot(), 'config', 'customers.jsonc')): CompiledCustomerRules {
  return compileCustomerRules(readJsoncFile(path));
}
