import { findingKey, type Finding } from '../sim/finding.js';
import { conflict } from '../sim/footprint.js';
import { causalSlice, heldAt } from '../sim/slice.js';
import type { Site } from '../sim/site.js';
import type { ObservedReplay } from './observe.js';
import { kernelReport } from './kernelText.js';
import { sourceLocation } from './sourceMap.js';
import type { Lifetime, LockHold } from './recorder.js';

/** The version of the replay document; schema/cgsim-replay-1.schema.json describes it. */
export const REPLAY_FORMAT = 'cgsim-replay/1';

export interface DocStep {
  /** 1-based, as every report counts steps. */
  readonly step: number;
  readonly actor: string;
  readonly op: string;
  readonly object: string;
  readonly site: Site | null;
  /** The model's code for the step (`model/eventfd.ts:40`), when known. */
  readonly where: string | null;
  /** 1-based indices of the reports made during the step. */
  readonly findings: readonly number[];
}

export interface DocPending {
  readonly actor: string;
  readonly op: string;
  readonly object: string;
  readonly site: Site | null;
  /** False for an actor that never ran (it waited for others to finish). */
  readonly started: boolean;
  readonly why: string;
}

export interface DocFinding {
  readonly index: number;
  readonly key: string;
  readonly kind: string;
  readonly object: string;
  readonly site: string;
  readonly title: string;
  readonly fatal: boolean;
  readonly corrupts: boolean;
  /** 1-based step, or null when the report was made after the last step (end-of-run checks, a deadlock). */
  readonly step: number | null;
  readonly actor: string;
  /** The memory blocks the report is about (`cgroup#3`), as its checker names them. */
  readonly involves: readonly string[];
  /** The report as the kernel's tool prints it (kernelText.ts). */
  readonly text: readonly string[];
  /** The causal slice that explains it: 1-based steps (sim/slice.ts). */
  readonly slice: readonly number[];
  /** Pairs [a, b] of slice steps of different actors, a before b, that conflict: the order that matters. */
  readonly edges: readonly (readonly [number, number])[];
  /** Schedules of earlier runs the report rests on (replayed first). */
  readonly priorSchedules: readonly string[];
}

/** One replayed execution, everything every view of it draws from (text, diagram, Mermaid, HTML, JSON). */
export interface ReplayDoc {
  readonly format: typeof REPLAY_FORMAT;
  readonly variant: string;
  readonly scenario: string;
  readonly schedule: string;
  readonly replay: string;
  readonly ending: string;
  readonly steps: number;
  readonly actors: readonly string[];
  /** Steps 1..setupSteps ran alone before any other actor (the scenario's setup). */
  readonly setupSteps: number;
  readonly trace: readonly DocStep[];
  readonly pending: readonly DocPending[];
  readonly findings: readonly DocFinding[];
  readonly lifetimes: readonly Lifetime[];
  readonly locks: readonly LockHold[];
}

/** Builds the document of one observed replay; `replay` is the command that reproduces it, as the user runs it. */
export function replayDoc(o: ObservedReplay, meta: { variant: string; scenario: string; replay: string }): ReplayDoc {
  const { outcome } = o.result;
  const names = outcome.actorNames;
  const trace = outcome.trace ?? [];
  const setupSteps = leadingStepsOf(outcome.schedule, outcome.schedule[0] ?? 0);
  return {
    format: REPLAY_FORMAT,
    variant: meta.variant,
    scenario: meta.scenario,
    schedule: o.result.schedule,
    replay: meta.replay,
    ending: outcome.ending,
    steps: outcome.steps,
    actors: names,
    setupSteps,
    trace: trace.map((t) => ({ step: t.step + 1, actor: names[t.actor]!, op: t.op, object: t.obj, site: t.site, where: t.where === null ? null : sourceLocation(t.where), findings: t.findings.map((i) => i + 1) })),
    pending: outcome.pending.map((p) => ({ actor: names[p.actor]!, op: p.op, object: p.obj, site: p.site, started: p.started, why: p.why })),
    findings: outcome.findings.map((f, i) => docFinding(f, i + 1, o, setupSteps)),
    lifetimes: o.recorder.lifetimes,
    locks: o.recorder.holds,
  };
}

