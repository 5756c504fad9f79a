import test from 'ava';
import { eventfd_ctx, eventfd_ctx_fileget, eventfd_ctx_put, eventfd_fget, eventfd_fops, eventfd_signal, sys_eventfd } from '../../model/eventfd.js';
import { fd_install, sys_close_fd, type files_struct } from '../../model/fs/fdtable.js';
import { file, fput } from '../../model/fs/file.js';
import type { Kernel, KGen } from '../../model/kernel.js';
import { ErrPtr } from '../../model/memory.js';
import { add_wait_queue, init_waitqueue_func_entry, remove_wait_queue, wait_queue_t, type wait_queue_func_t } from '../../model/wait.js';
import { pause, runOne, staticMem, T, testFiles } from '../helpers/modelFixtures.js';

const ULLONG_MAX = 2n ** 64n - 1n;

/** eventfd(2) in a fresh fd table: the fd, its file and its context. */
function* newEventfd(k: Kernel): KGen<{ files: files_struct; fd: number; f: file; ctx: eventfd_ctx }> {
  const files = testFiles(k);
  const fd = yield* sys_eventfd(k, files);
  const f = files.fd[fd]!;
  return { files, fd, f, ctx: f.private_data as eventfd_ctx };
}

/** A waiter on the context's queue; `func` sees every wakeup. */
function* waiter(k: Kernel, ctx: eventfd_ctx, func: wait_queue_func_t): KGen<wait_queue_t> {
  const w = new wait_queue_t(staticMem(k, 'waiter'), 'waiter');
  init_waitqueue_func_entry(w, func);
  yield* add_wait_queue(k, ctx.wqh, w, T);
  return w;
}

test('sys_eventfd installs an eventfd file whose context holds one reference and a zero count', (t) => {
  const seen: string[] = [];
  const { kinds } = runOne(function* (k) {
    const { files, fd, f, ctx } = yield* newEventfd(k);
    seen.push(`fd=${fd} fops=${f.f_op === eventfd_fops} ctx=${ctx.name} kref=${ctx.kref.value} count=${ctx.count}`);
    yield* sys_close_fd(k, files, fd);
  });
  t.deepEqual(seen, ['fd=3 fops=true ctx=eventfd_ctx#1 kref=1 count=0']);
  t.deepEqual(kinds, []);
});

test('sys_eventfd returns -ENOMEM when the file cannot be allocated, and frees the context', (t) => {
  const seen: string[] = [];
  const { kinds } = runOne(
    function* (k) {
      const files = testFiles(k);
      seen.push(`ret=${yield* sys_eventfd(k, files)} open=${files.fd.filter((x) => x !== null).length}`);
    },
    { faults: [{ type: 'file', nth: 1 }] },
  );
  t.deepEqual(seen, ['ret=-12 open=0']);
  t.deepEqual(kinds, []);
});

test('eventfd_signal adds to the count and wakes the queue with POLLIN', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const { files, fd, ctx } = yield* newEventfd(k);
    const w = yield* waiter(k, ctx, function* (_k, _w, _m, _s, key) {
      seen.push(`woken key=${key} count=${ctx.count}`);
      return 0;
    });
    seen.push(`signal returned ${yield* eventfd_signal(k, ctx, 2, T)}`);
    seen.push(`signal returned ${yield* eventfd_signal(k, ctx, 3, T)}, count=${ctx.count}`);
    yield* remove_wait_queue(k, ctx.wqh, w, T);
    yield* sys_close_fd(k, files, fd);
  });
  t.deepEqual(seen, ['woken key=1 count=2', 'signal returned 2', 'woken key=1 count=5', 'signal returned 3, count=5']);
});

test('eventfd_signal stops the count at ULLONG_MAX and refuses a negative n', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const { files, fd, ctx } = yield* newEventfd(k);
    ctx.count = ULLONG_MAX - 1n;
    seen.push(`${yield* eventfd_signal(k, ctx, 5, T)} ${ctx.count === ULLONG_MAX}`);
    seen.push(`${yield* eventfd_signal(k, ctx, -1, T)}`);
    yield* sys_close_fd(k, files, fd);
  });
  t.deepEqual(seen, ['1 true', '-22']);
});

