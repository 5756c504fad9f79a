/**
 * What the library exports of the shipped versions: each version to derive from, and the parts of their code a
 * user's module needs to copy one of their functions and change a line (the index.ts of cgsim re-exports it all).
 */

// The versions, each a Variant to spread and change.
export { variants, findVariant, SEED_VARIANT } from './index.js';
export { v4 } from './v4/index.js';
export { v2_6_34 } from './v2_6_34/index.js';
export { v3_8 } from './v3_8/index.js';
export { v3_11 } from './v3_11/index.js';
export { v3_12 } from './v3_12/index.js';
export { v6_10 } from './v6_10/index.js';

// The event structs (the cgroup core's, then the memcg's own) and their container_of.
export { cgroup_event, event_of } from './v4/event.js';
export { mem_cgroup_event, memcg_event_of } from './v6_10/event.js';

// What every version's write handler starts with, and the core's helpers the handlers of the cgroup core use.
export { parse_event_control, type ParseSites } from './common/parse.js';
export { __file_cft, init_cgroup_housekeeping } from './v4/housekeeping.js';

// css references (from 3.12 on): the events' pin on the memcg, and the css's lifetime rmdir drives.
export { css_tryget, css_put, css_kill, init_css, cgroup_diput as cgroup_diput_css } from './eras/core-3.12/css.js';
export { cgroup_put } from '../cgroup/put.js';
export { cgroup_dput } from './v3_11/cgroupDput.js';

// Each era's cgroup filesystem: the holds a directory takes, what kills a superblock, the dentry's release.
export { cgroup_create_dir, cgroup_kill_sb } from './eras/core-2.6.33/superblock.js';
export { cgroup_diput } from './eras/core-2.6.33/diput.js';
export { cgroup_kill_sb as kernfs_cgroup_kill_sb, kernfs_dir_release } from './eras/kernfs/superblock.js';

// The eras' pieces, to build a variant of another era: rmdirs, write paths, facts, memory controllers, threshold parsers.
export { cgroup_rmdir_of, type CssKill } from './eras/core-3.8/rmdir.js';
export { cgroup_rmdir_kernfs, kernfs_fop_write } from './eras/kernfs/kernfs.js';
export { facts_2_6_33, events_pin_the_cgroup } from './eras/core-2.6.33/facts.js';
export { facts_3_x } from './eras/core-3.8/facts.js';
export { facts_6_x } from './eras/kernfs/facts.js';
export { memcg_v5, memcg_2634, force_empty_refuses, mem_cgroup_destroy_put } from './eras/memcg-v5/index.js';
export { v5_thresholds, res_counter_memparse_write_strategy } from './eras/memcg-v5/thresholds.js';
export { memcg_3x, memcg_css, mem_cgroup_usage_register_event } from './eras/memcg-3.3/index.js';
export { usage_v1 } from './eras/memcg-5.6/index.js';
export { mem_cgroup_usage_unregister_event } from './eras/memcg-3.3/unregister.js';
export { __mem_cgroup_usage_unregister_event } from './eras/memcg-5.6/unregister.js';
export { type threshold_parser } from './eras/memcg-spare/array.js';
export { page_counter_memparse } from './eras/memcg-spare/pageCounter.js';
