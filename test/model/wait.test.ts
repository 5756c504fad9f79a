import test from 'ava';
import { allCheckers } from '../../checkers/index.js';
import type { Kernel, KGen } from '../../model/kernel.js';
import { lock_is_held } from '../../model/locking/spinlock.js';
import { KObject } from '../../model/memory.js';
import {
  __remove_wait_queue,
  add_wait_queue,
  init_poll_funcptr,
  init_waitqueue_func_entry,
  init_waitqueue_head,
  poll_table,
  poll_wait,
  POLLHUP,
  POLLIN,
  remove_wait_queue,
  wait_queue_head_t,
  wait_queue_t,
  waitqueue_active,
  wake_up_poll,
  type wait_queue_func_t,
} from '../../model/wait.js';
import { recorder, runOne, staticMem, T } from '../helpers/modelFixtures.js';

function queue(k: Kernel, cls: string): wait_queue_head_t {
  const q = new wait_queue_head_t(staticMem(k, 'wqh'), 'wqh', cls);
  init_waitqueue_head(q);
  return q;
}

function entry(k: Kernel, name: string, func: wait_queue_func_t): wait_queue_t {
  const w = new wait_queue_t(staticMem(k, name), name);
  init_waitqueue_func_entry(w, func);
  return w;
}

test('a wake function runs with the queue lock held and interrupts off', (t) => {
  const seen: string[] = [];
  const { kinds } = runOne(function* (k) {
    const q = queue(k, 'test_wait_ctx');
    const w = entry(k, 'w', function* (k2): KGen<number> {
      seen.push(`held=${k2.cpu.held.map((h) => h.lock.name).join(',')} is_held=${lock_is_held(k2, q.lock)} irqs_disabled=${k2.cpu.irqs_disabled}`);
      return 0;
    });
    yield* add_wait_queue(k, q, w, T);
    yield* wake_up_poll(k, q, POLLIN, T);
    seen.push(`after: held=${k.cpu.held.length} irqs_disabled=${k.cpu.irqs_disabled}`);
    yield* remove_wait_queue(k, q, w, T);
  });
  t.deepEqual(seen, ['held=wqh.lock is_held=true irqs_disabled=true', 'after: held=0 irqs_disabled=false']);
  t.deepEqual(kinds, []);
});

test('wake_up_poll hands its key to every entry, the most recently added first', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const q = queue(k, 'test_wait_key');
    const func: wait_queue_func_t = function* (_k, wait, mode, sync, key) {
      seen.push(`${wait.name} mode=${mode} key=${key}`);
      return 0;
    };
    yield* add_wait_queue(k, q, entry(k, 'first', func), T);
    yield* add_wait_queue(k, q, entry(k, 'second', func), T);
    yield* wake_up_poll(k, q, POLLHUP, T);
  });
  t.deepEqual(seen, ['second mode=3 key=16', 'first mode=3 key=16']);
});

test('a wake function may remove its own entry during the walk, and the walk goes on', (t) => {
  const seen: string[] = [];
  const { kinds } = runOne(function* (k) {
    const q = queue(k, 'test_wait_self_remove');
    const func: wait_queue_func_t = function* (k2, wait) {
      seen.push(wait.name);
      yield* __remove_wait_queue(k2, q, wait, T);
      return 0;
    };
    for (const name of ['a', 'b', 'c']) yield* add_wait_queue(k, q, entry(k, name, func), T);
    yield* wake_up_poll(k, q, POLLHUP, T);
    seen.push(`active=${waitqueue_active(k, q, T)}`);
  });
  t.deepEqual(seen, ['c', 'b', 'a', 'active=false']);
  t.deepEqual(kinds, []);
});

test('remove_wait_queue unlinks the entry under the queue lock', (t) => {
  const spy = recorder();
  const { kinds } = runOne(
    function* (k) {
      const q = queue(k, 'test_wait_remove');
      const w = entry(k, 'w', function* () {
        return 0;
      });
      yield* add_wait_queue(k, q, w, T);
      spy.log.length = 0;
      yield* remove_wait_queue(k, q, w, T);
    },
    { checkers: [...allCheckers(), spy] },
  );
  t.deepEqual(kinds, []);
  t.deepEqual(spy.log, ['cpu0 acquire wqh.lock', 'list_del w.task_list', 'cpu0 release wqh.lock']);
});

test('waitqueue_active is true exactly while an entry is queued', (t) => {
  const seen: boolean[] = [];
  runOne(function* (k) {
    const q = queue(k, 'test_wait_active');
    const w = entry(k, 'w', function* () {
      return 0;
    });
    seen.push(waitqueue_active(k, q, T));
    yield* add_wait_queue(k, q, w, T);
    seen.push(waitqueue_active(k, q, T));
    yield* remove_wait_queue(k, q, w, T);
    seen.push(waitqueue_active(k, q, T));
  });
  t.deepEqual(seen, [false, true, false]);
});

class owner extends KObject {}

test('poll_wait hands the file and queue to the poll table queue function', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const q = queue(k, 'test_wait_poll');
    const f = new owner(staticMem(k, 'file'), 'file#x');
    const pt = new poll_table(new owner(staticMem(k, 'event'), 'event#x'));
    init_poll_funcptr(pt, function* (_k, file, wqh, table) {
      seen.push(`${file.name} ${wqh === q} ${table === pt}`);
    });
    yield* poll_wait(k, f, q, pt);
    // Without a table (a plain read of the events) nothing is queued.
    yield* poll_wait(k, f, q, null);
    seen.push(`active=${waitqueue_active(k, q, T)}`);
  });
  t.deepEqual(seen, ['file#x true true', 'active=false']);
});