function docFinding(f: Finding, index: number, o: ObservedReplay, from: number): DocFinding {
  const { outcome } = o.result;
  const during = f.step < outcome.steps;
  const slice = withEntries(causalSlice({ accesses: o.accesses, targets: targetsOf(f, o, from), from }), o, from).map((s) => s + 1);
  return {
    index,
    key: findingKey(f),
    kind: f.kind,
    object: f.object,
    site: f.site,
    title: f.title,
    fatal: f.fatal,
    corrupts: f.corrupts,
    step: during ? f.step + 1 : null,
    actor: f.actor,
    involves: f.involves ?? [],
    text: kernelReport(f, index, outcome.steps),
    slice,
    edges: conflictEdges(slice, o),
    priorSchedules: f.priorRuns?.map((p) => p.schedule) ?? [],
  };
}

/**
 * The steps a report is about: the step it was made in, and the steps after the setup that changed the blocks the
 * report names (`involves`, lastWrites). One made after the last step with no such change: each unfinished actor's
 * last step and the locks it holds (a deadlock), the allocation after the setup of every block it names that was
 * never freed (a leak), else every actor's last step after the setup.
 */
function targetsOf(f: Finding, o: ObservedReplay, from: number): number[] {
  const { outcome } = o.result;
  const changed = lastWrites(f, o, from);
  if (f.step < outcome.steps) return [f.step, ...changed];
  if (changed.length > 0) return changed;
  const lastOf = (actor: number): number => outcome.schedule.lastIndexOf(actor);
  const pending = outcome.pending.map((p) => lastOf(p.actor)).filter((s) => s >= from);
  if (pending.length > 0) return [...pending, ...pending.flatMap((s) => heldAt(o.accesses, s, from))];
  const named = f.involves ?? [];
  const leaked = o.recorder.lifetimes.filter((l) => l.freeStep === null && named.includes(l.object) && l.allocStep - 1 >= from).map((l) => l.allocStep - 1);
  if (leaked.length > 0) return leaked;
  const actors = [...new Set(outcome.schedule.slice(from))];
  return actors.map(lastOf);
}

/**
 * The steps after the setup (and not after the report) that changed the contents of a block the report names,
 * by any actor but the setup: what those objects went through. At most the last few per block and actor.
 */
function lastWrites(f: Finding, o: ObservedReplay, from: number): number[] {
  const out: number[] = [];
  for (const block of f.involves ?? []) {
    const perActor = new Map<number, number>();
    const writes = o.recorder.writes.get(block) ?? [];
    for (let i = writes.length - 1; i >= 0; i--) {
      const w = writes[i]!;
      if (w.step < from || w.step > f.step) continue;
      const n = perActor.get(w.actor) ?? 0;
      if (n >= WRITES_PER_ACTOR) continue;
      perActor.set(w.actor, n + 1);
      out.push(w.step);
    }
  }
  return out;
}

/** How many changes of one block by one actor a slice shows: the story, not the whole history. */
const WRITES_PER_ACTOR = 3;

/** How many steps the schedule starts with that `actor` ran alone. */
function leadingStepsOf(schedule: readonly number[], actor: number): number {
  let n = 0;
  while (n < schedule.length && schedule[n] === actor) n++;
  return n;
}

/** Adds, for each actor in the slice, its first operation after the setup (the system call it is in, the work it runs). */
function withEntries(slice: number[], o: ObservedReplay, from: number): number[] {
  const trace = o.result.outcome.trace ?? [];
  const out = new Set(slice);
  for (const actor of new Set(slice.map((s) => trace[s]!.actor))) {
    const entry = trace.findIndex((t, i) => i >= from && t.actor === actor && t.op !== 'start');
    if (entry >= 0) out.add(entry);
  }
  return [...out].sort((x, y) => x - y);
}

/** Among the slice's steps (1-based), each pair of different actors whose footprints conflict, earlier first. */
function conflictEdges(slice: readonly number[], o: ObservedReplay): [number, number][] {
  const edges: [number, number][] = [];
  for (let i = 0; i < slice.length; i++) {
    for (let j = i + 1; j < slice.length; j++) {
      const a = o.accesses[slice[i]! - 1];
      const b = o.accesses[slice[j]! - 1];
      if (a !== undefined && b !== undefined && a.actor !== b.actor && conflict(a, b)) edges.push([slice[i]!, slice[j]!]);
    }
  }
  return edges;
}
