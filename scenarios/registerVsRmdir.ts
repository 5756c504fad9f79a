import { noRegistration, openForRegistration, registerAndKeepEventfd } from './common.js';
import type { Scenario } from './scenario.js';

/** A monitor registers an event (and closes its control files) while an admin removes the cgroup. */
export const registerVsRmdir: Scenario = {
  name: 'register-vs-rmdir',
  summary: 'a write to cgroup.event_control races rmdir of the same cgroup',
  plan(u) {
    const monitor = u.process('monitor');
    const admin = u.process('admin');
    let r = noRegistration();
    return {
      setup: function* () {
        yield* u.mkdir(admin, '/A');
        r = yield* openForRegistration(u, monitor, '/A');
      },
      actors: [
        { name: 'register', body: () => registerAndKeepEventfd(u, monitor, r, '4096') },
        { name: 'rmdir', body: () => u.rmdir(admin, '/A') },
      ],
    };
  },
};
