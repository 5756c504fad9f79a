import type { Scenario } from './scenario.js';

/**
 * One eventfd registered for two thresholds of one cgroup, every control file closed, then rmdir: the
 * cgroup's teardown removes both events, with nothing else running. Found by `cgsim fuzz` on generated
 * workloads; kept as a scenario so that exploration asks it of every version.
 */
export const rmdirOneEventfdTwice: Scenario = {
  name: 'rmdir-one-eventfd-twice',
  summary: 'rmdir of a cgroup where one eventfd is registered twice (its control files closed)',
  plan(u) {
    const monitor = u.process('monitor');
    const admin = u.process('admin');
    return {
      setup: function* () {
        yield* u.mkdir(admin, '/A');
        const efd = yield* u.eventfd(monitor);
        const cfd = yield* u.open(monitor, '/A', 'memory.usage_in_bytes');
        const ecfd = yield* u.open(monitor, '/A', 'cgroup.event_control', 2);
        yield* u.register(monitor, ecfd, efd, cfd, '4096');
        yield* u.register(monitor, ecfd, efd, cfd, '4096');
        yield* u.close(monitor, cfd);
        yield* u.close(monitor, ecfd);
      },
      actors: [{ name: 'rmdir', body: () => u.rmdir(admin, '/A') }],
    };
  },
};
