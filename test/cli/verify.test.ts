import test from 'ava';
import { cli } from '../helpers/cli.js';

test('verify of a clean scenario explores every trace, says what it proved, and exits 0', async (t) => {
  const r = await cli('verify', '--variant', 'v6.10', '--scenario', 'close-vs-rmdir');
  t.is(r.code, 0);
  const text = r.out.join('\n');
  t.regex(text, /close-vs-rmdir\s+(\d+)\s+\1\s+[\d.]+ s\s+proven clean/);
  t.regex(text, /Proven for 1 of 1 scenario\(s\): every ordering of their dependent steps was run/);
  t.regex(text, /no preemption bound; no execution reached the 20000-step bound/);
});

test('verify exits 1 with every bug found and a replay command that reproduces it', async (t) => {
  const r = await cli('verify', '--variant', 'v4', '--scenario', 'close-vs-rmdir', '--max-executions', '30');
  t.is(r.code, 1);
  const text = r.out.join('\n');
  t.regex(text, /BUG: KASAN: use-after-free in cgroup_event_remove/);
  const replays = text.match(/cgsim replay [^\n]+/g) ?? [];
  t.true(replays.length >= 1);
  const replayed = await cli(...replays[0]!.split(' ').slice(1));
  t.is(replayed.code, 1);
  t.regex(replayed.out.join('\n'), /BUG: KASAN/);
});

test('a search cut by --max-executions is not a proof: it says which bound was hit and exits 4', async (t) => {
  const r = await cli('verify', '--variant', 'v6.10', '--scenario', 'close-vs-rmdir', '--max-executions', '10');
  t.is(r.code, 4);
  const text = r.out.join('\n');
  t.regex(text, /close-vs-rmdir\s+10\s+\d+/);
  t.regex(text, /Not proven: close-vs-rmdir \(raise --max-executions/);
  t.notRegex(text, /Proven for/);
});

test('with a preemption bound, a clean result is stated as holding within that bound', async (t) => {
  const r = await cli('verify', '--variant', 'v6.10', '--scenario', 'register-vs-close', '--preemptions', '1');
  t.is(r.code, 0);
  const text = r.out.join('\n');
  t.regex(text, /clean within 1 preemption\(s\)/);
  t.regex(text, /that bounded DPOR reaches with at most 1 preemption\(s\) was run \(it can miss one/);
});

test('verify --json holds the bounds, each scenario and the bugs, and is the same on every run', async (t) => {
  const args = ['verify', '--variant', 'v4', '--scenario', 'register-vs-close', '--preemptions', '1', '--json'];
  const first = await cli(...args);
  const doc = JSON.parse(first.out.join('\n')) as {
    format: string;
    bounds: { preemptions: number | null; maxExecutions: number };
    results: { scenario: string; stats: { executions: number; traces: number; complete: boolean } }[];
    bugs: { kind: string; replay: string }[];
  };
  t.is(doc.format, 'cgsim-verify/1');
  t.deepEqual(doc.bounds.preemptions, 1);
  t.is(doc.results[0]!.scenario, 'register-vs-close');
  const stats = doc.results[0]!.stats;
  t.true(stats.complete);
  t.true(stats.traces > 0 && stats.traces <= stats.executions);
  t.true(doc.bugs.length > 0);
  t.deepEqual((await cli(...args)).out, first.out);
});

test('bad verify options get one clear line and exit 2', async (t) => {
  const cases: [string[], RegExp][] = [
    [['verify', '--scenario', 'nope'], /unknown scenario 'nope'/],
    [['verify', '--preemptions', '-1'], /--preemptions/],
    [['verify', '--max-executions', 'lots'], /--max-executions must be an integer/],
    [['verify', '--shard', '3/2'], /--shard must be i\/n/],
  ];
  for (const [argv, message] of cases) {
    const r = await cli(...argv);
    t.is(r.code, 2, argv.join(' '));
    t.regex(r.err.join('\n'), message, argv.join(' '));
  }
});
