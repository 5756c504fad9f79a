import test from 'ava';
import { variantNamed } from '../../../harness/resolve.js';
import { runWorkload, switchStrategy } from '../../../property/runCase.js';
import { parseWorkload } from '../../../scenarios/workload/text.js';

const v610 = variantNamed('v6.10');
const v4 = variantNamed('v4');
const run = (variant: typeof v4, text: string) => runWorkload(variant, parseWorkload(text), switchStrategy([]));
const OPEN = 'cgroups /A | setup: e0 = eventfd; cA = open /A/memory.usage_in_bytes; wA = open-w /A/cgroup.event_control';

// Workloads that are invalid by construction are valid inputs: the kernel answers them, the run completes.
for (const text of [
  `${OPEN} | task write: write wA "$never $cA 4096"`,
  `${OPEN} | task write: write never "$e0 $cA 4096"`,
  `${OPEN} | task close: close never; close 99; close -1`,
  'task t: rmdir /nowhere; attach /nowhere; mkdir /nowhere/deeper; x = open /nowhere/memory.usage_in_bytes',
  `${OPEN} | task t: complete nothing; a = aio cA; complete a; complete a`,
  `${OPEN} | task t: mkdir /A; rmdir /A; rmdir /A; charge -99999`,
]) {
  test(`an invalid-by-construction workload completes cleanly on v6.10: ${text.slice(-60)}`, (t) => {
    const r = run(v610, text);
    t.is(r.outcome.ending, 'complete');
    t.deepEqual(r.outcome.findings.map((f) => f.kind), []);
  });
}

test('a write naming an eventfd number that was never opened is the NULL fput of v4 (a bug of the code, not a crash)', (t) => {
  // An unbound handle reads as -1, which the parser refuses (EINVAL); fd 99 gets as far as the lookup.
  t.deepEqual(run(v4, `${OPEN} | task write: write wA "$never $cA 4096"`).outcome.findings, []);
  const r = run(v4, `${OPEN} | task write: write wA "99 $cA 4096"`);
  t.is(r.bug?.kind, 'null-deref');
});

test('an aio request left pending is completed at exit, as exit_aio does: no leak', (t) => {
  const r = run(v610, `${OPEN} | task t: a = aio e0`);
  t.is(r.outcome.ending, 'complete');
  t.deepEqual(r.outcome.findings, []);
});
