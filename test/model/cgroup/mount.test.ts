import test from 'ava';
import { cgroup_lookup } from '../../../model/cgroup/lookup.js';
import type { Kernel } from '../../../model/kernel.js';
import type { Variant } from '../../../model/variant.js';
import { v4 } from '../../../model/variants/v4/index.js';
import { v6_10 } from '../../../model/variants/v6_10/index.js';
import { Userspace } from '../../../scenarios/userspace.js';
import { runKernel } from '../../helpers/kernelHarness.js';
import { T } from '../../helpers/modelFixtures.js';

/** Runs `body` as one admin process on `variant`, with a kworker; returns what it noted and what was reported. */
function admin(variant: Variant, body: (k: Kernel, u: Userspace, seen: string[]) => Generator<void, void, void>) {
  const seen: string[] = [];
  const r = runKernel({
    variant,
    kworkers: 1,
    actors: [
      {
        name: 'admin',
        body: (k) => body(k, new Userspace(k), seen),
      },
    ],
  });
  return { seen, kinds: r.kinds, r };
}

const memory = (k: Kernel) => k.s.roots[0]!;

test('umount of a hierarchy with a file open on it is -EBUSY, and its paths still resolve', (t) => {
  const { seen, kinds } = admin(v4, function* (k, u, seen) {
    const p = u.process('admin');
    yield* u.mkdir(p, '/A');
    const fd = yield* u.open(p, '/A', 'memory.usage_in_bytes');
    seen.push(`umount=${yield* u.umount(p)} resolves=${cgroup_lookup(k, '/A', T) !== null}`);
    yield* u.close(p, fd);
    seen.push(`then umount=${yield* u.umount(p)}`);
    yield* u.teardown();
  });
  t.deepEqual(seen, ['umount=-16 resolves=true', 'then umount=0']);
  t.deepEqual(kinds, []);
});

test('2.6.33: a cgroup left keeps the superblock active after umount; paths do not resolve until it is mounted again', (t) => {
  const { seen, kinds } = admin(v4, function* (k, u, seen) {
    const p = u.process('admin');
    yield* u.mkdir(p, '/A');
    const sb = memory(k).sb!;
    seen.push(`umount=${yield* u.umount(p)} s_active=${sb.s_active.value} freed=${sb.mem.freed} open=${yield* u.open(p, '/A', 'memory.usage_in_bytes')}`);
    seen.push(`umount again=${yield* u.umount(p)}`);
    yield* u.teardown();
    seen.push(`remounted the same superblock=${memory(k).sb === sb}`);
  });
  t.deepEqual(seen, ['umount=0 s_active=1 freed=false open=-2', 'umount again=-22', 'remounted the same superblock=true']);
  t.deepEqual(kinds, []);
});

test('2.6.33: umount with no cgroup left shuts the superblock down; the next mount makes a new one', (t) => {
  const { seen, kinds } = admin(v4, function* (k, u, seen) {
    const p = u.process('admin');
    yield* u.mkdir(p, '/A');
    yield* u.rmdir(p, '/A');
    const sb = memory(k).sb!;
    seen.push(`umount=${yield* u.umount(p)} freed=${sb.mem.freed} root dentry freed=${sb.s_root === null}`);
    yield* u.teardown();
    seen.push(`new superblock=${memory(k).sb !== null && memory(k).sb !== sb}`);
    seen.push(`mkdir after the new mount=${yield* u.mkdir(p, '/B')}`);
    yield* u.rmdir(p, '/B');
  });
  t.deepEqual(seen, ['umount=0 freed=true root dentry freed=true', 'new superblock=true', 'mkdir after the new mount=0']);
  t.deepEqual(kinds, []);
});

test('kernfs: a cgroup does not hold the superblock; umount shuts it down and the hierarchy keeps its cgroups for the next mount', (t) => {
  const { seen, kinds } = admin(v6_10, function* (k, u, seen) {
    const p = u.process('admin');
    yield* u.mkdir(p, '/A');
    const sb = memory(k).sb!;
    seen.push(`umount=${yield* u.umount(p)} freed=${sb.mem.freed} resolves=${cgroup_lookup(k, '/A', T) !== null}`);
    seen.push(`mount=${yield* u.mount(p)} new superblock=${memory(k).sb !== sb} /A resolves=${cgroup_lookup(k, '/A', T) !== null}`);
    yield* u.teardown();
  });
  t.deepEqual(seen, ['umount=0 freed=true resolves=false', 'mount=0 new superblock=true /A resolves=true']);
  t.deepEqual(kinds, []);
});
