import { openForRegistration, registerAndKeepEventfd } from './common.js';
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
        const r = yield* openForRegistration(u, monitor, '/A');
        efd = r.efd;
        yield* u.register(monitor, r.ecfd, r.efd, r.cfd, '4096');
        yield* registerAndKeepEventfd(u, monitor, r, '8192');
      },
      actors: [
        { name: 'close', body: () => u.close(monitor, efd) },
        { name: 'charge', body: () => u.touch(worker, 12288) },
      ],
    };
  },
};
