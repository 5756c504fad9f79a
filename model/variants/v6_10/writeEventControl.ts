import type { cftype, cgroup } from '../../cgroup/cgroup.js';
import { css_put, css_tryget } from '../eras/core-3.12/css.js';
import { __d_cft, __d_cgrp, cgroup_file_operations } from '../../cgroup/files.js';
import { EBADF, EINVAL, ENOMEM } from '../../errno.js';
import { eventfd_ctx_fileget, eventfd_ctx_put } from '../../eventfd.js';
import { fget } from '../../fs/fdtable.js';
import { file_permission, fput, MAY_READ } from '../../fs/file.js';
import type { Kernel, KGen } from '../../kernel.js';
import { strstrip } from '../../lib/string.js';
import { INIT_LIST_HEAD, list_add } from '../../list.js';
import { rcu_read_lock, rcu_read_unlock } from '../../locking/rcu.js';
import { spin_lock_irq, spin_unlock_irq } from '../../locking/spinlock.js';
import { mem_cgroup_subsys_id, type mem_cgroup } from '../../memcg/memcontrol.js';
import { IS_ERR, PTR_ERR, type CharPtr } from '../../memory.js';
import { fnSites } from '../../site.js';
import { GFP_KERNEL, kfree, kzalloc } from '../../slab.js';
import { init_poll_funcptr, init_waitqueue_func_entry } from '../../wait.js';
import { INIT_WORK } from '../../workqueue.js';
import { parse_event_control } from '../common/parse.js';
import { mem_cgroup_event } from './event.js';

const L = fnSites('versions.md', 'memcg_write_event_control');

/**
 * memcg_write_event_control() (versions.md section 6, lines 599-681). Process context, called by the kernfs
 * write path under an active reference on the file, with the raw NUL-terminated buffer. The control file must be
 * a cgroup file named memory.usage_in_bytes (the only one modelled with thresholds), and its directory's css must
 * be online and be this memcg's: css_tryget_online_from_dir() takes the reference the event keeps. Errors unwind
 * through out_put_css .. out_kfree.
 */
export function* memcg_write_event_control(k: Kernel, cgrp: cgroup, cft: cftype, raw: CharPtr): KGen<number> {
  const memcg = k.rd(cgrp, L(599)).subsys[mem_cgroup_subsys_id] as mem_cgroup;
  const task = k.cpu.task!;
  const buf = strstrip(k, raw, L(606));
  const parsed = parse_event_control(k, buf, { efd: L(608), efdEnd: L(609), cfd: L(613), cfdEnd: L(614) });
  if (parsed === null) return -EINVAL;
  const { efd, cfd, args } = parsed;

  const event = yield* kzalloc(k, 'mem_cgroup_event', 160, GFP_KERNEL, L(617), (mem) => new mem_cgroup_event(mem));
  if (event === null) return -ENOMEM;
  k.wr(event, L(617)).memcg = memcg;
  INIT_LIST_HEAD(event.list);
  init_poll_funcptr(event.pt, k.v.cgroup_event_ptable_queue_proc);
  init_waitqueue_func_entry(event.wait, k.v.cgroup_event_wake);
  INIT_WORK(event.remove, k.v.cgroup_event_remove);

  let ret: number;
  out_kfree: {
    const efile = yield* fget(k, task.files!, efd, L(618));
    if (efile === null) {
      ret = -EBADF;
      break out_kfree;
    }
    out_put_efile: {
      const ctx = yield* eventfd_ctx_fileget(k, efile, L(619));
      if (IS_ERR(ctx)) {
        ret = PTR_ERR(ctx);
        break out_put_efile;
      }
      event.eventfd = ctx;
      out_put_eventfd: {
        const cfile = yield* fget(k, task.files!, cfd, L(620));
        if (cfile === null) {
          ret = -EBADF;
          break out_put_eventfd;
        }
        out_put_cfile: {
          ret = file_permission(k, cfile, MAY_READ, task.uid, L(621));
          if (ret < 0) break out_put_cfile;
          // The control file must be a regular cgroup1 file (628); its name picks the callbacks (632-637).
          ret = -EINVAL;
          if (k.rd(cfile, L(628)).f_op !== cgroup_file_operations) break out_put_cfile;
          const ccft = __d_cft(cfile);
          if (ccft.name !== 'memory.usage_in_bytes' || ccft.register_event === undefined) break out_put_cfile;
          event.cft = ccft;
          event.register_event = ccft.register_event;
          event.unregister_event = ccft.unregister_event!;
          // css_tryget_online_from_dir(cdentry->d_parent, &memory_cgrp_subsys), under RCU (644-652).
          yield* rcu_read_lock(k, L(644));
          const cfile_css = k.rd(__d_cgrp(cfile), L(644)).subsys[mem_cgroup_subsys_id] ?? null;
          const got = cfile_css !== null && css_tryget(k, cfile_css, L(644));
          yield* rcu_read_unlock(k, L(645));
          if (!got) break out_put_cfile;
          if (cfile_css !== memcg) {
            yield* css_put(k, cfile_css!, L(650));
            break out_put_cfile;
          }
          out_put_css: {
            ret = yield* event.register_event(k, cgrp, ccft, ctx, args, L(654));
            if (ret) break out_put_css;

            yield* k.rd(efile, L(658)).f_op.poll!(k, efile, event.pt);

            yield* spin_lock_irq(k, memcg.event_list_lock!, L(660));
            yield* list_add(k, event.list, memcg.event_list!, L(661));
            yield* spin_unlock_irq(k, memcg.event_list_lock!, L(662));

            yield* fput(k, cfile, L(664));
            yield* fput(k, efile, L(665));
            return 0;
          }
          yield* css_put(k, memcg, L(670));
        }
        yield* fput(k, cfile, L(672));
      }
      yield* eventfd_ctx_put(k, ctx, L(674));
    }
    yield* fput(k, efile, L(676));
  }
  yield* kfree(k, event, L(678));
  return ret;
}
