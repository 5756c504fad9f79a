import { noRegistration, openForRegistration, registerAndKeepEventfd } from './common.js';
import type { Scenario } from './scenario.js';

/** One thread registers an event while another thread of the same process closes the eventfd. */
export const registerVsClose: Scenario = {
  name: 'register-vs-close',
  summary: 'a write to cgroup.event_control races close() of the eventfd it names (two threads, one fd table)',
  plan(u) {
    const monitor = u.process('monitor');
    const closer = u.thread(monitor, 'closer');
    let r = noRegistration();
    return {
      setup: function* () {
        yield* u.mkdir(monitor, '/A');
        r = yield* openForRegistration(u, monitor, '/A');
      },
      actors: [
        { name: 'register', body: () => registerAndKeepEventfd(u, monitor, r, '4096') },
        { name: 'close', body: () => u.close(closer, r.efd) },
      ],
    };
  },
};
