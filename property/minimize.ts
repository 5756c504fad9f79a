import type { Variant } from '../model/variant.js';
import { validateWorkload } from '../scenarios/workload/validate.js';
import type { Workload } from '../scenarios/workload/workload.js';
import { findingKey } from '../sim/finding.js';
import { decodeSchedule } from '../sim/schedule.js';
import { RandomStrategy } from '../sim/strategy/random.js';
import type { Switch } from '../sim/strategy/switches.js';
import { caseSize, type Counterexample } from './counterexample.js';
import { fewestSwitches } from './fewestSwitches.js';
import { PrefixStrategy } from '../sim/strategy/prefix.js';
import { runWorkload, showing, switchStrategy, type BugFilter, type CaseRun } from './runCase.js';

/** A case under reduction: the workload, the switches that broke it, and the run they gave. */
interface Current {
  workload: Workload;
  switches: Switch[];
  run: CaseRun;
}

/** Executions the search of a candidate may take, and the final search for the fewest context switches. */
const CANDIDATE_CAP = 60;
const START_CAP = 300;
const FINAL_CAP = 1000;
const RANDOM_RUNS = 100;

/**
 * The run of `workload` showing `key` with the fewest context switches among `known`, a context-bounded search of
 * `cap` executions, and random runs (which reach orders the bounded search leaves for later levels).
 */
function fewestRun(variant: Variant, workload: Workload, key: string, accept: BugFilter, known: CaseRun, cap: number): CaseRun {
  const shows = showing(key);
  let run = known;
  const fewest = fewestSwitches(variant, workload, key, accept, cap);
  if (shows(fewest) && fewest.switches <= run.switches) run = fewest;
  for (let i = 0; i < RANDOM_RUNS; i++) {
    const r = runWorkload(variant, workload, new RandomStrategy('minimize', i), accept);
    if (shows(r) && r.switches < run.switches) run = r;
  }
  return run;
}

/** Every workload with one part fewer: a task, a call of a task, a setup call, a fault, a cgroup. */
function* smaller(w: Workload): Generator<{ workload: Workload; dropTask: number }> {
  for (let t = 0; t < w.tasks.length; t++) {
    if (w.tasks.length === 1) break;
    const gone = w.tasks[t]!.name;
    const tasks = w.tasks.filter((_, i) => i !== t).filter((x) => x.interrupts !== gone);
    yield { workload: { ...w, tasks }, dropTask: t };
  }
  for (let t = 0; t < w.tasks.length; t++) {
    const calls = w.tasks[t]!.calls;
    for (let c = 0; c < calls.length; c++) {
      const tasks = w.tasks.map((x, i) => (i === t ? { ...x, calls: calls.filter((_, j) => j !== c) } : x));
      yield { workload: { ...w, tasks }, dropTask: -1 };
    }
  }
  for (let c = w.setup.length - 1; c >= 0; c--) yield { workload: { ...w, setup: w.setup.filter((_, j) => j !== c) }, dropTask: -1 };
  for (let f = 0; f < w.faults.length; f++) yield { workload: { ...w, faults: w.faults.filter((_, j) => j !== f) }, dropTask: -1 };
  for (let g = w.cgroups.length - 1; g >= 0; g--) yield { workload: { ...w, cgroups: w.cgroups.filter((_, j) => j !== g) }, dropTask: -1 };
  for (let t = 0; t < w.tasks.length; t++) {
    const x = w.tasks[t]!;
    // Each candidate must differ from `w`, or the reduction would never end.
    if (x.uid !== 0) yield { workload: { ...w, tasks: w.tasks.map((y, i) => (i === t ? { ...y, uid: 0 } : y)) }, dropTask: -1 };
    if (x.cgroup !== null) yield { workload: { ...w, tasks: w.tasks.map((y, i) => (i === t ? { ...y, cgroup: null } : y)) }, dropTask: -1 };
  }
}

/** The switches of a schedule once task `dropped` is gone: those to it go, later tasks move down one. */
function withoutTask(s: readonly Switch[], dropped: number): Switch[] {
  if (dropped < 0) return [...s];
  return s.filter((x) => x.to !== dropped).map((x) => (x.to > dropped ? { ...x, to: x.to - 1 } : x));
}

/**
 * Shrinks a failing case further than fast-check's structural shrinking can: greedily drops tasks, calls, setup
 * calls, faults, cgroups and task attributes while the same bug (kind and site) still shows, first under the
 * case's own switches, else under a short context-bounded search; then drops and delays switches; last, finds
 * the fewest context switches the final workload needs (fewestSwitches, and random runs). The schedule is
 * generated switches or a recorded `s1:` schedule (an exploration's witness). Deterministic: same input, same
 * result.
 */
export function minimizeCase(variant: Variant, workload: Workload, schedule: readonly Switch[] | string, accept: BugFilter, finalCap = FINAL_CAP): Counterexample {
  // A recorded schedule (`s1:...`) fits this workload only: smaller ones are searched instead.
  const switches = typeof schedule === 'string' ? [] : schedule;
  const first = runWorkload(variant, workload, typeof schedule === 'string' ? new PrefixStrategy(decodeSchedule(schedule), switchStrategy([])) : switchStrategy(switches), accept);
  if (first.bug === null) throw new Error('minimizeCase: the case does not fail');
  const key = findingKey(first.bug);
  const shows = showing(key);
  let cur: Current = { workload, switches: [...switches], run: first };

  const attempt = (w: Workload, s: Switch[]): Current | null => {
    try {
      validateWorkload(w);
    } catch {
      return null;
    }
    // A smaller workload is better only if it needs no more context switches.
    const r = runWorkload(variant, w, switchStrategy(s), accept);
    if (shows(r) && r.switches <= cur.run.switches) return { workload: w, switches: s, run: r };
    const found = fewestSwitches(variant, w, key, accept, CANDIDATE_CAP, 2);
    return shows(found) && found.switches <= cur.run.switches ? { workload: w, switches: [], run: found } : null;
  };
  cur = { ...cur, run: fewestRun(variant, workload, key, accept, cur.run, START_CAP) };

  for (let progress = true; progress; ) {
    progress = false;
    for (const c of smaller(cur.workload)) {
      const next = attempt(c.workload, withoutTask(cur.switches, c.dropTask));
      if (next !== null) {
        cur = next;
        progress = true;
        break;
      }
    }
  }
  // Fewer and later-free switches, under the same workload.
  for (let i = cur.switches.length - 1; i >= 0; i--) {
    const s = cur.switches.filter((_, j) => j !== i);
    const r = runWorkload(variant, cur.workload, switchStrategy(s), accept);
    if (shows(r) && r.switches <= cur.run.switches) cur = { ...cur, switches: s, run: r };
  }
  const run = fewestRun(variant, cur.workload, key, accept, cur.run, finalCap);
  return { variant: variant.ref ?? variant.name, workload: cur.workload, schedule: run.schedule, bug: run.bug!, size: caseSize(cur.workload, run.switches) };
}
