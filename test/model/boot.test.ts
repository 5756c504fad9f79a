import test from 'ava';
import { mem_cgroup } from '../../model/memcg/memcontrol.js';
import { runKernel } from '../helpers/kernelHarness.js';
import { pause } from '../helpers/modelFixtures.js';

test('boot creates the globals as static memory: the system workqueue, cgroup_mutex, and the root cgroup with its directory and memcg', (t) => {
  const seen: string[] = [];
  runKernel({
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          const { system_wq, cgroup_mutex, root } = k.s;
          const memcg = root.subsys[0];
          seen.push(
            `${system_wq.name} ${system_wq.mem.kind}`,
            `${cgroup_mutex.name} ${cgroup_mutex.mem.kind} sleeping=${cgroup_mutex.sleeping}`,
            `${root.path} ${root.mem.kind} dentry=${root.dentry?.d_name} fsdata=${root.dentry?.d_fsdata === root} parent=${root.parent}`,
            `${memcg instanceof mem_cgroup ? memcg.name : 'none'} ${memcg?.mem.kind} of_root=${memcg?.cgroup === root}`,
          );
          yield* pause(k);
        },
      },
    ],
  });
  t.deepEqual(seen, [
    'system_wq static',
    'cgroup_mutex static sleeping=true',
    '/ static dentry=/ fsdata=true parent=null',
    'root_memory#1 static of_root=true',
  ]);
});

test('a kernel that only booted has nothing to report at the end of the run', (t) => {
  const { outcome, kinds } = runKernel({ actors: [{ name: 'cpu0', body: (k) => pause(k) }] });
  t.is(outcome.ending, 'complete');
  t.deepEqual(kinds, []);
});
