import { registerEvent } from './common.js';
import type { Scenario } from './scenario.js';

/** A task in the cgroup charges memory across the registered threshold while the monitor closes the eventfd. */
export const signalVsClose: Scenario = {
  name: 'signal-vs-close',
  summary: 'a memcg threshold crossing signals the eventfd while it is being closed',
  plan(u) {
    const monitor = u.process('monitor');
    const worker = u.process('worker');
    let efd = -1;
    return {
      setup: function* () {
        yield* u.mkdir(monitor, '/A');
        yield* u.attach(worker, '/A');
        ({ efd } = yield* registerEvent(u, monitor, '/A', '8192'));
      },
      actors: [
        { name: 'charge', body: () => u.touch(worker, 12288) },
        { name: 'close', body: () => u.close(monitor, efd) },
      ],
    };
  },
};
