import type { Scenario } from '../scenarios/scenario.js';
import { intOption, optionValue, UsageError, type ParsedArgs } from './args.js';

/** --workers N and --shard i/n: how one exploration or verification is spread out. */
export const DISTRIBUTE_VALUED = ['workers', 'shard'];

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export interface Distribution {
  readonly workers: number;
  readonly shard: Shard | null;
}

export function distribution(a: ParsedArgs): Distribution {
  const workers = intOption(a, 'workers', 1);
  const raw = optionValue(a, 'shard');
  if (raw === undefined) return { workers, shard: null };
  const m = /^(\d+)\/(\d+)$/.exec(raw);
  if (m === null) throw new UsageError(`--shard must be i/n (1 <= i <= n), got '${raw}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be i/n (1 <= i <= n), got '${raw}'`);
  return { workers, shard: { index, count } };
}

/**
 * The scenarios shard i of n takes: every n-th, starting with the i-th. Scenarios are explored independently
 * (one checker set each), so the shards' results put together are the whole run's.
 */
export function shardOf<T extends Scenario>(scenarios: readonly T[], shard: Shard | null): T[] {
  return shard === null ? [...scenarios] : scenarios.filter((_, i) => i % shard.count === shard.index - 1);
}
