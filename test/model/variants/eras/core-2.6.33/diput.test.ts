import test from 'ava';
import { allCheckers } from '../../../../../checkers/index.js';
import { cgroup_diput } from '../../../../../model/variants/eras/core-2.6.33/diput.js';
import { cgroup_lookup } from '../../../../../model/cgroup/lookup.js';
import { mem_cgroup_subsys_id } from '../../../../../model/memcg/memcontrol.js';
import { Userspace } from '../../../../../scenarios/userspace.js';
import { runKernel } from '../../../../helpers/kernelHarness.js';
import { recorder, T } from '../../../../helpers/modelFixtures.js';

test('the last dput of a removed cgroup directory destroys its subsystems under cgroup_mutex, then frees it', (t) => {
  const spy = recorder();
  const seen: string[] = [];
  const { kinds } = runKernel({
    checkers: [...allCheckers(), spy],
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
          spy.log.length = 0;
          yield* u.close(p, fd);
          seen.push(`cgroup=${a.mem.freed} memcg=${a.subsys[mem_cgroup_subsys_id]!.mem.freed}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['cgroup=true memcg=true']);
  // close: the fd table lock, then (from __fput's dput) cgroup_diput's cgroup_mutex around ->destroy.
  t.deepEqual(spy.log, [
    'admin acquire files_struct#1.file_lock',
    'admin release files_struct#1.file_lock',
    'admin acquire cgroup_mutex',
    'admin release cgroup_mutex',
  ]);
  t.deepEqual(kinds, []);
});

test('cgroup_diput of a cgroup that was never removed is a kernel BUG', (t) => {
  const { outcome, kinds } = runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('admin');
          yield* u.mkdir(p, '/a');
          yield* cgroup_diput(k, cgroup_lookup(k, '/a', T)!.dentry!);
        },
      },
    ],
  });
  t.is(outcome.ending, 'fatal');
  t.deepEqual(kinds, ['kernel-bug']);
  t.is(outcome.findings[0]!.site, 'cgroup_diput: BUG_ON(!cgroup_is_removed(cgrp))');
});
