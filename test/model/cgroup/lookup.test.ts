import test from 'ava';
import { cgroup_lookup } from '../../../model/cgroup/lookup.js';
import { Userspace } from '../../../scenarios/userspace.js';
import { runKernel } from '../../helpers/kernelHarness.js';
import { T } from '../../helpers/modelFixtures.js';

test('cgroup_lookup of "/" is the root cgroup and of an unknown path NULL', (t) => {
  const seen: unknown[] = [];
  runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('admin');
          yield* u.mkdir(p, '/a');
          seen.push(cgroup_lookup(k, '/', T) === k.s.root, cgroup_lookup(k, '/b', T), cgroup_lookup(k, '/a/b', T), cgroup_lookup(k, '//a/', T)?.path);
          yield* u.rmdir(p, '/a');
        },
      },
    ],
  });
  t.deepEqual(seen, [true, null, null, '/a']);
});

test('a removed cgroup no longer resolves although an open file keeps its struct', (t) => {
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
          yield* u.rmdir(p, '/a');
          seen.push(`found=${cgroup_lookup(k, '/a', T) !== null} removed=${a.removed} freed=${a.mem.freed}`);
          yield* u.close(p, fd);
        },
      },
    ],
  });
  t.deepEqual(seen, ['found=false removed=true freed=false']);
  t.deepEqual(kinds, []);
});
