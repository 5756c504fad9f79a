import test from 'ava';
import { __d_cft, __d_cgrp, cgroup_file_operations } from '../../../model/cgroup/files.js';
import { cgroup_lookup } from '../../../model/cgroup/lookup.js';
import { Userspace } from '../../../scenarios/userspace.js';
import { runKernel } from '../../helpers/kernelHarness.js';
import { T } from '../../helpers/modelFixtures.js';

test('opening a control file installs a cgroup file that pins the directory dentry until close', (t) => {
  const seen: string[] = [];
  const { kinds } = runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('admin');
          yield* u.mkdir(p, '/a');
          const a = cgroup_lookup(k, '/a', T)!;
          const fd = yield* u.open(p, '/a', 'memory.usage_in_bytes');
          const f = p.task.files!.fd[fd]!;
          seen.push(
            `fd=${fd} path=${f.path} fops=${f.f_op === cgroup_file_operations} cgrp=${__d_cgrp(f) === a} cft=${__d_cft(f).name} pinned=${f.pinned_dentry === a.dentry} d_count=${a.dentry!.d_count.value}`,
          );
          yield* u.close(p, fd);
          seen.push(`after close: d_count=${a.dentry!.d_count.value}`);
          yield* u.rmdir(p, '/a');
        },
      },
    ],
  });
  t.deepEqual(seen, ['fd=3 path=/a/memory.usage_in_bytes fops=true cgrp=true cft=memory.usage_in_bytes pinned=true d_count=2', 'after close: d_count=1']);
  t.deepEqual(kinds, []);
});

test("a non-root task gets -EACCES where the file's mode does not grant the access", (t) => {
  const rets: number[] = [];
  runKernel({
    actors: [
      {
        name: 'user',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('user', 1000);
          rets.push(
            yield* u.open(p, '/', 'memory.usage_in_bytes', 4),
            yield* u.open(p, '/', 'memory.usage_in_bytes', 2),
            yield* u.open(p, '/', 'cgroup.event_control', 2),
            yield* u.open(p, '/', 'cgroup.event_control', 4),
          );
          for (const fd of rets.filter((r) => r >= 0)) yield* u.close(p, fd);
        },
      },
    ],
  });
  t.deepEqual(rets, [3, -13, 4, -13]);
});

test('opening an unknown file or a file in an unknown directory is -ENOENT', (t) => {
  const rets: number[] = [];
  runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('admin');
          rets.push(yield* u.open(p, '/', 'memory.nope'), yield* u.open(p, '/nope', 'memory.usage_in_bytes'));
        },
      },
    ],
  });
  t.deepEqual(rets, [-2, -2]);
});

test('an open whose struct file cannot be allocated is -ENOMEM and takes no dentry reference', (t) => {
  const seen: string[] = [];
  runKernel({
    faults: [{ type: 'file', nth: 1 }],
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('admin');
          yield* u.mkdir(p, '/a');
          const ret = yield* u.open(p, '/a', 'memory.usage_in_bytes');
          seen.push(`ret=${ret} d_count=${cgroup_lookup(k, '/a', T)!.dentry!.d_count.value}`);
          yield* u.rmdir(p, '/a');
        },
      },
    ],
  });
  t.deepEqual(seen, ['ret=-12 d_count=1']);
});
