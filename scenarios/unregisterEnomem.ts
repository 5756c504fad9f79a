import { registerEvent } from './common.js';
import type { Scenario } from './scenario.js';

/**
 * Two thresholds on one cgroup; the monitor closes the first eventfd while the allocation memcg's unregister
 * needs fails (failslab); once close() has returned, a task charges across both thresholds, while the kernel
 * may still be removing the event in its workqueue.
 */
export const unregisterEnomem: Scenario = {
  name: 'unregister-enomem',
  summary: "close(eventfd) when the subsystem's unregister_event cannot allocate, then a threshold crossing",
  plan(u) {
    const monitor = u.process('monitor');
    const worker = u.process('worker');
    let efd = -1;
    return {
      setup: function* () {
        yield* u.mkdir(monitor, '/A');
        yield* u.attach(worker, '/A');
        ({ efd } = yield* registerEvent(u, monitor, '/A', '4096'));
        yield* registerEvent(u, monitor, '/A', '8192');
      },
      actors: [
        { name: 'close', body: () => u.close(monitor, efd) },
        { name: 'charge', body: () => u.touch(worker, 12288), after: ['close'] },
      ],
      // Arrays 1 and 2 are the two registrations; the third is the one unregister allocates.
      faults: [{ type: 'mem_cgroup_threshold_ary', nth: 3 }],
    };
  },
};
