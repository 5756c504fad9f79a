import { exploreVariant, type ExploreResult } from '../../harness/explore.js';
import { resolveVariant, scenariosNamed } from '../../harness/resolve.js';
import { intOption, optionValue, type ParsedArgs } from '../args.js';
import { STRATEGY_VALUED, strategyArgs } from '../strategyArgs.js';
import { exploreText } from '../format/exploreText.js';

export const EXPLORE_VALUED = new Set(['variant', 'scenario', 'runs', 'seed', 'max-steps', ...STRATEGY_VALUED]);
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

/** `cgsim explore`: seeded random exploration; exit 1 when a bug was found, 0 when clean. */
export async function exploreCommand(a: ParsedArgs, io: Io): Promise<number> {
  const variant = await resolveVariant(optionValue(a, 'variant', 'v4'), io.cwd ?? '.');
  const scenarioArg = optionValue(a, 'scenario', 'all');
  const scenarios = scenariosNamed(scenarioArg);
  const runs = intOption(a, 'runs', DEFAULT_RUNS);
  const seed = optionValue(a, 'seed', DEFAULT_SEED);
  const maxSteps = intOption(a, 'max-steps', 20_000);
  const how = strategyArgs(a);
  const started = io.now();
  const result = exploreVariant({ variant, scenarios, runs, seed, maxSteps, stopAtFirstBug: a.flags.has('stop-at-first-bug'), ...how });
  const seconds = (io.now() - started) / 1000;
  if (a.flags.has('json')) io.out(JSON.stringify(exploreJson(result, scenarios.map((s) => s.name), io), null, 2));
  else for (const line of exploreText(result, variant.title, (cmd) => asInvoked(io, cmd))) io.out(line);
  const total = result.perScenario.reduce((n, p) => n + p.summary.runs, 0);
  io.err(`cgsim: ${total} runs over ${scenarios.length} scenario(s) in ${seconds.toFixed(1)} s (${Math.round(total / Math.max(seconds, 1e-3))} runs/s)`);
  return result.bugs.length > 0 ? 1 : 0;
}

export function exploreJson(r: ExploreResult, scenarioNames: readonly string[], io: Io): object {
  return {
    variant: r.variant,
    scenarios: scenarioNames,
    runs: r.runs,
    seed: r.seed,
    bugs: r.bugs.map((b) => ({
      kind: b.kind,
      object: b.object,
      site: b.site,
      scenario: b.best.scenario,
      hits: b.hits,
      schedule: b.best.witness.schedule,
      replay: asInvoked(io, b.best.replay),
      title: b.title,
      steps: b.best.witness.steps,
      ...(b.best.witness.finding.priorRuns !== undefined ? { priorSchedules: b.best.witness.finding.priorRuns.map((p) => p.schedule) } : {}),
    })),
    endings: Object.fromEntries(r.perScenario.map((p) => [p.scenario, p.summary.endings])),
  };
}

