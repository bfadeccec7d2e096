// Loads config/report-rules.jsonc and compiles it, with the topic dictionary and customer rules of the
// same config folder, for the pure battle-report extractor.
import { dirname, join } from 'node:path';
import { compileReportRules, type CompiledReportRules } from '../domain/reports/report-rules.js';
import { readJsoncFile } from './jsonc.js';
import { loadCustomerRules } from './load-customer-rules.js';
import { loadTopicDictionary } from './load-topics.js';
import { repoRoot } from './repo-root.js';

export function loadReportRules(path: string = join(repoRoot(), 'config', 'report-rules.jsonc')): CompiledReportRules {
  const dir = dirname(path);
  return compileReportRules(readJsoncFile(path), {
    topics: loadTopicDictionary(join(dir, 'topics.jsonc')),
    customers: loadCustomerRules(join(dir, 'customers.jsonc')),
  });
}
