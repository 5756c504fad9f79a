import fc from 'fast-check';
import type { Call, Task, Workload } from '../scenarios/workload/workload.js';
import type { FaultSpec } from '../model/kernel.js';

/** Bounds on generated workloads. Every bound is inclusive; the defaults keep an execution under ~400 steps. */
export interface WorkloadOptions {
  /** Concurrent tasks (a softirq counts as one). Default 3. */
  readonly maxTasks?: number;
  /** System calls per task. Default 3. */
  readonly maxCalls?: number;
  /** Memory cgroups (/A, /B, ...). Default 2. */
  readonly maxCgroups?: number;
  /** Eventfds the setup opens. Default 2. */
  readonly maxEventfds?: number;
  /** Registrations the setup makes before the tasks start. Default 2. */
  readonly maxRegistrations?: number;
  /** Writes of malformed or hostile text to cgroup.event_control. Default true. */
  readonly hostile?: boolean;
  /** Allocation failures (failslab). Default true. */
  readonly faults?: boolean;
  /** An aio completion signalling an eventfd from softirq context. Default true. */
  readonly softirq?: boolean;
  /** A cgroup of a second hierarchy without the memory controller (sched:/S), whose event_control tasks may write. Default true. */
  readonly otherHierarchy?: boolean;
}

const THRESHOLDS = ['4096', '8192', '12288'];
const CHARGES = [4096, 8192, 12288, -4096, -12288];
/** Allocations whose failure the kernel has to unwind: the event, memcg's array, the eventfd and its file. */
const FAULT_TYPES = ['cgroup_event', 'mem_cgroup_threshold_ary', 'eventfd_ctx', 'file'];
const CONTROL_FILES = ['memory.usage_in_bytes', 'memory.memsw.usage_in_bytes', 'memory.limit_in_bytes', 'cgroup.event_control'];

const letter = (i: number): string => String.fromCharCode(65 + i);

/** Text written to cgroup.event_control that is not a well-formed registration: every way a parser can slip. */
function hostileText(efds: readonly string[], cfds: readonly string[]): fc.Arbitrary<string> {
  const token = fc.oneof(
    fc.constantFrom(...efds.map((e) => `$${e}`), ...cfds.map((c) => `$${c}`)),
    fc.constantFrom('4096', '0', '-1', '99', '12abc', '99999999999999999999999', '', 'abc', '1k', '18446744073709551615'),
  );
  const sep = fc.constantFrom(' ', ' ', '', ',', '\n', '  ', '\t');
  return fc.tuple(fc.array(fc.tuple(token, sep), { minLength: 0, maxLength: 4 }), fc.constantFrom('', '\n', ' ', '\u0000')).map(([parts, end]) => parts.map(([t, s]) => `${t}${s}`).join('').trimEnd() + end);
}

/** One call a task makes, over the cgroups and handles of the workload. */
function callArbitrary(cgroups: readonly string[], efds: readonly string[], sched: boolean, o: Required<WorkloadOptions>): fc.Arbitrary<Call> {
  const g = fc.integer({ min: 0, max: cgroups.length - 1 });
  const e = fc.constantFrom(...efds);
  const register = fc.tuple(g, e, fc.constantFrom(...THRESHOLDS)).map(([i, ev, t]): Call => ({ op: 'write', fd: `w${letter(i)}`, text: `$${ev} $c${letter(i)} ${t}` }));
  const calls: fc.Arbitrary<Call>[] = [
    register,
    e.map((ev): Call => ({ op: 'close', fd: ev })),
    g.map((i): Call => ({ op: 'rmdir', path: cgroups[i]! })),
    g.map((i): Call => ({ op: 'mkdir', path: cgroups[i]! })),
    fc.constantFrom(...cgroups, '/').map((p): Call => ({ op: 'attach', path: p })),
    fc.constantFrom(...CHARGES).map((b): Call => ({ op: 'charge', bytes: b })),
    e.map((ev): Call => ({ op: 'eventfd', bind: ev })),
    fc.tuple(g, fc.constantFrom(...CONTROL_FILES)).map(([i, f]): Call => ({ op: 'open', bind: `c${letter(i)}`, path: `${cgroups[i]}/${f}`, write: false })),
    fc.tuple(g, fc.constantFrom('c', 'w')).map(([i, k]): Call => ({ op: 'close', fd: `${k}${letter(i)}` })),
    fc.constant<Call>({ op: 'umount' }),
  ];
  if (o.hostile) {
    const cfds = cgroups.map((_, i) => `c${letter(i)}`);
    const to = fc.constantFrom(...cgroups.map((_, i) => `w${letter(i)}`), ...(sched ? ['wS'] : []));
    calls.push(fc.tuple(to, hostileText(efds, cfds)).map(([fd, text]): Call => ({ op: 'write', fd, text })));
    if (sched) calls.push(fc.tuple(g, e).map(([i, ev]): Call => ({ op: 'write', fd: 'wS', text: `$${ev} $c${letter(i)} 4096` })));
  }
  return fc.oneof(...calls);
}

/**
 * The setup: eventfds, each cgroup's usage file and cgroup.event_control (and sched:/S's), some registrations,
 * then, as a monitoring program does, the control files of the cgroups `closing` says closed again (an open
 * file pins its cgroup, so a kept one hides every race with the cgroup's destruction).
 */
