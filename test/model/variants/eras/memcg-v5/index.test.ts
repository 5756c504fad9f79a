import test from 'ava';
import { cgroup_lookup } from '../../../../../model/cgroup/lookup.js';
import { memcg_v5 } from '../../../../../model/variants/eras/memcg-v5/index.js';
import { mem_cgroup_subsys_id, type mem_cgroup } from '../../../../../model/memcg/memcontrol.js';
import { mem_cgroup_register_event, mem_cgroup_unregister_event } from '../../../../../model/variants/eras/memcg-v5/thresholds.js';
import { Userspace } from '../../../../../scenarios/userspace.js';
import { runKernel } from '../../../../helpers/kernelHarness.js';
import { cstr, pause, T, testEventfd } from '../../../../helpers/modelFixtures.js';

test('memory.usage_in_bytes takes event registrations and memory.limit_in_bytes does not', (t) => {
  const files = memcg_v5.files.map((f) => `${f.name} reg=${f.register_event !== undefined} unreg=${f.unregister_event !== undefined} subsys=${f.subsys_id}`);
  t.deepEqual(files, ['memory.usage_in_bytes reg=true unreg=true subsys=0', 'memory.limit_in_bytes reg=false unreg=false subsys=0']);
});

test('->create gives each new cgroup its own memcg with one reference and nothing charged', (t) => {
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
          for (const path of ['/a', '/b']) {
            const m = cgroup_lookup(k, path, T)!.subsys[mem_cgroup_subsys_id] as mem_cgroup;
            seen.push(`${path}: ${m.name} refcnt=${m.refcnt.value} usage=${m.res.usage} thresholds=${m.thresholds}`);
          }
          yield* u.rmdir(p, '/a');
          yield* u.rmdir(p, '/b');
        },
      },
    ],
  });
  t.deepEqual(seen, ['/a: mem_cgroup#1 refcnt=1 usage=0 thresholds=null', '/b: mem_cgroup#2 refcnt=1 usage=0 thresholds=null']);
});

test('->pre_destroy moves the whole charge to the parent; it is refused while a task is attached and charge is left', (t) => {
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
          const m = a.subsys[mem_cgroup_subsys_id] as mem_cgroup;
          const e = testEventfd(k);
          yield* mem_cgroup_register_event(k, a, memcg_v5.files[0]!, e, cstr(k, '4k'), T);
          yield* u.attach(p, '/a');
          yield* u.touch(p, 8192);
          seen.push(`busy: ret=${yield* memcg_v5.pre_destroy!(k, memcg_v5, a)} usage=${m.res.usage}`);
          yield* u.attach(p, '/');
          const root = k.s.root.subsys[mem_cgroup_subsys_id] as mem_cgroup;
          seen.push(`before: usage=${m.res.usage} count=${e.count} parent=${root.res.usage}`);
          seen.push(`ret=${yield* memcg_v5.pre_destroy!(k, memcg_v5, a)} usage=${m.res.usage} count=${e.count} parent=${root.res.usage}`);
          yield* mem_cgroup_unregister_event(k, a, memcg_v5.files[0]!, e, T);
          yield* u.rmdir(p, '/a');
        },
      },
    ],
  });
  t.deepEqual(seen, ['busy: ret=-16 usage=8192', 'before: usage=8192 count=1 parent=0', 'ret=0 usage=0 count=1 parent=8192']);
  t.deepEqual(kinds, []);
});

test('->pre_destroy of a memcg with nothing charged signals nothing', (t) => {
  const seen: string[] = [];
  runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('admin');
          yield* u.mkdir(p, '/a');
          const a = cgroup_lookup(k, '/a', T)!;
          const e = testEventfd(k);
          yield* mem_cgroup_register_event(k, a, memcg_v5.files[0]!, e, cstr(k, '4k'), T);
          seen.push(`ret=${yield* memcg_v5.pre_destroy!(k, memcg_v5, a)} count=${e.count}`);
          yield* mem_cgroup_unregister_event(k, a, memcg_v5.files[0]!, e, T);
          yield* u.rmdir(p, '/a');
          yield* pause(k);
        },
      },
    ],
  });
  t.deepEqual(seen, ['ret=0 count=0']);
});

test('->destroy drops the cgroup reference: a memcg with a registered threshold outlives rmdir', (t) => {
  const seen: string[] = [];
  const { outcome } = runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('admin');
          yield* u.mkdir(p, '/a');
          const a = cgroup_lookup(k, '/a', T)!;
          const m = a.subsys[mem_cgroup_subsys_id] as mem_cgroup;
          yield* mem_cgroup_register_event(k, a, memcg_v5.files[0]!, testEventfd(k), cstr(k, '4k'), T);
          yield* u.rmdir(p, '/a');
          seen.push(`cgroup freed=${a.mem.freed} memcg freed=${m.mem.freed} refcnt=${m.refcnt.value}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['cgroup freed=true memcg freed=false refcnt=1']);
  // Never unregistered: the memcg and its thresholds array are what is left.
  t.deepEqual(outcome.findings.map((f) => `${f.kind} ${f.object}`).sort(), ['leak mem_cgroup', 'leak mem_cgroup_threshold_ary']);
});
