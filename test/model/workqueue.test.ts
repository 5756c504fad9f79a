import test from 'ava';
import type { Kernel } from '../../model/kernel.js';
import { at } from '../../model/site.js';
import { GFP_KERNEL, kzalloc } from '../../model/slab.js';
import { INIT_WORK, schedule_work, work_struct } from '../../model/workqueue.js';
import { runKernel } from '../helpers/kernelHarness.js';

const L = at('test', 'workqueue.test');

function* newWork(k: Kernel, func: (k: Kernel, w: work_struct) => Generator<void, void, void>) {
  const w = yield* kzalloc(k, 'work_holder', 64, GFP_KERNEL, L, (mem) => new work_struct(mem, mem.name));
  INIT_WORK(w!, func);
  return w!;
}

test('schedule_work on pending work returns false and queues nothing more', (t) => {
  const results: boolean[] = [];
  let runs = 0;
  runKernel({
    kworkers: 1,
    actors: [
      {
        name: 'queuer',
        body: function* (k) {
          const w = yield* newWork(k, function* () {
            runs++;
          });
          results.push(yield* schedule_work(k, w, L));
          results.push(yield* schedule_work(k, w, L));
        },
      },
    ],
  });
  t.deepEqual(results, [true, false]);
  t.is(runs, 1);
});

test('PENDING is clear while the work function runs, so it may queue itself again', (t) => {
  const seen: boolean[] = [];
  let runs = 0;
  runKernel({
    kworkers: 1,
    actors: [
      {
        name: 'queuer',
        body: function* (k) {
          const w = yield* newWork(k, function* (k2, work) {
            seen.push(work.pending);
            runs++;
            if (runs === 1) yield* schedule_work(k2, work, L);
          });
          yield* schedule_work(k, w, L);
        },
      },
    ],
  });
  t.deepEqual(seen, [false, false]);
  t.is(runs, 2);
});

test('work runs on a kworker, in process context with nothing held', (t) => {
  const contexts: string[] = [];
  runKernel({
    kworkers: 1,
    actors: [
      {
        name: 'queuer',
        body: function* (k) {
          const w = yield* newWork(k, function* (k2) {
            const cpu = k2.cpu;
            contexts.push(`${cpu.name} ${cpu.kind} atomic=${cpu.atomic()} held=${cpu.held.length}`);
          });
          yield* schedule_work(k, w, L);
        },
      },
    ],
  });
  t.deepEqual(contexts, ['kworker/0 process atomic=false held=0']);
});
