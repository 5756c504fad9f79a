import { VARIANT_OPTIONS, variantSpecOf } from '../variantOption.js';
import { exploreScenarioUntil, mergeScenarios, metaOf, unexploredScenarios, type ExploreMeta, type ExploreRequest, type ExploreResult, type ScenarioResult } from '../../harness/explore.js';
import { runJobsUntil, type Job } from '../../harness/parallel.js';
import type { RunResult } from '../../harness/run.js';
import { findingKey } from '../../sim/finding.js';
import { resolveVariant } from '../../harness/resolve.js';
import { scenarioOptions, scenariosFromArgs } from '../scenarioArgs.js';
import { formatOption, intOption, valueOf, REPORT_FORMATS, type ParsedArgs } from '../args.js';
import { STRATEGY_OPTIONS, strategyArgs } from '../strategyArgs.js';
import { choice, flag, int, JSON_FLAG, MAX_RUNS, MAX_STEPS_OPTION, OUT_OPTION, SEED_OPTION, type CommandSpec } from '../options.js';
import { exploreText } from '../format/exploreText.js';
import type { ExploreDoc } from '../format/resultDoc.js';
import { DISTRIBUTE_OPTIONS, distribution, shardOf, type Shard } from '../distribute.js';
import { checkpointOf, interruptedLine, interruptedStatus, type StopSignal } from '../interrupt.js';
import { reportSink } from '../output.js';
import { ProgressLine } from '../progress.js';

/** Runs per scenario when --runs is not given: enough to find every bug of the seed patch in seconds on one core. */
export const DEFAULT_RUNS = 400;


export const EXPLORE_COMMAND: CommandSpec = {
  name: 'explore',
  summary: 'explore a variant over scenarios: each distinct bug once, with its hits and its replay command',
  exits: '0 no bug, 1 bugs found, 4 not explored (every run of a scenario cut by --max-steps), 130/143 interrupted',
  options: [
    ...VARIANT_OPTIONS,
    ...scenarioOptions('all'),
    int('runs', 'N', 1, MAX_RUNS, 'runs per scenario (fewer when a systematic strategy is exhausted)', DEFAULT_RUNS),
    SEED_OPTION,
    ...STRATEGY_OPTIONS,
    MAX_STEPS_OPTION,
    flag('stop-at-first-bug', "end each run at its first report (a run goes on by default: later reports may be the first's consequences)"),
    ...DISTRIBUTE_OPTIONS,
    choice('format', REPORT_FORMATS, 'the report: text, or the cgsim-explore/1 document', 'text'),
    JSON_FLAG,
    OUT_OPTION,
  ],
};

export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly now: () => number;
  /** How the user invoked cgsim (`cgsim`, or `node bin/cgsim.js`), so printed commands run as printed. */
  readonly prog?: string;
  /** Where relative paths of variant modules start (the process's working directory). */
  readonly cwd?: string;
  /** Draws a progress line in place ('' wipes it); absent when stderr is not a terminal, and then nothing is drawn. */
  readonly progress?: (line: string) => void;
  /** The signal that asked a long run to stop, or null; absent: nothing ever asks. */
  readonly stopSignal?: () => StopSignal | null;
}

/** What a long command's scenarios came to: the results of those it finished or began, in order, and why it stopped. */
export interface ScenariosDone<R> {
  readonly results: readonly R[];
  /** The scenarios not finished (not begun, cut short, or lost with a terminated worker); empty unless stopped. */
  readonly unfinished: readonly string[];
  readonly signal: StopSignal | null;
}

/** A `cgsim ...` command as this user can run it. */
export function asInvoked(io: Io, command: string): string {
  return io.prog === undefined || io.prog === 'cgsim' ? command : command.replace(/^cgsim /, `${io.prog} `);
}

/** `cgsim explore`: exploration by the chosen strategy; exit 1 when a bug was found, 0 when clean, 4 when a scenario was not explored (130/143 when interrupted). */
export async function exploreCommand(a: ParsedArgs, io: Io): Promise<number> {
  // `--format json` is `--json`; a format that cannot be printed is refused before the run, not after it.
  const json = formatOption(a) === 'json';
  const spec = variantSpecOf(a);
  const variant = await resolveVariant(spec, io.cwd ?? '.');
  const all = scenariosFromArgs(a, io.cwd ?? '.', 'all');
  const runs = intOption(a, 'runs');
  const seed = valueOf(a, 'seed');
  const maxSteps = intOption(a, 'max-steps');
  const how = strategyArgs(a);
  const dist = distribution(a);
  const scenarios = shardOf(all, dist.shard);
  const sink = reportSink(a, io);
  const started = io.now();
  const options = { runs, seed, maxSteps, stopAtFirstBug: a.flags.has('stop-at-first-bug'), ...how };
  const progress = new ProgressLine(io, { command: 'cgsim explore', unit: 'runs', bound: runs * scenarios.length });
  const done =
    dist.workers > 1
      ? await inWorkers<ScenarioResult>(scenarios.map((s) => ({ kind: 'explore' as const, variant: spec, cwd: io.cwd ?? '.', scenario: s.name, explore: options })), dist.workers, io, progress, runs)
      : await exploreHere({ variant, scenarios, ...options }, io, progress);
  progress.clear();
  const meta = metaOf({ variant, ...options });
  const result = mergeScenarios(meta, done.results);
  const seconds = (io.now() - started) / 1000;
  const inv = (cmd: string): string => asInvoked(io, cmd);
  const total = result.perScenario.reduce((n, p) => n + p.summary.runs, 0);
  const stopLine = done.signal === null ? null : interruptedLine(done.signal, total, 'runs', done.unfinished);
  if (json) {
    const doc = exploreDoc(result, meta, variant.title, { maxSteps, depth: how.depth ?? null, preemptions: how.preemptions ?? null }, all.map((s) => s.name), dist.shard, inv);
    sink.line(JSON.stringify(done.signal === null ? doc : { ...doc, interrupted: { signal: done.signal, runs: total, unfinished: done.unfinished } }, null, 2));
    if (stopLine !== null) io.err(`cgsim: ${stopLine}`);
  } else {
    for (const line of exploreText(result, variant.title, inv, maxSteps)) sink.line(line);
    if (dist.shard !== null) sink.line(shardNote(dist.shard, scenarios.length, all.length));
    if (stopLine !== null) for (const line of ['', stopLine]) sink.line(line);
  }
  sink.finish();
  io.err(`cgsim: ${total} runs over ${done.results.length} scenario(s) in ${seconds.toFixed(1)} s (${Math.round(total / Math.max(seconds, 1e-3))} runs/s)`);
  if (done.signal !== null) return interruptedStatus(done.signal, result.bugs.length);
  return exploreStatus(result);
}

