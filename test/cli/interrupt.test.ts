import test from 'ava';
import { scenarios } from '../../scenarios/index.js';
import type { StopSignal } from '../../cli/interrupt.js';
import { cli, cliWith } from '../helpers/cli.js';

/**
 * A signal that arrives after the run was asked `calls` times whether to stop. explore and verify ask once before
 * each scenario and once after each execution, so with one scenario the run stops after `calls` executions;
 * fuzz asks before each case, so it stops after `calls` cases.
 */
function signalAfter(calls: number, signal: StopSignal = 'SIGINT'): () => StopSignal | null {
  let asked = 0;
  return () => (++asked > calls ? signal : null);
}

test('an interrupted explore prints its bugs with replay commands, the summary, the interrupted line, and exits 1', async (t) => {
  const r = await cliWith({ stopSignal: signalAfter(30) }, 'explore', '--runs', '400');
  t.is(r.code, 1);
  const text = r.out.join('\n');
  t.regex(text, /distinct bug\(s\) found/);
  t.regex(text, /replay: cgsim replay --variant v4 --scenario register-vs-rmdir --schedule s1:/);
  t.regex(text, /^register-vs-rmdir +\d+ /m, 'the summary table');
  t.regex(r.out.at(-1)!, new RegExp(`^interrupted \\(SIGINT\\) after \\d+ runs: the results are incomplete; ${scenarios.length} scenario\\(s\\) not finished: register-vs-rmdir, close-vs-rmdir, `));
});

test('an interrupted run reports exactly the runs it completed: the same as a run of that many', async (t) => {
  const stopped = await cliWith({ stopSignal: signalAfter(25) }, 'explore', '--scenario', 'close-vs-rmdir', '--runs', '400');
  const short = await cli('explore', '--scenario', 'close-vs-rmdir', '--runs', '25');
  const bugs = (lines: string[]): string[] => lines.filter((l) => /^\[\d+\]|replay:|hit in/.test(l.trim()));
  t.deepEqual(bugs(stopped.out), bugs(short.out));
  t.regex(stopped.out.join('\n'), /^close-vs-rmdir +25 /m);
});

test('the replay commands an interrupted run prints reproduce its bugs', async (t) => {
  const r = await cliWith({ stopSignal: signalAfter(40) }, 'explore', '--scenario', 'close-vs-rmdir', '--runs', '1000');
  const replays = r.out.filter((l) => l.trim().startsWith('replay: ')).map((l) => l.trim().slice('replay: cgsim '.length).split(' '));
  const titles = r.out.filter((l) => /^\[\d+\] /.test(l)).map((l) => l.replace(/^\[\d+\] /, ''));
  t.true(replays.length > 0);
  for (const [i, argv] of replays.entries()) {
    const again = await cli(...argv);
    t.is(again.code, 1, argv.join(' '));
    const kind = titles[i]!.split(':')[0]!;
    t.regex(again.out.join('\n'), new RegExp(kind), argv.join(' '));
  }
});

test('an interrupted run that found nothing exits as the signal would: 130 for SIGINT, 143 for SIGTERM', async (t) => {
  const int = await cliWith({ stopSignal: signalAfter(3) }, 'explore', '--scenario', 'bad-write:empty', '--runs', '400');
  t.is(int.code, 130);
  t.regex(int.out.at(-1)!, /^interrupted \(SIGINT\) after 3 runs/);
  const term = await cliWith({ stopSignal: signalAfter(3, 'SIGTERM') }, 'verify', '--variant', 'v6.10', '--scenario', 'close-vs-rmdir', '--max-executions', '400');
  t.is(term.code, 143);
  t.regex(term.out.at(-1)!, /^interrupted \(SIGTERM\) after 3 executions/);
  const fuzz = await cliWith({ stopSignal: signalAfter(5, 'SIGTERM') }, 'fuzz', '--variant', 'v6.10', '--runs', '1000');
  t.is(fuzz.code, 143);
  t.regex(fuzz.out.join('\n'), /no bug in 5 generated case\(s\)/);
  t.regex(fuzz.out.at(-1)!, /^interrupted \(SIGTERM\) after 5 case\(s\): the results are incomplete$/);
});

test('an interrupted verify keeps its bugs and exits 1; --json says it was interrupted', async (t) => {
  const r = await cliWith({ stopSignal: signalAfter(50) }, 'verify', '--scenario', 'close-vs-rmdir', '--max-executions', '100000');
  t.is(r.code, 1);
  t.regex(r.out.join('\n'), /replay: cgsim replay --variant v4 --scenario close-vs-rmdir --schedule s1:/);
  t.regex(r.out.at(-1)!, /^interrupted \(SIGINT\) after 50 executions: the results are incomplete; 1 scenario\(s\) not finished: close-vs-rmdir$/);
  const j = await cliWith({ stopSignal: signalAfter(50) }, 'explore', '--scenario', 'close-vs-rmdir', '--runs', '1000', '--json');
  const doc = JSON.parse(j.out.join('\n')) as { interrupted: { signal: string; runs: number; unfinished: string[] }; bugs: unknown[] };
  t.deepEqual(doc.interrupted, { signal: 'SIGINT', runs: 50, unfinished: ['close-vs-rmdir'] });
  t.true(doc.bugs.length > 0);
  t.regex(j.err.join('\n'), /interrupted \(SIGINT\)/);
});

test('with --workers, an interrupt ends every running scenario after its execution and keeps what it found', async (t) => {
  // Let the pool work a little (its poll asks every 100 ms) before the signal.
  let asked = 0;
  const r = await cliWith({ stopSignal: () => (++asked > 8 ? 'SIGINT' : null) }, 'explore', '--workers', '2', '--runs', '3000');
  // The first scenario (register-vs-rmdir) finds bugs within its first runs: interrupted or not, they are reported.
  t.is(r.code, 1);
  t.regex(r.out.join('\n'), /replay: cgsim replay --variant v4 --scenario register-vs-rmdir --schedule s1:/);
  const last = r.out.at(-1)!;
  t.regex(last, /^interrupted \(SIGINT\) after \d+ runs: the results are incomplete; \d+ scenario\(s\) not finished: /);
  const unfinished = Number(/; (\d+) scenario/.exec(last)![1]);
  t.true(unfinished > 0 && unfinished <= scenarios.length);
});
