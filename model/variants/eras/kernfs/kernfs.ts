import type { Waitable } from '../../../../sim/actor.js';
import { EBUSY, EINVAL, ENODEV, ENOMEM } from '../../../errno.js';
import type { file } from '../../../fs/file.js';
import type { Kernel, KGen } from '../../../kernel.js';
import { mutex_lock, mutex_unlock } from '../../../locking/mutex.js';
import { write_byte } from '../../../lib/string.js';
import { copy_from_user } from '../../../lib/uaccess.js';
import { at } from '../../../site.js';
import { GFP_KERNEL, kfree, kmalloc_buf } from '../../../slab.js';
import { INIT_WORK, schedule_work, type work_struct } from '../../../workqueue.js';
import type { mem_cgroup } from '../../../memcg/memcontrol.js';
import type { cgroup } from '../../../cgroup/cgroup.js';
import { css_kill, css_put } from '../core-3.12/css.js';
import { __d_cft, __d_cgrp } from '../../../cgroup/files.js';
import { cgroup_busy, cgroup_mark_removed, cgroup_remove_dir } from '../../../cgroup/rmdir.js';

/*
 * The cgroup filesystem on kernfs (3.14 on) [RECON, ../shared/reference/versions.md section 10, reduced]: a write
 * runs under an active reference on the file's node; removing a cgroup first deactivates its files and waits
 * for the writes in flight to finish (the drain), then kills the css, whose offline runs later from a work item.
 * The active references of all the files of one directory are counted together.
 */

const L_write = at('fs/kernfs/file.c', 'kernfs_fop_write_iter');
const L_rmdir = at('kernel/cgroup/cgroup.c', 'cgroup_destroy_locked');
const L_offline = at('kernel/cgroup/cgroup.c', 'css_killed_work_fn');

/**
 * kernfs_fop_write_iter() → cgroup_file_write(): the bytes copied into a kmalloc(len + 1) (not zeroed: every byte
 * is written, the copy's and the NUL at the end), the file's handler under an active reference (or -ENODEV once
 * its directory is being removed). A handler's 0 becomes nbytes. Process context.
 */
export function* kernfs_fop_write(k: Kernel, f: file, data: Uint8Array): KGen<number> {
  const cft = __d_cft(k.rd(f, L_write));
  const cgrp = __d_cgrp(f);
  const nbytes = data.length;
  const buf = yield* kmalloc_buf(k, nbytes + 1, GFP_KERNEL, L_write);
  if (buf === null) return -ENOMEM;
  copy_from_user(k, { buf, off: 0 }, data, L_write);
  write_byte(k, { buf, off: 0 }, nbytes, 0, L_write);
  let ret = -ENODEV;
  yield k.op('kernfs_get_active', cgrp, L_write);
  if (!k.rd(cgrp, L_write).kn_deactivated) {
    k.wr(cgrp, L_write).kn_active++;
    ret = cft.write_string === undefined ? -EINVAL : yield* cft.write_string(k, cgrp, cft, { buf, off: 0 });
    yield k.op('kernfs_put_active', cgrp, L_write);
    k.wr(cgrp, L_write).kn_active--;
  }
  yield* kfree(k, buf, L_write);
  return ret !== 0 ? ret : nbytes;
}

function drained(cgrp: cgroup): Waitable {
  return {
    deps: [cgrp.key],
    ready: () => cgrp.kn_active === 0,
    describe: () => `kernfs_drain(${cgrp.path}) waits for ${cgrp.kn_active} write(s) in flight`,
  };
}

/** css_killed_work_fn(): the css's offline (->pre_destroy), then the reference the kill took goes. From the workqueue. */
function* css_killed_work_fn(k: Kernel, work: work_struct): KGen {
  const css = work.mem.obj as mem_cgroup;
  const cgrp = css.cgroup;
  yield* mutex_lock(k, k.s.cgroup_mutex, L_offline);
  for (const ss of cgrp.root.subsystems) if (ss.pre_destroy !== undefined) yield* ss.pre_destroy(k, ss, cgrp);
  yield* mutex_unlock(k, k.s.cgroup_mutex, L_offline);
  yield* css_put(k, css, L_offline);
}

/**
 * cgroup_rmdir() of the kernfs era: under cgroup_mutex, refuse a busy cgroup, mark it dead, deactivate its files
 * and wait for the writes in flight (css_clear_dir), kill each css (from then css_tryget_online fails) and queue
 * its offline, remove the directory. Process context.
 */
export function* cgroup_rmdir_kernfs(k: Kernel, cgrp: cgroup): KGen<number> {
  yield* mutex_lock(k, k.s.cgroup_mutex, L_rmdir);
  if (cgroup_busy(k, cgrp, L_rmdir)) {
    yield* mutex_unlock(k, k.s.cgroup_mutex, L_rmdir);
    return -EBUSY;
  }
  yield* cgroup_mark_removed(k, cgrp, L_rmdir);
  yield k.op('kernfs_deactivate', cgrp, L_rmdir);
  k.wr(cgrp, L_rmdir).kn_deactivated = true;
  yield k.op('kernfs_drain', cgrp, L_rmdir, drained(cgrp));
  for (const ss of cgrp.root.subsystems) {
    const css = cgrp.subsys[ss.subsys_id] as mem_cgroup | null | undefined;
    if (css === undefined || css === null) continue;
    yield* css_kill(k, css, L_rmdir);
    INIT_WORK(css.destroy_work, css_killed_work_fn);
    yield* schedule_work(k, css.destroy_work, L_rmdir);
  }
  yield* cgroup_remove_dir(k, cgrp, L_rmdir);
  yield* mutex_unlock(k, k.s.cgroup_mutex, L_rmdir);
  return 0;
}
