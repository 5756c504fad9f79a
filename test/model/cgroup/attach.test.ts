import test from 'ava';
import { cgroup_attach_task } from '../../../model/cgroup/attach.js';
import { cgroup_lookup } from '../../../model/cgroup/lookup.js';
import type { Kernel } from '../../../model/kernel.js';
import { sys_attach } from '../../../model/syscalls.js';
import { task_struct } from '../../../model/task.js';
import { Userspace } from '../../../scenarios/userspace.js';
import { runKernel } from '../../helpers/kernelHarness.js';
import { staticMem, T } from '../../helpers/modelFixtures.js';

/** A task in no cgroup yet, so the counts below start from zero. */
function loneTask(k: Kernel): task_struct {
  return new task_struct(staticMem(k, 'task_struct'), 500, 'worker', 0, null);
}

test('attaching a task moves it and the task counts from one cgroup to the other', (t) => {
  const seen: string[] = [];
  runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('admin');
          yield* u.mkdir(p, '/a');
          yield* u.mkdir(p, '/b');
          const [a, b] = [cgroup_lookup(k, '/a', T)!, cgroup_lookup(k, '/b', T)!];
          const task = loneTask(k);
          const r1 = yield* sys_attach(k, task, '/a');
          seen.push(`ret=${r1} in=${task.cgroup?.path} a=${a.count} b=${b.count}`);
          const r2 = yield* sys_attach(k, task, '/b');
          seen.push(`ret=${r2} in=${task.cgroup?.path} a=${a.count} b=${b.count}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['ret=0 in=/a a=1 b=0', 'ret=0 in=/b a=0 b=1']);
});

test('attaching to a path that does not resolve is -ENOENT', (t) => {
  const seen: string[] = [];
  runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const task = loneTask(k);
          seen.push(`ret=${yield* sys_attach(k, task, '/nope')} in=${task.cgroup?.path ?? 'none'}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['ret=-2 in=none']);
});

test('a removed cgroup takes no tasks: -ENODEV', (t) => {
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
          // The open file keeps the removed cgroup's struct alive, as a file on its tasks would.
          const fd = yield* u.open(p, '/a', 'memory.usage_in_bytes');
          yield* u.rmdir(p, '/a');
          const task = loneTask(k);
          seen.push(`ret=${yield* cgroup_attach_task(k, a, task)} in=${task.cgroup?.path ?? 'none'} count=${a.count}`);
          yield* u.close(p, fd);
        },
      },
    ],
  });
  t.deepEqual(seen, ['ret=-19 in=none count=0']);
  t.deepEqual(kinds, []);
});
