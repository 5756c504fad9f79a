/**
 * What 6.x's C (versions.md section 6: memcg owns the events) needs of the model beyond 3.11's: the memcg's css
 * references, eventfd_signal of one argument (6.8 on), key_to_poll and EPOLL bits, and the event's own
 * register/unregister callbacks, which in 6.x take the memcg and the eventfd where the model's take the cgroup,
 * the control file's cftype and the eventfd (as the hand-written v6.10 calls them).
 */
import { eventfd_signal } from '../../model/eventfd.js';
import type { Kernel, KGen } from '../../model/kernel.js';
import { list_empty, type list_head } from '../../model/list.js';
import { spin_lock, spin_unlock } from '../../model/locking/spinlock.js';
import { mem_cgroup } from '../../model/memcg/memcontrol.js';
import type { Site } from '../../model/site.js';
import { css_put } from '../../model/variants/eras/core-3.12/css.js';
import { mem_cgroup_event } from '../../model/variants/v6_10/event.js';
import { withSite, plain, type Binding } from './binding.js';

export const MEMCG_BINDINGS: Readonly<Record<string, Binding>> = {
  css_put: withSite(['css'], css_put),
  list_empty: {
    params: ['head'],
    *call(k, site, [head]) {
      return list_empty(k, head as list_head, site) ? 1 : 0;
    },
  },
  key_to_poll: plain(['key'], (key: number) => key),
  // The lock of 6.x's write and offline is taken with interrupts off; the model's spin_lock is the same lock.
  spin_lock_irq: withSite(['lock'], spin_lock),
  spin_unlock_irq: withSite(['lock'], spin_unlock),
};

/** eventfd_signal(ctx) of 6.8 on adds 1; eventfd_signal(ctx, n) before. */
export function* eventfdSignal(k: Kernel, site: Site, args: readonly unknown[]): KGen<unknown> {
  return yield* eventfd_signal(k, args[0] as never, args.length > 1 ? (args[1] as number) : 1, site);
}

/** `&memcg->css`: the model's mem_cgroup is its own css. */
export function memcgMember(obj: object, field: string): unknown {
  return obj instanceof mem_cgroup && field === 'css' ? obj : undefined;
}

/**
 * The model arguments of a call through a 6.x event's callback: `event->unregister_event(memcg, eventfd)` is the
 * model's `unregister_event(cgrp, cft, eventfd)` with the memcg's cgroup and the cftype the event keeps. Null
 * when the call is not one of those.
 */
export function memcgCallbackArgs(obj: unknown, field: string, args: readonly unknown[]): unknown[] | null {
  if (!(obj instanceof mem_cgroup_event) || (field !== 'unregister_event' && field !== 'register_event')) return null;
  const [memcg, ...rest] = args;
  if (!(memcg instanceof mem_cgroup)) return null;
  return [memcg.cgroup, obj.cft, ...rest];
}