/** 1 when a bug was found, else 4 when some scenario was not explored (every run cut by the step bound), else 0. */
export function exploreStatus(r: ExploreResult): number {
  if (r.bugs.length > 0) return 1;
  return unexploredScenarios(r.perScenario).length > 0 ? 4 : 0;
}

/** The scenarios explored one after the other on this thread, stopping between two runs when a signal asks. */
async function exploreHere(req: ExploreRequest, io: Io, progress: ProgressLine): Promise<ScenariosDone<ScenarioResult>> {
  const checkpoint = checkpointOf(io);
  const onRun = (_s: string, _r: number, outcome: RunResult['outcome']): void => progress.advance(1, outcome.findings.map(findingKey));
  const results: ScenarioResult[] = [];
  const stoppedAt = (i: number): ScenariosDone<ScenarioResult> => ({ results, unfinished: req.scenarios.slice(i).map((s) => s.name), signal: io.stopSignal?.() ?? 'SIGINT' });
  for (const [i, scenario] of req.scenarios.entries()) {
    if (checkpoint.stopped()) return stoppedAt(i);
    const { result, stopped } = await exploreScenarioUntil({ ...req, onRun }, scenario, checkpoint);
    results.push(result);
    if (stopped) return stoppedAt(i);
    progress.shrinkBound(req.runs - result.summary.runs);
  }
  return { results, unfinished: [], signal: null };
}

/**
 * The scenarios' jobs on worker threads (`--workers N`). Progress counts each scenario's runs when it is done;
 * a stop ends each running job after its current execution: what it found is kept, and it is named unfinished,
 * as are the scenarios whose jobs had not started.
 */
export async function inWorkers<R extends ScenarioResult | { readonly result: ScenarioResult }>(
  jobs: readonly Job[],
  workers: number,
  io: Io,
  progress: ProgressLine,
  perScenario: number,
): Promise<ScenariosDone<R>> {
  const asScenario = (r: R): ScenarioResult => ('result' in r ? r.result : r);
  const { results, partial, stopped } = await runJobsUntil(jobs, workers, {
    onResult: (_i, r) => {
      const s = asScenario(r as R);
      progress.shrinkBound(perScenario - s.summary.runs);
      progress.advance(s.summary.runs, s.summary.bugs.map((b) => b.key));
    },
    onTick: () => progress.redraw(),
    stopRequested: () => (io.stopSignal?.() ?? null) !== null,
  });
  if (!stopped) return { results: results as R[], unfinished: [], signal: null };
  return {
    results: results.filter((r): r is R => r !== undefined),
    unfinished: jobs.filter((_j, i) => results[i] === undefined || partial[i] === true).map((j) => j.scenario),
    signal: io.stopSignal?.() ?? 'SIGINT',
  };
}

/** What a shard's text output ends with: that it is a part, and how to make the whole. */
export function shardNote(shard: Shard, mine: number, all: number): string {
  return `shard ${shard.index} of ${shard.count}: ${mine} of ${all} scenario(s); run each shard with --json and put them together with cgsim merge`;
}

/** The --json document (format cgsim-explore/1): the whole result, per scenario, the bugs as printed, and the scenarios not explored. */
export function exploreDoc(
  r: ExploreResult,
  meta: ExploreMeta,
  title: string,
  options: ExploreDoc['options'],
  scenarios: readonly string[],
  shard: Shard | null,
  inv: (cmd: string) => string,
): ExploreDoc {
  return { format: 'cgsim-explore/1', ...meta, title, options, scenarios, shard, results: r.perScenario, bugs: bugList(r, inv), unexplored: unexploredScenarios(r.perScenario) };
}

/** The bugs as a reader of the JSON wants them: kind, site, where best replayed, and how. */
export function bugList(r: ExploreResult, inv: (cmd: string) => string): object[] {
  return r.bugs.map((b) => ({
    kind: b.kind,
    object: b.object,
    site: b.site,
    title: b.title,
    scenario: b.best.scenario,
    hits: b.hits,
    schedule: b.best.witness.schedule,
    steps: b.best.witness.steps,
    ...(b.best.witness.finding.priorRuns !== undefined ? { priorSchedules: b.best.witness.finding.priorRuns.map((p) => p.schedule) } : {}),
    replay: inv(b.best.replay),
  }));
}
