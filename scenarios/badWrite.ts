import type { FaultSpec } from '../model/kernel.js';
import type { Scenario } from './scenario.js';

/** The descriptors a bad-write case may name. */
export interface BadWriteFds {
  readonly efd: number;
  readonly cfd: number;
  readonly ecfd: number;
  readonly limitfd: number;
  readonly otherfd: number;
  readonly efd2: number;
  readonly closedfd: number;
  /** cgroup.event_control of sched:/C, a cgroup of the hierarchy without the memory controller. */
  readonly ecfdSched: number;
}

interface BadWriteCase {
  readonly name: string;
  readonly summary: string;
  readonly text: (f: BadWriteFds) => string;
  readonly uid?: number;
  readonly faults?: readonly FaultSpec[];
  /** Which cgroup.event_control the write goes to: /A's unless it says sched:/C's. */
  readonly to?: 'ecfd' | 'ecfdSched';
}

const CASES: readonly BadWriteCase[] = [
  { name: 'empty', summary: 'an empty write', text: () => '' },
  { name: 'missing-cfd', summary: 'only the eventfd', text: (f) => `${f.efd}` },
  { name: 'no-separator', summary: 'the two fds joined by a comma', text: (f) => `${f.efd},${f.cfd}` },
  { name: 'not-numbers', summary: 'words instead of fds', text: () => 'abc def' },
  { name: 'cfd-not-a-number', summary: 'a word for the control fd', text: (f) => `${f.efd} xyz 4096` },
  { name: 'huge-efd', summary: 'an eventfd number far beyond any fd (it wraps)', text: (f) => `99999999999999999999999 ${f.cfd} 4096` },
  { name: 'no-args', summary: 'nothing after the control fd', text: (f) => `${f.efd} ${f.cfd}` },
  { name: 'trailing-newline', summary: 'no arguments, but a newline as echo writes it', text: (f) => `${f.efd} ${f.cfd}\n` },
  { name: 'not-an-eventfd', summary: 'a control file where the eventfd goes', text: (f) => `${f.cfd} ${f.cfd} 4096` },
  { name: 'closed-efd', summary: 'an eventfd that was already closed', text: (f) => `${f.closedfd} ${f.cfd} 4096` },
  { name: 'bad-cfd', summary: 'a control fd that was never opened', text: (f) => `${f.efd} 99 4096` },
  { name: 'cfd-not-a-control-file', summary: 'an eventfd where the control file goes', text: (f) => `${f.efd} ${f.efd2} 4096` },
  { name: 'no-register-event', summary: 'a control file without notification support', text: (f) => `${f.efd} ${f.limitfd} 4096` },
  { name: 'no-read-permission', summary: 'a control file the user cannot read (cgroup.event_control itself)', text: (f) => `${f.efd} ${f.ecfd} 4096`, uid: 1000 },
  { name: 'other-cgroup', summary: 'a control file of another cgroup', text: (f) => `${f.efd} ${f.otherfd} 4096` },
  {
    name: 'other-hierarchy',
    summary: 'a memory control file, written to cgroup.event_control of a hierarchy without the memory controller',
    text: (f) => `${f.efd} ${f.cfd} 4096`,
    to: 'ecfdSched',
  },
  { name: 'alloc-fails', summary: 'the cgroup_event allocation fails', text: (f) => `${f.efd} ${f.cfd} 4096`, faults: [{ type: 'cgroup_event', nth: 1 }] },
  { name: 'register-fails', summary: "the subsystem's register_event fails (its allocation does)", text: (f) => `${f.efd} ${f.cfd} 4096`, faults: [{ type: 'mem_cgroup_threshold_ary', nth: 1 }] },
  { name: 'bad-threshold', summary: 'a threshold register_event refuses', text: (f) => `${f.efd} ${f.cfd} 12abc` },
];

function badWrite(c: BadWriteCase): Scenario {
  return {
    name: `bad-write:${c.name}`,
    summary: `one malformed or hostile write to cgroup.event_control: ${c.summary}`,
    plan(u) {
      const admin = u.process('admin');
      const user = u.process('user', c.uid ?? 0);
      let fds: BadWriteFds | null = null;
      return {
        setup: function* () {
          yield* u.mkdir(admin, '/A');
          yield* u.mkdir(admin, '/B');
          yield* u.mkdir(admin, 'sched:/C');
          const efd = yield* u.eventfd(user);
          const cfd = yield* u.open(user, '/A', 'memory.usage_in_bytes');
          const ecfd = yield* u.open(user, '/A', 'cgroup.event_control', 2);
          const limitfd = yield* u.open(user, '/A', 'memory.limit_in_bytes');
          const otherfd = yield* u.open(user, '/B', 'memory.usage_in_bytes');
          const efd2 = yield* u.eventfd(user);
          const ecfdSched = yield* u.open(user, 'sched:/C', 'cgroup.event_control', 2);
          // Opened last and closed, so no later open reuses its number.
          const closedfd = yield* u.eventfd(user);
          yield* u.close(user, closedfd);
          fds = { efd, cfd, ecfd, limitfd, otherfd, efd2, closedfd, ecfdSched };
        },
        actors: [{ name: 'write', body: () => u.write(user, fds![c.to ?? 'ecfd'], c.text(fds!)) }],
        ...(c.faults !== undefined ? { faults: c.faults } : {}),
      };
    },
  };
}

/** Every bad-write case, each its own scenario (`bad-write:<case>`); `bad-write` names them all. */
export const badWrites: readonly Scenario[] = CASES.map(badWrite);
