import test from 'ava';
import type { cgroup_subsys } from '../../../model/cgroup/cgroup.js';
import { cgroup_lookup } from '../../../model/cgroup/lookup.js';
import { ERR_PTR } from '../../../model/memory.js';
import { v4 } from '../../../model/variants/v4/index.js';
import { mem_cgroup, mem_cgroup_subsys_id } from '../../../model/memcg/memcontrol.js';
import { Userspace } from '../../../scenarios/userspace.js';
import { runKernel } from '../../helpers/kernelHarness.js';
import { T } from '../../helpers/modelFixtures.js';

test('mkdir creates a cgroup that cgroup_lookup finds, with its memcg and a hashed directory dentry', (t) => {
  const seen: string[] = [];
  const { kinds } = runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('admin');
          const ret = yield* u.mkdir(p, '/a');
          const c = cgroup_lookup(k, '/a', T)!;
          const memcg = c.subsys[mem_cgroup_subsys_id];
          seen.push(
            `ret=${ret} ${c.name} path=${c.path} parent=${c.parent === k.s.root} removed=${c.removed}`,
            `memcg=${memcg instanceof mem_cgroup ? memcg.name : 'none'} of=${memcg?.cgroup === c}`,
            `dentry=${c.dentry?.d_name} d_count=${c.dentry?.d_count.value} hashed=${c.dentry?.hashed} fsdata=${c.dentry?.d_fsdata === c}`,
          );
          yield* u.rmdir(p, '/a');
        },
      },
    ],
  });
  t.deepEqual(seen, [
    'ret=0 cgroup#3 path=/a parent=true removed=false',
    'memcg=mem_cgroup#1 of=true',
    'dentry=/a d_count=1 hashed=true fsdata=true',
  ]);
  t.deepEqual(kinds, []);
});

test('mkdir of a nested directory is reachable through its parent', (t) => {
  const seen: string[] = [];
  runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('admin');
          yield* u.mkdir(p, '/a');
          yield* u.mkdir(p, '/a/b');
          const b = cgroup_lookup(k, '/a/b', T);
          seen.push(`${b?.path} parent=${b?.parent?.path} children of /a=${cgroup_lookup(k, '/a', T)?.children.map((c) => c.path).join(',')}`);
          yield* u.rmdir(p, '/a/b');
          yield* u.rmdir(p, '/a');
        },
      },
    ],
  });
  t.deepEqual(seen, ['/a/b parent=/a children of /a=/a/b']);
});

test('mkdir of an existing name is -EEXIST and under a missing parent -ENOENT', (t) => {
  const rets: number[] = [];
  runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('admin');
          rets.push(yield* u.mkdir(p, '/a'));
          rets.push(yield* u.mkdir(p, '/a'));
          rets.push(yield* u.mkdir(p, '/nope/b'));
          yield* u.rmdir(p, '/a');
        },
      },
    ],
  });
  t.deepEqual(rets, [0, -17, -2]);
});

test('mkdir whose memcg cannot be allocated fails with -ENOMEM and leaves nothing behind', (t) => {
  const seen: string[] = [];
  const { kinds } = runKernel({
    faults: [{ type: 'mem_cgroup', nth: 1 }],
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('admin');
          seen.push(`ret=${yield* u.mkdir(p, '/a')} found=${cgroup_lookup(k, '/a', T) !== null} children=${k.s.root.children.length}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['ret=-12 found=false children=0']);
  t.deepEqual(kinds, []);
});

test('mkdir whose dentry cannot be allocated fails with -ENOMEM and destroys the memcg it made', (t) => {
  const seen: string[] = [];
  const { kinds } = runKernel({
    faults: [{ type: 'dentry', nth: 1 }],
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('admin');
          seen.push(`ret=${yield* u.mkdir(p, '/a')} found=${cgroup_lookup(k, '/a', T) !== null}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['ret=-12 found=false']);
  t.deepEqual(kinds, []);
});

test('mkdir whose second subsystem fails to create destroys the state the first one made', (t) => {
  const failing: cgroup_subsys = {
    name: 'failing',
    era: 'test',
    subsys_id: 1,
    create: function* () {
      return ERR_PTR(-12);
    },
    destroy: function* () {},
    files: [],
  };
  const seen: string[] = [];
  const { kinds } = runKernel({
    variant: { ...v4, subsystems: [...v4.subsystems, failing] },
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          seen.push(`ret=${yield* u.mkdir(u.process('admin'), '/a')}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['ret=-12']);
  t.deepEqual(kinds, [], 'the memcg made before the failure is destroyed, not leaked');
});
