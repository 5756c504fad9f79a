import test from 'ava';
import { mutex_init, mutex_lock, mutex_unlock } from '../../../model/locking/mutex.js';
import { rcu_read_lock, rcu_read_unlock, synchronize_rcu } from '../../../model/locking/rcu.js';
import type { TestActor } from '../../helpers/kernelHarness.js';
import { runKernel } from '../../helpers/kernelHarness.js';
import { pause, Scripted, staticMem, T } from '../../helpers/modelFixtures.js';

/** A reader with a two-step read-side section, and a writer waiting for a grace period; both log what they do. */
function readerAndWriter(log: string[]): TestActor[] {
  return [
    {
      name: 'reader',
      body: function* (k) {
        yield* rcu_read_lock(k, T);
        log.push('reader entered');
        yield* pause(k);
        yield* pause(k);
        log.push('reader leaves');
        yield* rcu_read_unlock(k, T);
      },
    },
    {
      name: 'writer',
      body: function* (k) {
        yield* synchronize_rcu(k, T);
        log.push('writer done');
      },
    },
  ];
}

test('synchronize_rcu waits for a reader that was inside rcu_read_lock when it started', (t) => {
  const log: string[] = [];
  // The reader enters its section first; then the writer runs whenever it can.
  runKernel({ strategy: new Scripted([0, 0], [1]), actors: readerAndWriter(log) });
  t.deepEqual(log, ['reader entered', 'reader leaves', 'writer done']);
});

test('synchronize_rcu does not wait for a reader that entered after it started', (t) => {
  const log: string[] = [];
  // The writer calls synchronize_rcu first, the reader enters, then the writer is scheduled again.
  const { outcome } = runKernel({ strategy: new Scripted([1, 0, 0, 1]), actors: readerAndWriter(log) });
  t.deepEqual(log, ['reader entered', 'writer done', 'reader leaves']);
  t.is(outcome.ending, 'complete');
});

test('a reader that leaves and enters a new section does not hold up a grace period that started before', (t) => {
  const log: string[] = [];
  runKernel({
    strategy: new Scripted([0, 0, 1, 0, 0], [1]),
    actors: [
      {
        name: 'reader',
        body: function* (k) {
          yield* rcu_read_lock(k, T);
          yield* rcu_read_unlock(k, T);
          yield* rcu_read_lock(k, T);
          log.push('reader in its second section');
          yield* pause(k);
          log.push('reader leaves');
          yield* rcu_read_unlock(k, T);
        },
      },
      {
        name: 'writer',
        body: function* (k) {
          yield* synchronize_rcu(k, T);
          log.push('writer done');
        },
      },
    ],
  });
  t.deepEqual(log, ['reader in its second section', 'writer done', 'reader leaves']);
});

test('nested read-side sections end only at the outermost rcu_read_unlock', (t) => {
  const seen: string[] = [];
  runKernel({
    actors: [
      {
        name: 'reader',
        body: function* (k) {
          const cpu = k.cpu;
          yield* rcu_read_lock(k, T);
          yield* rcu_read_lock(k, T);
          yield* rcu_read_unlock(k, T);
          seen.push(`depth=${cpu.rcu_read_depth} epoch=${cpu.rcu_epoch} atomic=${cpu.atomic()}`);
          yield* rcu_read_unlock(k, T);
          seen.push(`depth=${cpu.rcu_read_depth} epoch=${cpu.rcu_epoch} atomic=${cpu.atomic()}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['depth=1 epoch=0 atomic=true', 'depth=0 epoch=1 atomic=false']);
});

test('sleeping inside rcu_read_lock is reported as sleep-in-atomic', (t) => {
  const { outcome, kinds } = runKernel({
    actors: [
      {
        name: 'reader',
        body: function* (k) {
          const m = mutex_init(staticMem(k, 'm'), 'm', 'test_rcu_sleep_m');
          yield* rcu_read_lock(k, T);
          yield* mutex_lock(k, m, T);
          yield* mutex_unlock(k, m, T);
          yield* rcu_read_unlock(k, T);
        },
      },
    ],
  });
  t.deepEqual(kinds, ['sleep-in-atomic']);
  t.regex(outcome.findings[0]!.site, /^mutex_lock in test_body inside rcu_read_lock\(\)/);
});

test('synchronize_rcu inside a read-side section is itself reported as sleep-in-atomic', (t) => {
  const { outcome, kinds } = runKernel({
    actors: [
      {
        name: 'reader',
        body: function* (k) {
          yield* rcu_read_lock(k, T);
          yield* synchronize_rcu(k, T);
          yield* rcu_read_unlock(k, T);
        },
      },
    ],
  });
  t.deepEqual(kinds, ['sleep-in-atomic']);
  t.regex(outcome.findings[0]!.site, /^synchronize_rcu in test_body inside rcu_read_lock\(\)/);
});
