import { exploreScenario, mergeScenarios, metaOf, type ExploreMeta, type ExploreResult } from '../../harness/explore.js';
import { exploreInParallel } from '../../harness/parallel.js';
import { resolveVariant } from '../../harness/resolve.js';
import { scenariosFromArgs, SCENARIO_VALUED } from '../scenarioArgs.js';
import { intOption, optionValue, type ParsedArgs } from '../args.js';
import { STRATEGY_VALUED, strategyArgs } from '../strategyArgs.js';
import { exploreText } from '../format/exploreText.js';
import type { ExploreDoc } from '../format/resultDoc.js';
import { DISTRIBUTE_VALUED, distribution, shardOf, type Shard } from '../distribute.js';

export const EXPLORE_VALUED = new Set(['variant', ...SCENARIO_VALUED, 'runs', 'seed', 'max-steps', ...STRATEGY_VALUED, ...DISTRIBUTE_VALUED]);
export const EXPLORE_FLAGS = new Set(['json', 'stop-at-first-bug']);

/** Runs per scenario when --runs is not given: enough to find every v4 bug in seconds on one core. */
export const DEFAULT_RUNS = 400;
export const DEFAULT_SEED = '1';

export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly now: () => number;
  /** How the user invoked cgsim (`cgsim`, or `node bin/cgsim.js`), so printed commands run as printed. */
  readonly prog?: string;
  /** Where relative paths of variant modules start (the process's working directory). */
  readonly cwd?: string;
}

/** A `cgsim ...` command as this user can run it. */
export function asInvoked(io: Io, command: string): string {
  return io.prog === undefined || io.prog === 'cgsim' ? command : command.replace(/^cgsim /, `${io.prog} `);
}

/** `cgsim explore`: exploration by the chosen strategy; exit 1 when a bug was found, 0 when clean. */
export async function exploreCommand(a: ParsedArgs, io: Io): Promise<number> {
  const spec = optionValue(a, 'variant', 'v4');
  const variant = await resolveVariant(spec, io.cwd ?? '.');
  const all = scenariosFromArgs(a, io.cwd ?? '.', 'all');
  const runs = intOption(a, 'runs', DEFAULT_RUNS);
  const seed = optionValue(a, 'seed', DEFAULT_SEED);
  const maxSteps = intOption(a, 'max-steps', 20_000);
  const how = strategyArgs(a);
  const dist = distribution(a);
  const scenarios = shardOf(all, dist.shard);
  const started = io.now();
  const options = { runs, seed, maxSteps, stopAtFirstBug: a.flags.has('stop-at-first-bug'), ...how };
  const results =
    dist.workers > 1
      ? await exploreInParallel(scenarios.map((s) => ({ kind: 'explore' as const, variant: spec, cwd: io.cwd ?? '.', scenario: s.name, explore: options })), dist.workers)
      : scenarios.map((s) => exploreScenario({ variant, scenarios, ...options }, s));
  const meta = metaOf({ variant, ...options });
  const result = mergeScenarios(meta, results);
  const seconds = (io.now() - started) / 1000;
  const inv = (cmd: string): string => asInvoked(io, cmd);
  if (a.flags.has('json')) {
    const doc = exploreDoc(result, meta, variant.title, { maxSteps, depth: how.depth ?? null, preemptions: how.preemptions ?? null }, all.map((s) => s.name), dist.shard, inv);
    io.out(JSON.stringify(doc, null, 2));
  } else {
    for (const line of exploreText(result, variant.title, inv)) io.out(line);
    if (dist.shard !== null) io.out(shardNote(dist.shard, scenarios.length, all.length));
  }
  const total = result.perScenario.reduce((n, p) => n + p.summary.runs, 0);
  io.err(`cgsim: ${total} runs over ${scenarios.length} scenario(s) in ${seconds.toFixed(1)} s (${Math.round(total / Math.max(seconds, 1e-3))} runs/s)`);
  return result.bugs.length > 0 ? 1 : 0;
}

/** What a shard's text output ends with: that it is a part, and how to make the whole. */
export function shardNote(shard: Shard, mine: number, all: number): string {
  return `shard ${shard.index} of ${shard.count}: ${mine} of ${all} scenario(s); run each shard with --json and put them together with cgsim merge`;
}

/** The --json document (format cgsim-explore/1): the whole result, per scenario, and the bugs as printed. */
export function exploreDoc(
  r: ExploreResult,
  meta: ExploreMeta,
  title: string,
  options: ExploreDoc['options'],
  scenarios: readonly string[],
  shard: Shard | null,
  inv: (cmd: string) => string,
): ExploreDoc {
  return { format: 'cgsim-explore/1', ...meta, title, options, scenarios, shard, results: r.perScenario, bugs: bugList(r, inv) };
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
