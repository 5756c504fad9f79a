import { registerEvent } from './common.js';
import type { Scenario } from './scenario.js';

/** Two monitors, each with its own eventfd on one cgroup: one closes its eventfd while the cgroup is removed. */
export const twoEventfdsVsRmdir: Scenario = {
  name: 'two-eventfds-vs-rmdir',
  summary: 'two eventfds registered on one cgroup; one is closed while the cgroup is removed',
  plan(u) {
    const first = u.process('first');
    const second = u.process('second');
    const admin = u.process('admin');
    let efd = -1;
    return {
      setup: function* () {
        yield* u.mkdir(admin, '/A');
        ({ efd } = yield* registerEvent(u, first, '/A', '4096'));
        yield* registerEvent(u, second, '/A', '8192');
      },
      actors: [
        { name: 'close', body: () => u.close(first, efd) },
        { name: 'rmdir', body: () => u.rmdir(admin, '/A') },
      ],
    };
  },
};
