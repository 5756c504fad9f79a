import test from 'ava';
import { mem_cgroup_from_cont } from '../../model/memcg/memcontrol.js';
import { sys_touch_memory } from '../../model/syscalls.js';
import { task_struct } from '../../model/task.js';
import { Userspace } from '../../scenarios/userspace.js';
import { runOne, staticMem, T } from '../helpers/modelFixtures.js';

test('every system call is entered as a step named after the call, on the calling task', (t) => {
  const seen: string[] = [];
  const { outcome } = runOne(function* (k) {
    const u = new Userspace(k);
    const p = u.process('admin');
    yield* u.mkdir(p, '/a');
    seen.push(`current=${k.cpu.task?.name}`);
    yield* u.rmdir(p, '/a');
  });
  t.deepEqual(seen, ['current=admin[100]']);
  const entries = outcome.trace!.filter((s) => s.site?.fn === 'system_call').map((s) => s.op);
  t.deepEqual(entries, ['mkdir("/a")', 'rmdir("/a")']);
});

test('write(2) to a descriptor that is not open is -EBADF, and to an eventfd -EINVAL', (t) => {
  const rets: number[] = [];
  const { kinds } = runOne(function* (k) {
    const u = new Userspace(k);
    const p = u.process('user');
    const efd = yield* u.eventfd(p);
    rets.push(yield* u.write(p, 9, '1'), yield* u.write(p, efd, '1'));
    yield* u.close(p, efd);
  });
  t.deepEqual(rets, [-9, -22]);
  // The failed write gave back the reference it took: the close freed everything.
  t.deepEqual(kinds, []);
});

test('touching memory charges the memcg of the task cgroup, and a task in no cgroup gets -EINVAL', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const u = new Userspace(k);
    const p = u.process('user');
    const usage = () => mem_cgroup_from_cont(k, k.s.root, T)!.res.usage;
    seen.push(`ret=${yield* u.touch(p, 8192)} usage=${usage()}`);
    seen.push(`ret=${yield* u.touch(p, -4096)} usage=${usage()}`);
    const orphan = new task_struct(staticMem(k, 'task_struct'), 7, 'orphan', 0, null);
    seen.push(`ret=${yield* sys_touch_memory(k, orphan, 4096)} usage=${usage()}`);
  });
  t.deepEqual(seen, ['ret=0 usage=8192', 'ret=0 usage=4096', 'ret=-22 usage=4096']);
});
