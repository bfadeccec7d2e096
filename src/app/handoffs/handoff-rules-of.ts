// config/handoffs.jsonc, loaded once per configuration (the admin API loads it when it is mounted, so a bad
// file stops start-up) and bound to the report date rules for the hand-off flow.
import { join } from 'node:path';
import type { AppConfig } from '../../config/app-config.js';
import { loadHandoffRules } from '../../config/load-handoff-rules.js';
import type { HandoffRules } from '../../domain/handoffs/handoff-rules.js';
import type { AppDeps } from '../app-deps.js';

// Keyed by the frozen config object, not a module singleton: each server (and test server) has its own.
const loaded = new WeakMap<AppConfig, HandoffRules>();

export function handoffRulesOf(deps: Pick<AppDeps, 'config'>): HandoffRules {
  let rules = loaded.get(deps.config);
  if (!rules) {
    rules = loadHandoffRules(join(deps.config.paths.configDir, 'handoffs.jsonc'));
    loaded.set(deps.config, rules);
  }
  return rules;
}
