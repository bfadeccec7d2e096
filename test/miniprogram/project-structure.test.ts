// Static checks on the mini-program project that DevTools would otherwise only catch at runtime:
// every page has its four files, wxml handlers exist in the page script, and no runtime import
// leaves miniprogramRoot (DevTools strips types with Babel; a value import of src/ would become a
// require() the uploaded package cannot resolve).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../miniprogram');
const readJson = (p: string): unknown => JSON.parse(readFileSync(join(ROOT, p), 'utf8'));

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'typings' ? [] : tsFiles(p);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [p] : [];
  });
}

describe('mini-program project', () => {
  const app = readJson('app.json') as { pages: string[]; window: { navigationBarTitleText: string } };

  it('declares the five pages and the 门店助手 title', () => {
    expect(app.pages).toEqual([
      'pages/home/home',
      'pages/visit/visit',
      'pages/result/result',
      'pages/my-visits/my-visits',
      'pages/leaderboard/leaderboard',
    ]);
    expect(app.window.navigationBarTitleText).toBe('门店助手');
  });

  it('compiles TypeScript with the DevTools plugin from a tourist appid', () => {
    const project = readJson('project.config.json') as {
      appid: string;
      miniprogramRoot: string;
      compileType: string;
      setting: { useCompilerPlugins: string[] };
    };
    expect(project).toMatchObject({ appid: 'touristappid', miniprogramRoot: './', compileType: 'miniprogram' });
    expect(project.setting.useCompilerPlugins).toContain('typescript');
  });

  it.each(app.pages)('%s has ts/wxml/wxss/json and every bound handler', (page) => {
    for (const ext of ['ts', 'wxml', 'wxss', 'json']) expect(statSync(join(ROOT, `${page}.${ext}`)).isFile()).toBe(true);
    readJson(`${page}.json`);
    const wxml = readFileSync(join(ROOT, `${page}.wxml`), 'utf8');
    const script = readFileSync(join(ROOT, `${page}.ts`), 'utf8');
    const handlers = [...wxml.matchAll(/\b(?:bind|catch)[a-z]+="([A-Za-z]+)"/g)].map((m) => m[1] ?? '');
    for (const h of handlers) expect(script, `${page}.ts lacks ${h}`).toMatch(new RegExp(`\\n  ${h}\\(`));
  });

  it('imports at runtime only files inside miniprogramRoot', () => {
    const offenders: string[] = [];
    for (const file of tsFiles(ROOT)) {
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)';/gms)) {
        const [, , typeOnly, spec = ''] = m;
        const target = resolve(dirname(file), spec);
        const outside = !spec.startsWith('.') || relative(ROOT, target).startsWith('..');
        if (outside && !typeOnly) offenders.push(`${relative(ROOT, file)}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
