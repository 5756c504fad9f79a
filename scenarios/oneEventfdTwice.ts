import type { Scenario } from './scenario.js';

/**
 * One eventfd registered for two thresholds of one cgroup (ordinary usage: one fd to wait on), then closed
 * while a task of the cgroup charges memory.
 */
export const oneEventfdTwice: Scenario = {
  name: 'one-eventfd-twice',
  summary: 'one eventfd registered twice on one control file, then closed while a task charges memory',
  plan(u) {
    const monitor = u.process('monitor');
    const worker = u.process('worker');
    let efd = -1;
    return {
      setup: function* () {
        yield* u.mkdir(monitor, '/A');
        yield* u.attach(worker, '/A');
        efd = yield* u.eventfd(monitor);
        const cfd = yield* u.open(monitor, '/A', 'memory.usage_in_bytes');
        const ecfd = yield* u.open(monitor, '/A', 'cgroup.event_control', 2);
        yield* u.register(monitor, ecfd, efd, cfd, '4096');
        yield* u.register(monitor, ecfd, efd, cfd, '8192');
        yield* u.close(monitor, cfd);
        yield* u.close(monitor, ecfd);
      },
      actors: [
        { name: 'close', body: () => u.close(monitor, efd) },
        { name: 'charge', body: () => u.touch(worker, 12288) },
      ],
    };
  },
};
