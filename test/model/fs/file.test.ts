import test from 'ava';
import { dentry } from '../../../model/fs/dcache.js';
import { file, file_permission, fput, MAY_READ, MAY_WRITE, type file_operations } from '../../../model/fs/file.js';
import type { Kernel, KGen } from '../../../model/kernel.js';
import { refcount_inc } from '../../../model/refcount.js';
import { GFP_KERNEL, kzalloc } from '../../../model/slab.js';
import { runKernel } from '../../helpers/kernelHarness.js';
import { pause, runOne, staticMem, T } from '../../helpers/modelFixtures.js';

/** file_operations whose ->release records the file's state when it runs. */
function recordingFops(log: string[]): file_operations {
  return {
    name: 'test_fops',
    release: function* (k: Kernel, f: file): KGen<number> {
      log.push(`release ${f.name} f_count=${f.f_count.value} freed=${f.mem.freed}`);
      return 0;
    },
  };
}

function* newFile(k: Kernel, fops: file_operations) {
  return (yield* kzalloc(k, 'file', 232, GFP_KERNEL, T, (mem) => new file(mem, fops, { uid: 0, user: 6, other: 4 }, '/test')))!;
}

test('only the last fput runs ->release, exactly once, and frees the file afterwards', (t) => {
  const log: string[] = [];
  const { kinds } = runOne(function* (k) {
    const f = yield* newFile(k, recordingFops(log));
    refcount_inc(k, f.f_count, T);
    yield* fput(k, f, T);
    log.push(`after first fput: f_count=${f.f_count.value}`);
    yield* fput(k, f, T);
    log.push(`after last fput: freed=${f.mem.freed}`);
  });
  t.deepEqual(log, ['after first fput: f_count=1', 'release file#1 f_count=0 freed=false', 'after last fput: freed=true']);
  t.deepEqual(kinds, []);
});

test('the last fput drops the dentry the file pins', (t) => {
  const seen: number[] = [];
  runOne(function* (k) {
    const d = new dentry(staticMem(k, 'dentry'), '/dir');
    const f = yield* newFile(k, { name: 'plain' });
    f.pinned_dentry = d;
    d.d_count.value = 2;
    yield* fput(k, f, T);
    seen.push(d.d_count.value);
  });
  t.deepEqual(seen, [1]);
});

test('fput(NULL) is a fatal null-deref at the offset of f_count', (t) => {
  const { outcome, kinds } = runOne(function* (k) {
    yield* fput(k, null, T);
  });
  t.is(outcome.ending, 'fatal');
  t.deepEqual(kinds, ['null-deref']);
  t.is(outcome.findings[0]!.title, 'BUG: unable to handle kernel NULL pointer dereference at 0000000000000030');
});

test('the last fput in softirq context is reported, since __fput may sleep', (t) => {
  const { outcome, kinds } = runKernel({
    actors: [
      {
        name: 'irq',
        context: 'softirq',
        body: function* (k) {
          yield* fput(k, new file(staticMem(k, 'file'), { name: 'plain' }, { uid: 0, user: 6, other: 4 }, '/f'), T);
        },
      },
    ],
  });
  t.deepEqual(kinds, ['sleep-in-atomic']);
  t.is(outcome.findings[0]!.site, '__fput in __fput in softirq context [__fput (fs/file_table.c)]');
});

test('file_permission: root may do anything, the owner has the user bits, others the other bits', (t) => {
  const seen: number[] = [];
  runOne(function* (k) {
    const f = new file(staticMem(k, 'file'), { name: 'plain' }, { uid: 1000, user: 6, other: 4 }, '/f');
    seen.push(
      file_permission(k, f, MAY_WRITE, 0, T),
      file_permission(k, f, MAY_WRITE, 1000, T),
      file_permission(k, f, MAY_READ, 2000, T),
      file_permission(k, f, MAY_WRITE, 2000, T),
      file_permission(k, f, MAY_READ | MAY_WRITE, 2000, T),
    );
    yield* pause(k);
  });
  t.deepEqual(seen, [0, 0, 0, -13, -13]);
});
