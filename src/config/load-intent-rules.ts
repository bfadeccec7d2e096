// Loads config/intents.jsonc (small talk, questions about the bot, correction cues) for the intent classifier.
import { join } from 'node:path';
import { compileIntentRules, type CompiledIntentRules } from '../domain/intents/classify-intent.js';
import { readJsoncFile } from './jsonc.js';
import { repoRoot } from './repo-root.js';

export function loadIntentRules(path: string = join(repoRoot(), 'config', 'intents.jsonc')): CompiledIntentRules {
  return compileIntentRules(readJsoncFile(path));
}
