import { openForRegistration, registerAndKeepEventfd } from './common.js';
import type { Scenario } from './scenario.js';

/**
 * One monitor's eventfd is registered for two thresholds of /A and closed, while another monitor registers its
 * own eventfd on /A: the removals of the first eventfd's two events race the second registration.
 */
export const closeVsRegister: Scenario = {
  name: 'close-vs-register',
  summary: 'close() of an eventfd registered twice races another monitor registering on the same control file',
  plan(u) {
    const first = u.process('monitor');
    const second = u.process('monitor2');
    let efd = -1;
    let r2 = { efd: -1, cfd: -1, ecfd: -1 };
    return {
      setup: function* () {
        yield* u.mkdir(first, '/A');
        const r = yield* openForRegistration(u, first, '/A');
        efd = r.efd;
        yield* u.register(first, r.ecfd, r.efd, r.cfd, '4096');
        yield* registerAndKeepEventfd(u, first, r, '8192');
        r2 = yield* openForRegistration(u, second, '/A');
      },
      actors: [
        { name: 'close', body: () => u.close(first, efd) },
        { name: 'register', body: () => registerAndKeepEventfd(u, second, r2, '12288') },
      ],
    };
  },
};
