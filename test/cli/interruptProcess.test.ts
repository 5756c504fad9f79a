import test from 'ava';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

test('Ctrl-C on a real long explore: the findings so far, the interrupted line, exit 1', async (t) => {
  const child = spawn(process.execPath, ['bin/cgsim.js', 'explore', '--runs', '100000'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise((resolve) => setTimeout(resolve, 3000));
  t.is(out, '', 'nothing printed before the interrupt');
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  t.is(code, 1, err);
  t.regex(out, /distinct bug\(s\) found/);
  t.regex(out, /replay: node bin\/cgsim\.js replay --variant v4 --scenario \S+ --schedule s1:/);
  t.regex(out, /\ninterrupted \(SIGINT\) after \d+ runs: the results are incomplete; /);
  t.notRegex(err, /\r/, 'no progress line on a pipe');
});
