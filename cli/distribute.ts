import type { Scenario } from '../scenarios/scenario.js';
import { intOption, optionValue, type ParsedArgs } from './args.js';
import { int, type OptionSpec } from './options.js';

/** The most worker threads: the supervisor watches that many (a heartbeat slot each, cli/supervisor.ts). */
export const MAX_WORKERS = 256;

const SHARD = /^(\d+)\/(\d+)$/;

/** --workers N and --shard i/n: how one exploration or verification is spread out. */
export const DISTRIBUTE_OPTIONS: readonly OptionSpec[] = [
  int('workers', 'N', 1, MAX_WORKERS, 'worker threads, one scenario each at a time', 1),
  {
    name: 'shard',
    value: 'i/n',
    about: 'run the i-th of n shares of the scenarios (every n-th); put the --json shards together with cgsim merge',
    check: (v) => {
      const m = SHARD.exec(v);
      const ok = m !== null && Number(m[2]) >= 1 && Number(m[1]) >= 1 && Number(m[1]) <= Number(m[2]) && Number.isSafeInteger(Number(m[2]));
      return ok ? null : `--shard must be i/n (1 <= i <= n), got '${v}'`;
    },
  },
];

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
  const workers = intOption(a, 'workers');
  const raw = optionValue(a, 'shard');
  if (raw === undefined) return { workers, shard: null };
  // Checked by the parser (DISTRIBUTE_OPTIONS).
  const m = SHARD.exec(raw)!;
  return { workers, shard: { index: Number(m[1]), count: Number(m[2]) } };
}

/**
 * The scenarios shard i of n takes: every n-th, starting with the i-th. Scenarios are explored independently
 * (one checker set each), so the shards' results put together are the whole run's.
 */
export function shardOf<T extends Scenario>(scenarios: readonly T[], shard: Shard | null): T[] {
  return shard === null ? [...scenarios] : scenarios.filter((_, i) => i % shard.count === shard.index - 1);
}
