/** What the library exports of the shipped versions: each version to derive from, and the event structs. */
export { variants, findVariant, SEED_VARIANT } from './index.js';
export { v4 } from './v4/index.js';
export { v2_6_34 } from './v2_6_34/index.js';
export { v3_8 } from './v3_8/index.js';
export { v3_11 } from './v3_11/index.js';
export { v3_12 } from './v3_12/index.js';
export { v6_10 } from './v6_10/index.js';
export { cgroup_event, event_of } from './v4/event.js';
export { mem_cgroup_event, memcg_event_of } from './v6_10/event.js';
export { css_tryget, css_put } from './eras/core-3.12/css.js';
