// Loads config/customers.jsonc (suffixes, visit cues, noise words) and compiles it for the pure recogniser.
import { join } from 'node:path';
import { compileCustomerRules, type CompiledCustomerRules } from '../domain/customers/recognize-customer.js';
import { readJsoncFile } from './jsonc.js';
import { findRepoRoot } from './load-topics.js';

export function loadCustomerRules(path: string = join(findRepoRoot(), 'config', 'customers.jsonc')): CompiledCustomerRules {
  return compileCustomerRules(readJsoncFile(path));
}
