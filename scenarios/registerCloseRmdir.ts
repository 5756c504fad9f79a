import type { Scenario } from './scenario.js';

/** All three at once: a registration, the close of its eventfd by another thread, and rmdir of the cgroup. */
export const registerCloseRmdir: Scenario = {
  name: 'register-close-rmdir',
  summary: 'a registration, close() of its eventfd and rmdir of its cgroup, all concurrent',
  plan(u) {
    const monitor = u.process('monitor');
    const closer = u.thread(monitor, 'closer');
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
        { name: 'close', body: () => u.close(closer, efd) },
        { name: 'rmdir', body: () => u.rmdir(admin, '/A') },
      ],
    };
  },
};
