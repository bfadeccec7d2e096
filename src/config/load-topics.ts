// Loads config/topics.jsonc and compiles it for the pure topic detector.
import { join } from 'node:path';
import { compileTopicDictionary, type CompiledTopicDictionary } from '../domain/topics/topic-dictionary.js';
import { readJsoncFile } from './jsonc.js';
import { repoRoot } from './repo-root.js';

export function loadTopicDictionary(path: string = join(repoRoot(), 'config', 'topics.jsonc')): CompiledTopicDictionary {
  return compileTopicDictionary(readJsoncFile(path));
}
