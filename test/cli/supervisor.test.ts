import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { root, runBin } from '../helpers/bin.js';

const dir = mkdtempSync(join(tmpdir(), 'cgsim-hang-'));

// A wake function that never yields, and a module whose top level never ends: what only the main thread can stop.
writeFileSync(
  join(dir, 'spin.ts'),
  [
    "import { v3_11 } from 'cgsim';",
    "import type { Kernel, KGen, Variant, wait_queue_t } from 'cgsim';",
    '',
    'function* cgroup_event_wake(_k: Kernel, _w: wait_queue_t, _m: number, _s: number, _key: number): KGen<number> {',
    '  let spins = 0;',
    '  for (;;) spins++;',
    '}',
    "export default { ...v3_11, name: 'spins', cgroup_event_wake } satisfies Variant;",
    '',
  ].join('\n'),
);
// The same, saying when it starts to spin, so that a signal is sent while it spins however slow the machine is.
writeFileSync(
  join(dir, 'spin-loud.js'),
  [
    "import { v3_11 } from 'cgsim';",
    'function* cgroup_event_wake() {',
    "  process.stderr.write('spinning\\n');",
    '  for (;;);',
    '}',
    "export default { ...v3_11, name: 'spins', cgroup_event_wake };",
    '',
  ].join('\n'),
);
writeFileSync(join(dir, 'spin-at-import.js'), "import { v4 } from 'cgsim';\nlet n = 0;\nwhile (n >= 0) n = (n + 1) % 7;\nexport default { ...v4, name: 'never-loads' };\n");

const HANG = /^cgsim: variant '\.\/spin\.ts' did not return to the scheduler in 1 s: actor 'close' at step \d+ of close-vs-rmdir, in cgroup_event_wake \(\.\/spin\.ts:6\); ended \(--watchdog SECONDS allows longer\)$/;

test('a step that never comes back: one line with the actor, the step and the function, the replay, exit 2', async (t) => {
  const r = await runBin(dir, ['explore', '--variant', './spin.ts', '--scenario', 'close-vs-rmdir', '--watchdog', '1']);
  t.is(r.code, 2, r.err);
  const lines = r.err.trim().split('\n');
  t.is(lines.length, 2, r.err);
  t.regex(lines[0]!, HANG);
  t.regex(lines[1]!, /^cgsim: replay: node \S*bin\/cgsim\.js replay --variant \.\/spin\.ts --scenario close-vs-rmdir --schedule s1:\w+$/);
  // The printed replay runs the same execution into the same hang.
  const replay = lines[1]!.replace(/^cgsim: replay: node \S+ replay /, '').split(' ');
  const again = await runBin(dir, ['replay', ...replay, '--watchdog', '1']);
  t.is(again.code, 2, again.err);
  t.is(again.err.trim().split('\n')[0], lines[0]);
});

test('SIGTERM and SIGINT end a run whose model never comes back, a second after the signal', async (t) => {
  for (const name of ['SIGTERM', 'SIGINT'] as const) {
    const r = await runBin(dir, ['explore', '--variant', './spin-loud.js', '--scenario', 'close-vs-rmdir', '--watchdog', '600'], { name, whenErr: /spinning\n/ });
    t.is(r.code, name === 'SIGTERM' ? 143 : 130, r.err);
    // One second of grace, polled every 0.2 s; the rest is a busy machine's slack.
    t.true(r.sinceSignalMs! < 4000, `ended ${Math.round(r.sinceSignalMs!)} ms after the signal`);
    t.regex(r.err, new RegExp(`cgsim: interrupted \\(${name}\\): the run was ended 1 s after it was asked to stop, before it could report`));
  }
});

test('a module whose top-level code never ends is named, exit 2', async (t) => {
  const r = await runBin(dir, ['explore', '--variant', './spin-at-import.js', '--scenario', 'close-vs-rmdir', '--watchdog', '1']);
  t.is(r.code, 2, r.err);
  t.regex(r.err, /^cgsim: variant '\.\/spin-at-import\.js' did not finish loading in 1 s: its top-level code, in <module> \(\.\/spin-at-import\.js:3\), never returned/);
});

test('a hang in a --workers thread is caught as well', async (t) => {
  const r = await runBin(dir, ['explore', '--variant', './spin.ts', '--scenario', 'close-vs-rmdir', '--workers', '2', '--watchdog', '1']);
  t.is(r.code, 2, r.err);
  t.regex(r.err, /^cgsim: variant '\.\/spin\.ts' did not return to the scheduler in 1 s: actor '\w+' at step \d+ of [\w-]+, in /);
});

test('--watchdog needs a number of seconds', async (t) => {
  const r = await runBin(dir, ['list', '--watchdog', 'soon']);
  t.is(r.code, 2);
  t.is(r.err, "cgsim: --watchdog must be a number of seconds > 0 (at most 86400), got 'soon'\n");
});

test('through the worker, output and status are the command\'s own', async (t) => {
  const r = await runBin(dir, ['list']);
  t.is(r.code, 0, r.err);
  t.regex(r.out, /^variant +v4 /m);
  t.is(r.err, '');
});

// A module hook holds the supervisor's module back and says when it is asked for: the signal then comes in the
// window between the bin's first line and the supervisor's handlers, on every machine, however loaded.
writeFileSync(
  join(dir, 'hold.mjs'),
  [
    'export async function load(url, context, next) {',
    "  if (url.endsWith('/dist/cli/supervisor.js')) {",
    "    process.stderr.write('loading supervisor\\n');",
    '    await new Promise((r) => setTimeout(r, 1000));',
    '  }',
    '  return next(url, context);',
    '}',
    '',
  ].join('\n'),
);
writeFileSync(join(dir, 'slow-start.mjs'), "import { register } from 'node:module';\nregister(new URL('./hold.mjs', import.meta.url));\n");

test('a signal that comes while cgsim is still loading is answered, not lost to Node\'s default', async (t) => {
  const child = spawn(process.execPath, ['--import', join(dir, 'slow-start.mjs'), `${root}bin/cgsim.js`, 'explore', '--scenario', 'close-vs-rmdir', '--runs', '100000'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    if (err.includes('loading supervisor\n') && child.signalCode === null && !child.killed) child.kill('SIGTERM');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  t.is(code, 143, err);
  t.regex(out, /\ninterrupted \(SIGTERM\) after 0 runs: the results are incomplete/);
});
