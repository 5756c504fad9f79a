import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBin } from '../helpers/bin.js';

const dir = mkdtempSync(join(tmpdir(), 'cgsim-ctrl-c-'));
// v4 itself, saying once when its first execution has reached a wake: the interrupt then comes mid-search,
// however slow the machine is (a fixed wait is not enough when the machine is busy).
writeFileSync(
  join(dir, 'v4-says-when.js'),
  [
    "import { v4 } from 'cgsim';",
    'let said = false;',
    'function* cgroup_event_wake(...args) {',
    "  if (!said) process.stderr.write('running\\n');",
    '  said = true;',
    '  return yield* v4.cgroup_event_wake(...args);',
    '}',
    "export default { ...v4, name: 'v4', cgroup_event_wake };",
    '',
  ].join('\n'),
);

test('Ctrl-C on a real long explore: the findings so far, the interrupted line, exit 1', async (t) => {
  const r = await runBin(dir, ['explore', '--variant', './v4-says-when.js', '--runs', '100000'], { name: 'SIGINT', whenErr: /running\n/ });
  t.is(r.code, 1, r.err);
  t.regex(r.out, /distinct bug\(s\) found/);
  t.regex(r.out, /replay: node \S*bin\/cgsim\.js replay --variant \.\/v4-says-when\.js --scenario \S+ --schedule s1:/);
  t.regex(r.out, /\ninterrupted \(SIGINT\) after \d+ runs: the results are incomplete; /);
  t.notRegex(r.err, /\r/, 'no progress line on a pipe');
});
