import test from 'ava';
import { readFileSync } from 'node:fs';
import { sourceLocation } from '../../report/sourceMap.js';
import { v4Bugs } from '../helpers/v4Witnesses.js';

test('every step of every v4 witness points at a line of the TypeScript model that declares or performs it', async (t) => {
  const seen = new Set<string>();
  for (const { doc } of await v4Bugs()) {
    for (const s of doc.trace) {
      if (s.where === null || seen.has(s.where)) continue;
      seen.add(s.where);
      const m = /^(model\/[\w/.-]+\.ts):(\d+)$/.exec(s.where);
      t.truthy(m, s.where);
      const line = readFileSync(m![1]!, 'utf8').split('\n')[Number(m![2]) - 1] ?? '';
      // The step is declared there (`k.op(...)`, then `yield`), or the line calls the helper that declares it.
      t.regex(line, /yield|k\.op\(|\bop\(/, `${s.where}: ${line.trim()}`);
    }
  }
  t.true(seen.size > 20, `${seen.size} lines`);
});

test('anything but a compiled file of the project is left as it is', (t) => {
  t.is(sourceLocation('model/list.ts:3'), 'model/list.ts:3');
  t.is(sourceLocation('dist/nowhere/absent.js:3'), 'dist/nowhere/absent.js:3');
});
