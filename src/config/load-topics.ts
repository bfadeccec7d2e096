// Loads config/topics.jsonc and compiles it; also owns locating the repository root for config files.
// The root is found by walking up to package.json because this runs from src/ (tsx) and dist/src/ (tsc).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileTopicDictionary, type CompiledTopicDictionary } from '../domain/topics/topic-dictionary.js';
import { readJsoncFile } from './jsonc.js';

/** The nearest directory at or above `fromUrl` that holds a package.json. */
export function findRepoRoot(fromUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(fromUrl)}`);
    dir = parent;
  }
}

export function loadTopicDictionary(path: string = join(findRepoRoot(), 'config', 'topics.jsonc')): CompiledTopicDictionary {
  return compileTopicDictionary(readJsoncFile(path));
}
