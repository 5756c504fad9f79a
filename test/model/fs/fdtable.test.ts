import test from 'ava';
import { fd_install, fget, sys_close_fd } from '../../../model/fs/fdtable.js';
import { file, fput, type file_operations } from '../../../model/fs/file.js';
import type { Kernel } from '../../../model/kernel.js';
import { GFP_KERNEL, kzalloc } from '../../../model/slab.js';
import { runOne, T, testFiles } from '../../helpers/modelFixtures.js';

function* newFile(k: Kernel, fops: file_operations = { name: 'plain' }) {
  return (yield* kzalloc(k, 'file', 232, GFP_KERNEL, T, (mem) => new file(mem, fops, { uid: 0, user: 6, other: 4 }, '/test')))!;
}

test('fd_install hands out the lowest free descriptor from 3 up', (t) => {
  const fds: number[] = [];
  const { kinds } = runOne(function* (k) {
    const files = testFiles(k);
    for (let i = 0; i < 3; i++) fds.push(yield* fd_install(k, files, yield* newFile(k)));
    yield* sys_close_fd(k, files, 4);
    fds.push(yield* fd_install(k, files, yield* newFile(k)));
    fds.push(yield* fd_install(k, files, yield* newFile(k)));
    for (const fd of [3, 4, 5, 6]) yield* sys_close_fd(k, files, fd);
  });
  t.deepEqual(fds, [3, 4, 5, 4, 6]);
  t.deepEqual(kinds, []);
});

test('fget takes a reference on an open descriptor', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const files = testFiles(k);
    const fd = yield* fd_install(k, files, yield* newFile(k));
    const f = yield* fget(k, files, fd, T);
    seen.push(`${f?.name} f_count=${f?.f_count.value}`);
    yield* fput(k, f, T);
    yield* sys_close_fd(k, files, fd);
  });
  t.deepEqual(seen, ['file#1 f_count=2']);
});

test('fget of a closed, never-opened or negative descriptor returns NULL', (t) => {
  const got: (string | null)[] = [];
  const { kinds } = runOne(function* (k) {
    const files = testFiles(k);
    const fd = yield* fd_install(k, files, yield* newFile(k));
    got.push((yield* fget(k, files, fd, T))?.name ?? null);
    yield* fput(k, files.fd[fd]!, T);
    yield* sys_close_fd(k, files, fd);
    for (const bad of [fd, 0, 17, -1]) got.push((yield* fget(k, files, bad, T))?.name ?? null);
  });
  t.deepEqual(got, ['file#1', null, null, null, null]);
  t.deepEqual(kinds, []);
});

test('fget of a file whose last reference is being dropped returns NULL', (t) => {
  const got: (string | null)[] = [];
  runOne(function* (k) {
    const files = testFiles(k);
    const f = yield* newFile(k);
    const fd = yield* fd_install(k, files, f);
    // Still in the table, but its count already reached zero (another CPU is in __fput).
    f.f_count.value = 0;
    got.push((yield* fget(k, files, fd, T))?.name ?? null);
    f.f_count.value = 1;
    yield* sys_close_fd(k, files, fd);
  });
  t.deepEqual(got, [null]);
});

test('close of a descriptor that is not open returns -EBADF', (t) => {
  const rets: number[] = [];
  runOne(function* (k) {
    const files = testFiles(k);
    const fd = yield* fd_install(k, files, yield* newFile(k));
    rets.push(yield* sys_close_fd(k, files, fd));
    rets.push(yield* sys_close_fd(k, files, fd));
    rets.push(yield* sys_close_fd(k, files, 42));
    rets.push(yield* sys_close_fd(k, files, -1));
  });
  t.deepEqual(rets, [0, -9, -9, -9]);
});

test('close drops the table reference: a file nobody else holds is released and freed', (t) => {
  const log: string[] = [];
  const { kinds } = runOne(function* (k) {
    const files = testFiles(k);
    const f = yield* newFile(k, {
      name: 'rec',
      release: function* () {
        log.push('release');
        return 0;
      },
    });
    const fd = yield* fd_install(k, files, f);
    yield* sys_close_fd(k, files, fd);
    log.push(`slot=${files.fd[fd] === null ? 'empty' : 'used'} freed=${f.mem.freed}`);
  });
  t.deepEqual(log, ['release', 'slot=empty freed=true']);
  t.deepEqual(kinds, []);
});
