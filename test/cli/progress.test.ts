import test from 'ava';
import { cli, cliWith } from '../helpers/cli.js';
import { formatDuration } from '../../cli/progress.js';

/** A clock that moves 40 ms each time it is read: redraws come every few reads. */
function movingClock(): () => number {
  let t = 0;
  return () => (t += 40);
}

test('a progress line is drawn through Io.progress, never on stdout, and wiped before the output', async (t) => {
  const args = ['explore', '--scenario', 'close-vs-rmdir', '--runs', '120'];
  const drawn: string[] = [];
  const r = await cliWith({ now: movingClock(), progress: (l) => drawn.push(l) }, ...args);
  t.true(drawn.length > 3);
  t.regex(drawn[0]!, /^cgsim explore: \d+ of 120 runs, \d+ distinct bug\(s\), \d+\/s, ~\d+ s left$/);
  t.is(drawn.at(-1), '', 'the line is wiped at the end');
  t.false(r.out.some((l) => l.includes('distinct bug(s),') || l.includes('/s')), 'no progress text on stdout');
  t.deepEqual(r.out, (await cli(...args)).out, 'the output is what it is without progress');
});

test('verify says the time left is at most, fuzz counts cases', async (t) => {
  const drawn: string[] = [];
  await cliWith({ now: movingClock(), progress: (l) => drawn.push(l) }, 'verify', '--scenario', 'close-vs-rmdir', '--max-executions', '100');
  t.regex(drawn[0]!, /^cgsim verify: \d+ of <=100 executions, \d+ distinct bug\(s\), \d+\/s, <=\d+ s left$/);
  const fuzzed: string[] = [];
  await cliWith({ now: movingClock(), progress: (l) => fuzzed.push(l) }, 'fuzz', '--variant', 'v6.10', '--runs', '30');
  t.regex(fuzzed[0]!, /^cgsim fuzz: \d+ of 30 cases, 0 distinct bug\(s\), \d+\/s, ~\d+ s left$/);
});

test('redraws come no more often than every 150 ms of the clock', async (t) => {
  let now = 0;
  const at: number[] = [];
  await cliWith({ now: () => (now += 7), progress: () => at.push(now) }, 'explore', '--scenario', 'close-vs-rmdir', '--runs', '100');
  t.true(at.length > 2);
  for (let i = 1; i < at.length - 1; i++) t.true(at[i]! - at[i - 1]! >= 150);
});

test('without Io.progress nothing is drawn (a pipe, the tests)', async (t) => {
  const r = await cli('explore', '--scenario', 'close-vs-rmdir', '--runs', '30');
  t.false([...r.out, ...r.err].some((l) => l.includes('\r') || l.includes('distinct bug(s),')));
});

test('durations read at a glance', (t) => {
  t.is(formatDuration(42.4), '42 s');
  t.is(formatDuration(185), '3 min 5 s');
  t.is(formatDuration(7800), '2 h 10 min');
});
