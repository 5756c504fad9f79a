import test from 'ava';
import { cli } from '../helpers/cli.js';

test('list prints every variant and scenario on one line each', async (t) => {
  const r = await cli('list');
  t.is(r.code, 0);
  t.true(r.out.some((l) => /^variant\s+v4\s/.test(l)));
  t.true(r.out.some((l) => /^scenario\s+close-vs-rmdir\s/.test(l)));
  t.true(r.out.some((l) => /^scenario\s+bad-write:no-args\s/.test(l)));
});

test('explore exits 1 with each bug, its hits and a replay command', async (t) => {
  const r = await cli('explore', '--variant', 'v4', '--scenario', 'bad-write:no-args', '--runs', '5');
  t.is(r.code, 1);
  const text = r.out.join('\n');
  t.regex(text, /BUG: KMSAN: uninit-value in res_counter_memparse_write_strategy/);
  t.regex(text, /replay: cgsim replay --variant v4 --scenario bad-write:no-args --schedule s1:/);
});

test('explore exits 0 on a clean scenario', async (t) => {
  t.is((await cli('explore', '--scenario', 'bad-write:empty', '--runs', '3')).code, 0);
});

test('explore --json prints one object with the documented fields', async (t) => {
  const r = await cli('explore', '--scenario', 'register-vs-close', '--runs', '40', '--json');
  const j = JSON.parse(r.out.join('\n')) as { variant: string; scenarios: string[]; runs: number; seed: string; bugs: Record<string, unknown>[] };
  t.is(j.variant, 'v4');
  t.deepEqual(j.scenarios, ['register-vs-close']);
  t.is(j.runs, 40);
  t.is(j.seed, '1');
  t.true(j.bugs.length > 0);
  for (const b of j.bugs) for (const key of ['kind', 'object', 'site', 'scenario', 'hits', 'schedule', 'replay']) t.true(key in b, key);
});

test('replay of an explored witness prints the trace in columns and the report, and exits 1', async (t) => {
  const j = JSON.parse((await cli('explore', '--scenario', 'bad-write:bad-cfd', '--runs', '2', '--json')).out.join('\n')) as { bugs: { schedule: string }[] };
  const r = await cli('replay', '--variant', 'v4', '--scenario', 'bad-write:bad-cfd', '--schedule', j.bugs[0]!.schedule);
  t.is(r.code, 1);
  const text = r.out.join('\n');
  t.regex(text, /step\s+write/);
  t.regex(text, /BUG: unable to handle kernel NULL pointer dereference at 0000000000000030/);
  t.regex(text, /cgroup_write_event_control \(kernel\/cgroup\.c:2980\)/);
});

test('the same replay prints the same text every time', async (t) => {
  const args = ['replay', '--scenario', 'close-vs-rmdir', '--seed', '1', '--run', '5'];
  t.deepEqual((await cli(...args)).out, (await cli(...args)).out);
});

test('bad input gets one clear line and exit 2', async (t) => {
  const cases: [string[], RegExp][] = [
    [['explore', '--variant', 'v9'], /unknown variant 'v9' \(known: v4, v2.6.34, v3.8, v3.11, v3.12, v6.10, or a module file: .\/my-patch.ts\)/],
    [['explore', '--scenario', 'nope'], /unknown scenario 'nope'/],
    [['explore', '--runs', 'many'], /--runs must be an integer/],
    [['explore', '--frobnicate'], /unknown option --frobnicate/],
    [['replay', '--scenario', 'close-vs-rmdir', '--schedule', 's1:a3#'], /malformed schedule: unexpected '#'/],
    [['replay', '--scenario', 'close-vs-rmdir', '--schedule', 'x9:a3'], /expected 's1:'|unsupported schedule version/],
    [['replay', '--scenario', 'close-vs-rmdir', '--schedule', 's1:b5'], /schedule does not fit: step 1 runs close, but close has not started/],
    [['replay', '--scenario', 'close-vs-rmdir', '--schedule', 's1:z'], /schedule does not fit: step 1 runs actor #25/],
    [['replay', '--scenario', 'bad-write', '--schedule', 's1:a'], /names \d+ scenarios; replay needs one/],
    [['replay', '--scenario', 'close-vs-rmdir'], /replay needs --schedule/],
    [['frob'], /unknown command 'frob'/],
  ];
  for (const [argv, message] of cases) {
    const r = await cli(...argv);
    t.is(r.code, 2, argv.join(' '));
    t.regex(r.err[0] ?? '', message, argv.join(' '));
    t.deepEqual(r.out, [], argv.join(' '));
  }
});

test("a report's call trace is the chain of modelled kernel functions, innermost first", async (t) => {
  const j = JSON.parse((await cli('explore', '--scenario', 'bad-write:other-hierarchy', '--runs', '1', '--json')).out.join('\n')) as { bugs: { schedule: string }[] };
  const text = (await cli('replay', '--scenario', 'bad-write:other-hierarchy', '--schedule', j.bugs[0]!.schedule)).out.join('\n');
  t.regex(text, /Call Trace:\n mem_cgroup_register_event \(mm\/memcontrol\.c\)\n register_event\n cgroup_write_event_control \(kernel\/cgroup\.c:2958\)\n cgroup_write_string \(kernel\/cgroup\.c\)\n cgroup_file_write \(kernel\/cgroup\.c\)\n sys_write \(fs\/read_write\.c\)\n/);
});

test('a variant module that does not load is one line naming the file, exit 2', async (t) => {
  const r = await cli('explore', '--variant', './no-such-patch.ts');
  t.is(r.code, 2);
  t.regex(r.err[0] ?? '', /^cgsim: cannot load variant '\.\/no-such-patch\.ts': no such file/);
  t.is(r.err.length, 1);
});
