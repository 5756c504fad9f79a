import test from 'ava';
import { dentry } from '../../../model/fs/dcache.js';
import { deactivate_super, generic_shutdown_super, mntget, mntput, super_block, vfsmount } from '../../../model/fs/super.js';
import type { Kernel, KGen } from '../../../model/kernel.js';
import { runOne, staticMem, T } from '../../helpers/modelFixtures.js';

/** A superblock whose root dentry has the superblock's reference, and whose kill_sb shuts it down and logs. */
function fixture(k: Kernel, log: string[]): super_block {
  const sb = new super_block(staticMem(k, 'super_block'), 'test', function* (k2: Kernel, s: super_block): KGen {
    log.push(`kill_sb s_active=${s.s_active.value}`);
    yield* generic_shutdown_super(k2, s);
  });
  sb.s_root = new dentry(staticMem(k, 'dentry'), '/');
  return sb;
}

test('deactivate_super: only the last active reference shuts the superblock down, then frees it', (t) => {
  const log: string[] = [];
  const { kinds } = runOne(function* (k) {
    const sb = fixture(k, log);
    sb.s_active.value = 2;
    const root = sb.s_root!;
    yield* deactivate_super(k, sb, T);
    log.push(`after one: freed=${sb.mem.freed}`);
    yield* deactivate_super(k, sb, T);
    log.push(`after the last: freed=${sb.mem.freed} root freed=${root.mem.freed}`);
  });
  t.deepEqual(log, ['after one: freed=false', 'kill_sb s_active=0', 'after the last: freed=true root freed=true']);
  t.deepEqual(kinds, []);
});

test('generic_shutdown_super: a root dentry someone still references is the VFS BUG "still in use"', (t) => {
  const log: string[] = [];
  const { outcome, kinds } = runOne(function* (k) {
    const sb = fixture(k, log);
    // A child dentry not yet released holds the root.
    sb.s_root!.d_count.value++;
    yield* deactivate_super(k, sb, T);
    log.push('went on');
  });
  t.deepEqual(kinds, ['kernel-bug']);
  t.is(outcome.ending, 'fatal');
  t.regex(outcome.findings[0]!.title, /^BUG: Dentry dentry#\d+\{n=\/\} still in use \(1\) \[unmount of cgroup cgroup\]$/);
  t.is(outcome.findings[0]!.site, 'shrink_dcache_for_umount: dentry still in use');
  t.is(outcome.findings[0]!.details[0], 'kernel BUG at fs/dcache.c!');
  t.deepEqual(log, ['kill_sb s_active=0']);
});

test('mntput: while the mount is attached nothing is released; once detached, the last put releases it and its superblock reference', (t) => {
  const log: string[] = [];
  runOne(function* (k) {
    const sb = fixture(k, log);
    const root = sb.s_root!;
    root.d_count.value++;
    const mnt = new vfsmount(staticMem(k, 'vfsmount'), sb, root);
    mntget(k, mnt, T);
    yield* mntput(k, mnt, T);
    log.push(`attached: mnt_count=${mnt.mnt_count} freed=${mnt.mem.freed}`);
    mntget(k, mnt, T);
    mnt.attached = false;
    mnt.mnt_count--;
    yield* mntput(k, mnt, T);
    log.push(`detached: freed=${mnt.mem.freed} superblock freed=${sb.mem.freed}`);
  });
  t.deepEqual(log, ['attached: mnt_count=1 freed=false', 'kill_sb s_active=0', 'detached: freed=true superblock freed=true']);
});