function setupCalls(cgroups: readonly string[], efds: readonly string[], registrations: readonly Call[], closing: readonly boolean[], sched: boolean): Call[] {
  const out: Call[] = efds.map((e): Call => ({ op: 'eventfd', bind: e }));
  cgroups.forEach((path, i) => {
    out.push({ op: 'open', bind: `c${letter(i)}`, path: `${path}/memory.usage_in_bytes`, write: false });
    out.push({ op: 'open', bind: `w${letter(i)}`, path: `${path}/cgroup.event_control`, write: true });
  });
  if (sched) out.push({ op: 'open', bind: 'wS', path: 'sched:/S/cgroup.event_control', write: true });
  out.push(...registrations);
  cgroups.forEach((_, i) => {
    if (closing[i] === true) out.push({ op: 'close', fd: `c${letter(i)}` }, { op: 'close', fd: `w${letter(i)}` });
  });
  return out;
}

/** Task names from what each does first (`close`, `rmdir-2`), so a counterexample reads as a story. */
function named(tasks: readonly Omit<Task, 'name'>[]): Task[] {
  const used = new Map<string, number>();
  return tasks.map((t) => {
    const base = t.interrupts !== null ? 'aio' : (t.calls[0]?.op ?? 'idle');
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return { ...t, name: n === 1 ? base : `${base}-${n}` };
  });
}

/** The bounds when not given (WorkloadOptions says each). */
export const WORKLOAD_DEFAULTS: Required<WorkloadOptions> = { maxTasks: 3, maxCalls: 3, maxCgroups: 2, maxEventfds: 2, maxRegistrations: 2, hostile: true, faults: true, softirq: true, otherHierarchy: true };

function withDefaults(options: WorkloadOptions): Required<WorkloadOptions> {
  return { ...WORKLOAD_DEFAULTS, ...options };
}

/**
 * The largest workload these options can generate: its tasks (the softirq's included), and its calls, setup
 * included (eventfds, two opens per cgroup and the other hierarchy's, the registrations, two closes per cgroup,
 * the aio). A caller checks them against the limits a workload must keep (scenarios/workload/validate.ts) before
 * generating, so that a case is never refused halfway through a run.
 */
export function largestWorkload(options: WorkloadOptions = {}): { readonly tasks: number; readonly calls: number } {
  const o = withDefaults(options);
  const setup = o.maxEventfds + 4 * o.maxCgroups + (o.otherHierarchy ? 1 : 0) + o.maxRegistrations + (o.softirq ? 1 : 0);
  return { tasks: o.maxTasks, calls: setup + o.maxTasks * o.maxCalls };
}

/**
 * Generated userspace workloads: one to `maxCgroups` memory cgroups, a setup that opens eventfds and control
 * files and registers some events, then up to `maxTasks` concurrent tasks of up to `maxCalls` calls each
 * (registrations, hostile writes, close, mkdir, rmdir, attach, charges that cross thresholds, new eventfds),
 * optionally an aio completion in softirq context and one failing allocation. Shrinks towards fewer tasks,
 * calls, registrations and faults.
 */
export function workloadArbitrary(options: WorkloadOptions = {}): fc.Arbitrary<Workload> {
  const o = withDefaults(options);
  return fc
    .record({ cgroups: fc.integer({ min: 1, max: o.maxCgroups }), eventfds: fc.integer({ min: 1, max: o.maxEventfds }), sched: o.otherHierarchy ? fc.boolean() : fc.constant(false) })
    .chain(({ cgroups: nc, eventfds: ne, sched }) => {
      const cgroups = Array.from({ length: nc }, (_, i) => `/${letter(i)}`);
      const efds = Array.from({ length: ne }, (_, i) => `e${i}`);
      const call = callArbitrary(cgroups, efds, sched, o);
      const register = fc.tuple(fc.integer({ min: 0, max: nc - 1 }), fc.constantFrom(...efds), fc.constantFrom(...THRESHOLDS)).map(([i, ev, t]): Call => ({ op: 'write', fd: `w${letter(i)}`, text: `$${ev} $c${letter(i)} ${t}` }));
      const task = fc.record({
        uid: fc.constantFrom(0, 0, 0, 1000),
        cgroup: fc.option(fc.constantFrom(...cgroups), { freq: 2 }),
        calls: fc.array(call, { minLength: 1, maxLength: o.maxCalls }),
      });
      const fault: fc.Arbitrary<FaultSpec[]> = o.faults ? fc.array(fc.record({ type: fc.constantFrom(...FAULT_TYPES), nth: fc.integer({ min: 1, max: 3 }) }), { maxLength: 1 }) : fc.constant([]);
      const aio = o.softirq ? fc.option(fc.constantFrom(...efds), { freq: 4 }) : fc.constant(null);
      return fc
        .record({
          registrations: fc.array(register, { maxLength: o.maxRegistrations }),
          closing: fc.array(fc.boolean(), { minLength: nc, maxLength: nc }),
          tasks: fc.array(task, { minLength: 1, maxLength: o.maxTasks }),
          faults: fault,
          aio,
        })
        .map(({ registrations, closing, tasks, faults, aio: aioEfd }): Workload => {
          const setup = setupCalls(cgroups, efds, registrations, closing, sched);
          const plain = tasks.slice(0, aioEfd !== null ? Math.max(1, o.maxTasks - 1) : o.maxTasks).map((t) => ({ ...t, interrupts: null }));
          const all: Omit<Task, 'name'>[] = [...plain];
          if (aioEfd !== null) {
            setup.push({ op: 'aio', bind: 'a0', fd: aioEfd });
            all.push({ uid: 0, cgroup: null, interrupts: '', calls: [{ op: 'complete', aio: 'a0' }] });
          }
          const withNames = named(all);
          const host = withNames[0]!.name;
          return { cgroups: sched ? [...cgroups, 'sched:/S'] : cgroups, setup, tasks: withNames.map((t) => (t.interrupts !== null ? { ...t, interrupts: host } : t)), faults };
        });
    });
}
