import { noRegistration, openForRegistration, registerAndKeepEventfd } from './common.js';
import type { Scenario } from './scenario.js';

/** All three at once: a registration, the close of its eventfd by another thread, and rmdir of the cgroup. */
export const registerCloseRmdir: Scenario = {
  name: 'register-close-rmdir',
  summary: 'a registration, close() of its eventfd and rmdir of its cgroup, all concurrent',
  plan(u) {
    const monitor = u.process('monitor');
    const closer = u.thread(monitor, 'closer');
    const admin = u.process('admin');
    let r = noRegistration();
    return {
      setup: function* () {
        yield* u.mkdir(admin, '/A');
        r = yield* openForRegistration(u, monitor, '/A');
      },
      actors: [
        { name: 'register', body: () => registerAndKeepEventfd(u, monitor, r, '4096') },
        { name: 'close', body: () => u.close(closer, r.efd) },
        { name: 'rmdir', body: () => u.rmdir(admin, '/A') },
      ],
    };
  },
};
