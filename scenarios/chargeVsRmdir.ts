import { registerEvent } from './common.js';
import type { Scenario } from './scenario.js';

/**
 * A task in the cgroup charges memory across the registered threshold and then leaves the cgroup, while an admin
 * removes it: the crossing races the cgroup's teardown of its events.
 */
export const chargeVsRmdir: Scenario = {
  name: 'charge-vs-rmdir',
  summary: 'a threshold crossing (and the task leaving) races the removal of the cgroup and its events',
  plan(u) {
    const monitor = u.process('monitor');
    const worker = u.process('worker');
    const admin = u.process('admin');
    return {
      setup: function* () {
        yield* u.mkdir(admin, '/A');
        yield* u.attach(worker, '/A');
        yield* registerEvent(u, monitor, '/A', '8192');
      },
      actors: [
        {
          name: 'charge',
          body: function* () {
            yield* u.touch(worker, 12288);
            yield* u.attach(worker, '/');
          },
        },
        {
          name: 'rmdir',
          body: function* () {
            // An admin retries while the cgroup is busy, as a cleanup script would.
            for (let i = 0; i < 3; i++) if ((yield* u.rmdir(admin, '/A')) !== -16) return;
          },
        },
      ],
    };
  },
};
