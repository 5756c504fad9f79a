/**
 * Bindings for the kernel functions the later versions' C calls and the seed's does not (versions.md 2c, 4, 6):
 * the directory reference the events took from 2.6.34 (dget/dput), 3.11's cgroup_dput (an active reference on
 * the superblock around the dput), the wake's own __remove_wait_queue of 2.6.34.
 */
import { dget, dput } from '../../model/fs/dcache.js';
import { deactivate_super, sb_grab_active, super_block } from '../../model/fs/super.js';
import { atomic_inc, refcount_t } from '../../model/refcount.js';
import { __remove_wait_queue } from '../../model/wait.js';
import { withSite, type Binding } from './binding.js';

export const LATER_BINDINGS: Readonly<Record<string, Binding>> = {
  __remove_wait_queue: withSite(['q', 'wait'], __remove_wait_queue),
  dget: withSite(['dentry'], dget),
  dput: withSite(['dentry'], dput),
  deactivate_super: withSite(['sb'], deactivate_super),
  // atomic_inc(&sb->s_active): one step of its own on the superblock, as the model's cgroup_dput takes it.
  atomic_inc: {
    params: ['v'],
    prepare: (_s, call) => call.text.replace(/\s+/g, ' '),
    *call(k, site, [v], text) {
      const r = v as refcount_t;
      const owner = r instanceof refcount_t ? r.mem.obj : null;
      yield k.op(text as string, owner ?? r, site);
      if (owner instanceof super_block && owner.s_active === r) sb_grab_active(k, owner, site);
      else atomic_inc(k, r, site);
    },
  },
};
