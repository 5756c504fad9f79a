import type { Scenario } from './scenario.js';

/** One thread registers an event while another thread of the same process closes the eventfd. */
export const registerVsClose: Scenario = {
  name: 'register-vs-close',
  summary: 'a write to cgroup.event_control races close() of the eventfd it names (two threads, one fd table)',
  plan(u) {
    const monitor = u.process('monitor');
    const closer = u.thread(monitor, 'closer');
    let efd = -1;
    let cfd = -1;
    let ecfd = -1;
    return {
      setup: function* () {
        yield* u.mkdir(monitor, '/A');
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
      ],
    };
  },
};
