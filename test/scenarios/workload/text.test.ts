import test from 'ava';
import fc from 'fast-check';
import { workloadArbitrary } from '../../../property/arbitraries.js';
import { formatWorkload, parseWorkload } from '../../../scenarios/workload/text.js';
import { WorkloadError } from '../../../scenarios/workload/validate.js';

test('the text of any generated workload parses back to the same workload, on one line or many', (t) => {
  fc.assert(
    fc.property(workloadArbitrary(), (w) => {
      t.deepEqual(parseWorkload(formatWorkload(w)), w);
      t.deepEqual(parseWorkload(formatWorkload(w, false)), w);
      t.false(formatWorkload(w).includes("'"), 'single-quotable in a shell');
    }),
    { seed: 3, numRuns: 300 },
  );
});

test('task options, irq and sched paths', (t) => {
  const w = parseWorkload('cgroups /A sched:/C\nsetup: e = eventfd; a = aio e\ntask t1 uid=1000 cgroup=sched:/C: write 3 "x|y;z"; charge -4096\nirq aio on t1: complete a\nfault file 2');
  t.deepEqual(w.cgroups, ['/A', 'sched:/C']);
  t.is(w.tasks[0]!.cgroup, 'sched:/C');
  t.is(w.tasks[0]!.uid, 1000);
  t.deepEqual(w.tasks[0]!.calls[0], { op: 'write', fd: 3, text: 'x|y;z' });
  t.is(w.tasks[1]!.interrupts, 't1');
  t.deepEqual(w.faults, [{ type: 'file', nth: 2 }]);
});

for (const [text, message] of [
  ['task x: bogus', /unknown call 'bogus'/],
  ['task x: write 3 "unterminated', /unterminated string/],
  ['task X: close 1', /task name/],
  ['task a: close 1 | task a: close 2', /two tasks have this name/],
  ['irq aio on nobody: complete a', /not a task of the workload/],
  ['setup: e = eventfd', /1 to 26 tasks/],
  ['task a: charge lots', /charge needs a number/],
  ['cgroups A | task a: close 1', /not a cgroup path/],
  ['frobnicate | task a: close 1', /expected a section/],
  ['task a: close 1 | fault file zero', /fault TYPE NTH/],
] as const) {
  test(`a malformed workload is refused with a clear error: ${text}`, (t) => {
    const e = t.throws(() => parseWorkload(text), { instanceOf: WorkloadError });
    t.regex(e!.message, message);
  });
}
