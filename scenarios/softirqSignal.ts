import type { eventfd_ctx } from '../model/eventfd.js';
import { noRegistration, openForRegistration, registerAndKeepEventfd, registerEvent } from './common.js';
import type { Scenario } from './scenario.js';

/**
 * An aio completion signals an unrelated eventfd from softirq context, on the CPU of a task that is registering
 * an event, while another registered eventfd is closed: every eventfd_ctx's wqh.lock is one lockdep class.
 */
export const softirqSignal: Scenario = {
  name: 'softirq-signal',
  summary: 'an aio-like softirq signals an unrelated eventfd while a registration and a close run',
  plan(u) {
    const monitor = u.process('monitor');
    const second = u.process('second');
    const aio = u.process('aio');
    let efd = -1;
    let pending = noRegistration();
    let ctx: eventfd_ctx | null = null;
    return {
      setup: function* () {
        yield* u.mkdir(monitor, '/A');
        ({ efd } = yield* registerEvent(u, monitor, '/A', '4096'));
        pending = yield* openForRegistration(u, second, '/A');
        const aiofd = yield* u.eventfd(aio);
        ctx = yield* u.aioEventfd(aio, aiofd);
      },
      actors: [
        { name: 'close', body: () => u.close(monitor, efd) },
        { name: 'register', body: () => registerAndKeepEventfd(u, second, pending, '8192') },
        {
          name: 'aio-softirq',
          interrupts: 'register',
          body: function* () {
            if (ctx !== null) yield* u.aioComplete(ctx);
          },
        },
      ],
    };
  },
};
