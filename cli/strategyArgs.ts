import { DEFAULT_BOUNDED_PREEMPTIONS, DEFAULT_PCT_DEPTH, STRATEGIES, type StrategyName } from '../harness/runPlan.js';
import { givenInt, valueOf, UsageError, type ParsedArgs } from './args.js';
import { choice, int, type OptionSpec } from './options.js';

/** Past depth 10, what a PCT run promises (probability 1/(n k^(d-1)) per run) is nothing. */
export const MAX_DEPTH = 10;
/** A preemption bound past the steps of an execution bounds nothing. */
export const MAX_PREEMPTIONS = 1000;

/** The options that choose how runs are scheduled: --strategy, --depth (pct), --preemptions (dfs, bounded). */
export const STRATEGY_OPTIONS: readonly OptionSpec[] = [
  choice('strategy', STRATEGIES, 'how runs are scheduled: random, PCT and DPOR in turn, one of them, or iterative context bounding', 'portfolio'),
  int('depth', 'D', 1, MAX_DEPTH, "PCT's depth (with --strategy pct): bugs of up to D ordering constraints", DEFAULT_PCT_DEPTH),
  { ...int('preemptions', 'K', 0, MAX_PREEMPTIONS, 'preemption bound: of DPOR with --strategy dfs; the highest level with --strategy bounded'), default: `dfs: none, bounded: ${DEFAULT_BOUNDED_PREEMPTIONS}` },
];

export interface StrategyArgs {
  readonly strategy: StrategyName;
  readonly depth?: number;
  readonly preemptions?: number;
}

export function strategyArgs(a: ParsedArgs): StrategyArgs {
  // The parser has checked the values against STRATEGY_OPTIONS.
  const strategy = valueOf(a, 'strategy');
  const depth = givenInt(a, 'depth');
  const preemptions = givenInt(a, 'preemptions');
  if (depth !== undefined && strategy !== 'pct') throw new UsageError('--depth applies to --strategy pct');
  if (preemptions !== undefined && strategy !== 'dfs' && strategy !== 'bounded') throw new UsageError('--preemptions applies to --strategy dfs or bounded');
  return { strategy: strategy as StrategyName, ...(depth !== undefined ? { depth } : {}), ...(preemptions !== undefined ? { preemptions } : {}) };
}

/** How the options read back on a command line (empty for the default portfolio). */
export function strategyFlags(s: StrategyArgs): string {
  if (s.strategy === 'portfolio') return '';
  return [` --strategy ${s.strategy}`, s.depth !== undefined ? ` --depth ${s.depth}` : '', s.preemptions !== undefined ? ` --preemptions ${s.preemptions}` : ''].join('');
}
