import { STRATEGIES, type StrategyName } from '../harness/runPlan.js';
import { intOption, optionValue, UsageError, type ParsedArgs } from './args.js';

/** The options that choose how runs are scheduled: --strategy, --depth (pct), --preemptions (dfs, bounded). */
export const STRATEGY_VALUED = ['strategy', 'depth', 'preemptions'];

export interface StrategyArgs {
  readonly strategy: StrategyName;
  readonly depth?: number;
  readonly preemptions?: number;
}

export function strategyArgs(a: ParsedArgs): StrategyArgs {
  const strategy = optionValue(a, 'strategy', 'portfolio');
  if (!(STRATEGIES as readonly string[]).includes(strategy)) throw new UsageError(`--strategy must be one of ${STRATEGIES.join(', ')}, got '${strategy}'`);
  const depth = a.options.has('depth') ? intOption(a, 'depth', 3) : undefined;
  const preemptions = a.options.has('preemptions') ? intOption(a, 'preemptions', 2, 0) : undefined;
  if (depth !== undefined && strategy !== 'pct') throw new UsageError('--depth applies to --strategy pct');
  if (preemptions !== undefined && strategy !== 'dfs' && strategy !== 'bounded') throw new UsageError('--preemptions applies to --strategy dfs or bounded');
  return { strategy: strategy as StrategyName, ...(depth !== undefined ? { depth } : {}), ...(preemptions !== undefined ? { preemptions } : {}) };
}

/** How the options read back on a command line (empty for the default portfolio). */
export function strategyFlags(s: StrategyArgs): string {
  if (s.strategy === 'portfolio') return '';
  return [` --strategy ${s.strategy}`, s.depth !== undefined ? ` --depth ${s.depth}` : '', s.preemptions !== undefined ? ` --preemptions ${s.preemptions}` : ''].join('');
}
