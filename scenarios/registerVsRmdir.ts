import type { Scenario } from './scenario.js';

/** A monitor registers an event (and closes its control files) while an admin removes the cgroup. */
export const registerVsRmdir: Scenario = {
  name: 'register-vs-rmdir',
  summary: 'a write to cgroup.event_control races rmdir of the same cgroup',
  plan(u) {
    const monitor = u.process('monitor');
    const admin = u.process('admin');
    let efd = -1;
    let cfd = -1;
    let ecfd = -1;
    return {
      setup: function* () {
        yield* u.mkdir(admin, '/A');
        efd = yield* u.eventfd(monitor);
        cfd = yield* u.open(monitor, '/A', 'memory.usage_in_bytes');
        ecfd = yield* u.open(monitor, '/A', 'cgroup.event_control', 2);
      },
      actors: [
        {
          name: 'register',
          body: function* () {
            yield* u.register(monitor, ecfd, efd, cfd, '4096');
            yield* u.close(monitor, cfd);
            yield* u.close(monitor, ecfd);
          },
        },
        { name: 'rmdir', body: () => u.rmdir(admin, '/A') },
      ],
    };
  },
};