test('eventfd_poll reports POLLIN, POLLOUT and POLLERR from the count, and never POLLHUP', (t) => {
  const events: number[] = [];
  runOne(function* (k) {
    const { files, fd, f, ctx } = yield* newEventfd(k);
    for (const count of [0n, 1n, ULLONG_MAX - 1n, ULLONG_MAX]) {
      ctx.count = count;
      events.push(yield* f.f_op.poll!(k, f, null));
    }
    yield* sys_close_fd(k, files, fd);
  });
  // POLLOUT 4; POLLIN|POLLOUT 5; POLLIN 1 (no room for another 1); POLLIN|POLLERR 9.
  t.deepEqual(events, [4, 5, 1, 9]);
  t.true(events.every((e) => (e & 0x10) === 0));
});

test('closing the last eventfd fd wakes the queue with POLLHUP before the file drops its context reference', (t) => {
  const seen: string[] = [];
  const { kinds } = runOne(function* (k) {
    const { files, fd, ctx } = yield* newEventfd(k);
    yield* waiter(k, ctx, function* (_k, _w, _m, _s, key) {
      seen.push(`woken key=${key} kref=${ctx.kref.value} freed=${ctx.mem.freed}`);
      return 0;
    });
    yield* sys_close_fd(k, files, fd);
    seen.push(`after close: ctx freed=${ctx.mem.freed}`);
  });
  t.deepEqual(seen, ['woken key=16 kref=1 freed=false', 'after close: ctx freed=true']);
  t.deepEqual(kinds, []);
});

test('a context with an extra reference survives the close; its last eventfd_ctx_put frees it', (t) => {
  const seen: string[] = [];
  const { kinds } = runOne(function* (k) {
    const { files, fd, f, ctx } = yield* newEventfd(k);
    yield* eventfd_ctx_fileget(k, f, T);
    yield* sys_close_fd(k, files, fd);
    seen.push(`after close: kref=${ctx.kref.value} freed=${ctx.mem.freed} file freed=${f.mem.freed}`);
    yield* eventfd_ctx_put(k, ctx, T);
    seen.push(`after put: freed=${ctx.mem.freed}`);
  });
  t.deepEqual(seen, ['after close: kref=1 freed=false file freed=true', 'after put: freed=true']);
  t.deepEqual(kinds, []);
});

test('eventfd_ctx_fileget takes a context reference from an eventfd file', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const { files, fd, f, ctx } = yield* newEventfd(k);
    const got = yield* eventfd_ctx_fileget(k, f, T);
    seen.push(`${got === ctx} kref=${ctx.kref.value}`);
    yield* eventfd_ctx_put(k, ctx, T);
    yield* sys_close_fd(k, files, fd);
  });
  t.deepEqual(seen, ['true kref=2']);
});

test('eventfd_ctx_fileget of another kind of file is ERR_PTR(-EINVAL)', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const other = new file(staticMem(k, 'file'), { name: 'plain' }, { uid: 0, user: 6, other: 4 }, '/f');
    const got = yield* eventfd_ctx_fileget(k, other, T);
    seen.push(got instanceof ErrPtr ? `ERR_PTR(${got.err})` : 'ctx');
    yield* pause(k);
  });
  t.deepEqual(seen, ['ERR_PTR(-22)']);
});

test('eventfd_fget returns an eventfd file with a new reference', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const { files, fd, f } = yield* newEventfd(k);
    const got = yield* eventfd_fget(k, files, fd, T);
    seen.push(`${got === f} f_count=${f.f_count.value}`);
    yield* fput(k, f, T);
    yield* sys_close_fd(k, files, fd);
  });
  t.deepEqual(seen, ['true f_count=2']);
});

test('eventfd_fget of a non-eventfd is ERR_PTR(-EINVAL) and gives the reference back; of a closed fd ERR_PTR(-EBADF)', (t) => {
  const seen: string[] = [];
  const { kinds } = runOne(function* (k) {
    const files = testFiles(k);
    const other = new file(staticMem(k, 'file'), { name: 'plain' }, { uid: 0, user: 6, other: 4 }, '/f');
    const fd = yield* fd_install(k, files, other);
    const got = yield* eventfd_fget(k, files, fd, T);
    seen.push(`${got instanceof ErrPtr ? got.err : 'file'} f_count=${other.f_count.value}`);
    const bad = yield* eventfd_fget(k, files, 9, T);
    seen.push(`${bad instanceof ErrPtr ? bad.err : 'file'}`);
  });
  t.deepEqual(seen, ['-22 f_count=1', '-9']);
  t.deepEqual(kinds, []);
});
