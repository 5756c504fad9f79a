import test from 'ava';
import type { cgroup } from '../../../../../model/cgroup/cgroup.js';
import { cgroup_lookup } from '../../../../../model/cgroup/lookup.js';
import type { Kernel } from '../../../../../model/kernel.js';
import { mem_cgroup, mem_cgroup_subsys_id } from '../../../../../model/memcg/memcontrol.js';
import { Userspace } from '../../../../../scenarios/userspace.js';
import { runKernel } from '../../../../helpers/kernelHarness.js';
import { T } from '../../../../helpers/modelFixtures.js';

/** Which parts of a cgroup are freed: the struct, its memcg, its directory dentry. */
function freed(c: cgroup): string {
  return `cgroup=${c.mem.freed} memcg=${c.subsys[mem_cgroup_subsys_id]!.mem.freed} dentry=${c.dentry!.mem.freed}`;
}

function setup(k: Kernel) {
  const u = new Userspace(k);
  return { u, p: u.process('admin') };
}

test('rmdir of an idle cgroup frees it, its memcg and its dentry before returning', (t) => {
  const seen: string[] = [];
  const { kinds } = runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const { u, p } = setup(k);
          yield* u.mkdir(p, '/a');
          const a = cgroup_lookup(k, '/a', T)!;
          seen.push(`ret=${yield* u.rmdir(p, '/a')} ${freed(a)}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['ret=0 cgroup=true memcg=true dentry=true']);
  t.deepEqual(kinds, []);
});

test('an open control file keeps a removed cgroup until its close drops the last dentry reference', (t) => {
  const seen: string[] = [];
  const { kinds } = runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const { u, p } = setup(k);
          yield* u.mkdir(p, '/a');
          const a = cgroup_lookup(k, '/a', T)!;
          const fd = yield* u.open(p, '/a', 'memory.usage_in_bytes');
          seen.push(`rmdir=${yield* u.rmdir(p, '/a')} removed=${a.removed} d_count=${a.dentry!.d_count.value} hashed=${a.dentry!.hashed} ${freed(a)}`);
          yield* u.close(p, fd);
          seen.push(`after close: ${freed(a)}`);
        },
      },
    ],
  });
  t.deepEqual(seen, [
    'rmdir=0 removed=true d_count=1 hashed=false cgroup=false memcg=false dentry=false',
    'after close: cgroup=true memcg=true dentry=true',
  ]);
  t.deepEqual(kinds, []);
});

test('rmdir of a cgroup with an attached task is -EBUSY and leaves it in place', (t) => {
  const seen: string[] = [];
  runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const { u, p } = setup(k);
          yield* u.mkdir(p, '/a');
          const a = cgroup_lookup(k, '/a', T)!;
          yield* u.attach(p, '/a');
          seen.push(`rmdir=${yield* u.rmdir(p, '/a')} removed=${a.removed} found=${cgroup_lookup(k, '/a', T) === a} freed=${a.mem.freed}`);
          yield* u.attach(p, '/');
          seen.push(`after detach: rmdir=${yield* u.rmdir(p, '/a')}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['rmdir=-16 removed=false found=true freed=false', 'after detach: rmdir=0']);
});

test('rmdir of a cgroup with a child is -EBUSY', (t) => {
  const rets: number[] = [];
  runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const { u, p } = setup(k);
          yield* u.mkdir(p, '/a');
          yield* u.mkdir(p, '/a/b');
          rets.push(yield* u.rmdir(p, '/a'), yield* u.rmdir(p, '/a/b'), yield* u.rmdir(p, '/a'));
        },
      },
    ],
  });
  t.deepEqual(rets, [-16, 0, 0]);
});

test('rmdir of a path that does not exist, or no longer does, is -ENOENT', (t) => {
  const rets: number[] = [];
  runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const { u, p } = setup(k);
          rets.push(yield* u.rmdir(p, '/nope'));
          yield* u.mkdir(p, '/a');
          rets.push(yield* u.rmdir(p, '/a'), yield* u.rmdir(p, '/a'));
        },
      },
    ],
  });
  t.deepEqual(rets, [-2, 0, -2]);
});

test('rmdir runs the memcg pre_destroy, which uncharges what the cgroup still used', (t) => {
  const seen: string[] = [];
  runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const { u, p } = setup(k);
          yield* u.mkdir(p, '/a');
          const a = cgroup_lookup(k, '/a', T)!;
          const fd = yield* u.open(p, '/a', 'memory.usage_in_bytes');
          yield* u.attach(p, '/a');
          yield* u.touch(p, 8192);
          yield* u.attach(p, '/');
          const memcg = a.subsys[mem_cgroup_subsys_id] as mem_cgroup;
          seen.push(`before=${memcg.res.usage}`);
          yield* u.rmdir(p, '/a');
          seen.push(`after=${memcg.res.usage}`);
          yield* u.close(p, fd);
        },
      },
    ],
  });
  t.deepEqual(seen, ['before=8192', 'after=0']);
});
