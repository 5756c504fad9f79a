import test from 'ava';
import fc from 'fast-check';
import { search, type Op, type ToyProgram } from '../../helpers/sharedMemory.js';

const r = (x: number): Op => ({ r: x });
const w = (x: number, v = 1): Op => ({ w: x, v });
const inc = (x: number): Op => ({ inc: x });
const lock = (l: number): Op => ({ lock: l });
const unlock = (l: number): Op => ({ unlock: l });

/** DPOR and naive enumeration agree on the traces and on what the program can compute. */
function agree(t: import('ava').ExecutionContext, program: ToyProgram): { naive: number; dpor: number; traces: number } {
  const naive = search(program, { mode: 'naive' });
  const dpor = search(program, { mode: 'dpor' });
  t.true(naive.stats.complete && dpor.stats.complete);
  t.deepEqual([...dpor.traces].sort(), [...naive.traces].sort());
  t.deepEqual([...dpor.results].sort(), [...naive.results].sort());
  return { naive: naive.stats.executions, dpor: dpor.stats.executions, traces: dpor.stats.traces };
}

test('independent steps: one trace, one execution', (t) => {
  const c = agree(t, [[w(0), w(0)], [w(1), r(1)]]);
  t.is(c.traces, 1);
  t.is(c.dpor, 1);
  // Three steps each (the first runs up to the first operation): C(6, 3) interleavings.
  t.is(c.naive, 20);
});

test('two writes of one variable: two traces, two executions', (t) => {
  const c = agree(t, [[w(0, 1)], [w(0, 2)]]);
  t.deepEqual([c.traces, c.dpor], [2, 2]);
});

test('one writer and n readers: 2^n traces, explored once each', (t) => {
  for (const n of [1, 2, 3, 4]) {
    const program: ToyProgram = [[w(0)], ...Array.from({ length: n }, () => [r(0)])];
    const c = agree(t, program);
    t.is(c.traces, 2 ** n, `n=${n}`);
    t.is(c.dpor, 2 ** n, `n=${n}`);
  }
});

test('critical sections under one lock: one trace per order of the sections', (t) => {
  const c = agree(t, [
    [lock(0), inc(0), unlock(0)],
    [lock(0), inc(0), unlock(0)],
    [lock(0), r(0), unlock(0)],
  ]);
  t.is(c.traces, 6);
});

test('an acquire that also touches data races with the other acquire, not just with the critical section', (t) => {
  // t0's section writes x0; t1 takes the lock and reads x0 in one step: t1 may come first.
  const c = agree(t, [
    [lock(0), w(0, 1), unlock(0)],
    [{ lock: 0, with: r(0) }, unlock(0)],
  ]);
  t.is(c.traces, 2);
});

test('a lock-order inversion: the deadlocking traces are explored too', (t) => {
  const program: ToyProgram = [
    [lock(0), lock(1), unlock(1), unlock(0)],
    [lock(1), lock(0), unlock(0), unlock(1)],
  ];
  const dpor = search(program, { mode: 'dpor' });
  t.true(dpor.results.has('deadlock'));
  agree(t, program);
});

const opArb = (vars: number): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.nat(vars - 1).map(r),
    fc.tuple(fc.nat(vars - 1), fc.integer({ min: 1, max: 3 })).map(([x, v]) => w(x, v)),
    fc.nat(vars - 1).map(inc),
  );

/**
 * A program of 2-3 actors of 1-3 operations on 1-3 variables, some wrapped in one of two locks, small enough
 * for naive enumeration (at most 10 steps in all).
 */
const programArb: fc.Arbitrary<ToyProgram> = fc
  .integer({ min: 1, max: 3 })
  .chain((vars) =>
    fc.array(
      fc
        .tuple(fc.array(opArb(vars), { minLength: 1, maxLength: 3 }), fc.constantFrom(-1, 0, 1), fc.boolean())
        // Locked sections, sometimes with their first operation in the acquiring step itself.
        .map(([ops, l, fused]) => (l < 0 ? ops : fused ? [{ lock: l, with: ops[0]! }, ...ops.slice(1), unlock(l)] : [lock(l), ...ops, unlock(l)])),
      { minLength: 2, maxLength: 3 },
    ),
  )
  .filter((p) => p.reduce((n, ops) => n + ops.length + 1, 0) <= 10);

test('on random programs, DPOR finds exactly the traces and results of naive enumeration, at most 1.2 executions per trace', (t) => {
  let executions = 0;
  let traces = 0;
  fc.assert(
    fc.property(programArb, (program) => {
      const naive = search(program, { mode: 'naive' });
      const dpor = search(program, { mode: 'dpor' });
      executions += dpor.stats.executions;
      traces += dpor.stats.traces;
      return (
        dpor.stats.complete &&
        [...dpor.traces].sort().join() === [...naive.traces].sort().join() &&
        [...dpor.results].sort().join() === [...naive.results].sort().join() &&
        dpor.stats.executions <= Math.max(1, Math.ceil(1.2 * dpor.stats.traces))
      );
    }),
    { numRuns: 150, seed: 42 },
  );
  t.true(executions <= 1.2 * traces, `${executions} executions for ${traces} traces`);
});

test('with a preemption bound, DPOR covers every trace that bounded naive enumeration reaches', (t) => {
  fc.assert(
    fc.property(programArb, fc.integer({ min: 0, max: 2 }), (program, k) => {
      const naive = search(program, { mode: 'naive', preemptions: k });
      const dpor = search(program, { mode: 'dpor', preemptions: k });
      return [...naive.results].every((r) => dpor.results.has(r)) && [...naive.traces].every((h) => dpor.traces.has(h));
    }),
    { numRuns: 150, seed: 7 },
  );
  t.pass();
});
