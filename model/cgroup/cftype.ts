import type { cftype } from './cgroup.js';

/**
 * Builds a cftype whose register_event/unregister_event report every call to the API checkers. The probes sit
 * on the callee's side, so every caller (any version of the cgroup core, or a reviewer's own) is observed.
 */
export function define_cftype(spec: cftype): cftype {
  const reg = spec.register_event;
  const unreg = spec.unregister_event;
  const cssOf = (cgrp: Parameters<NonNullable<cftype['register_event']>>[1]) =>
    spec.subsys_id === null ? null : (cgrp.subsys[spec.subsys_id] ?? null);
  return {
    ...spec,
    register_event:
      reg === undefined
        ? undefined
        : function* register_event(k, cgrp, cft, eventfd, args, site) {
            const ret = yield* reg(k, cgrp, cft, eventfd, args, site);
            k.probes.api({ type: 'register_event', cgrp, cft: cft.name, eventfd, css: cssOf(cgrp), ret, site });
            return ret;
          },
    unregister_event:
      unreg === undefined
        ? undefined
        : function* unregister_event(k, cgrp, cft, eventfd, site) {
            k.probes.api({ type: 'unregister_event', cgrp, cgrpMem: cgrp.mem, cft: cft.name, eventfd, css: cssOf(cgrp), site, ret: null });
            return yield* unreg(k, cgrp, cft, eventfd, site);
          },
  };
}
