import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every fact of a kernel version lives under model/variants/: the rest of cgsim (the engine, the generic model,
 * the checkers, the harness, the command line) reads as one kernel and never names a version, so a new version is
 * a folder and no checker can know which version it looks at.
 */
const VERSION = /\b(v[2-6](?:_\d+)*|v2\.6\.\d+|2\.6\.[0-9x]+|[3-6]\.(?:\d+|x))\b/;
const ROOTS = ['model', 'checkers', 'sim', 'harness', 'scenarios', 'report', 'cli', 'property', 'scripts', 'index.ts', 'bin'];

function sources(path: string): string[] {
  if (path === join('model', 'variants')) return [];
  if (statSync(path).isFile()) return /\.(ts|js)$/.test(path) ? [path] : [];
  return readdirSync(path).flatMap((name) => sources(join(path, name)));
}

test('no source outside model/variants/ names a kernel version, in code or in comments', (t) => {
  const hits: string[] = [];
  for (const file of ROOTS.flatMap(sources)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const m = VERSION.exec(line);
        if (m !== null) hits.push(`${file}:${i + 1}: ${m[0]}`);
      });
  }
  t.deepEqual(hits, []);
});

test('no checker imports anything of the versions', (t) => {
  for (const file of sources('checkers')) t.notRegex(readFileSync(file, 'utf8'), /model\/variants/, file);
});
