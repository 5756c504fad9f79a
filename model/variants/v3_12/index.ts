import { memcg_css } from '../eras/memcg-3.3/index.js';
import type { Variant } from '../../variant.js';
import { v3_11 } from '../v3_11/index.js';
import { cgroup_diput, cgroup_rmdir_312, init_css } from '../eras/core-3.12/css.js';
import { cgroup_event_remove } from './eventRemove.js';
import { cgroup_write_event_control } from './writeEventControl.js';

/**
 * 3.12 (versions.md section 5): the event pins the subsystem state (css_tryget at registration, css_put in the
 * removal work) instead of the directory dentry; the memory controller's state lives by css references, and
 * rmdir kills them before the offline.
 */
export const v3_12: Variant = {
  ...v3_11,
  name: 'v3.12',
  base: 'v3.11',
  title: '3.12: the event pins a css (css_tryget / css_put) instead of the directory dentry',
  source: '../shared/reference/versions.md section 5 (verbatim, comment-stripped 3.12-era tree)',
  subsystems: [memcg_css],
  cgroup_rmdir: cgroup_rmdir_312,
  init_css,
  cgroup_diput,
  cgroup_write_event_control,
  cgroup_event_remove,
};
