import type { ExploreMeta, ScenarioResult } from '../../harness/explore.js';
import { STRATEGIES, type StrategyName } from '../../harness/runPlan.js';
import type { VerifyResult } from '../../harness/verify.js';
import type { Shard } from '../distribute.js';
import { UsageError } from '../args.js';

/**
 * What `--json` writes: everything needed to print the run again or to merge it with the other shards of the
 * same run (`cgsim merge`), and nothing that depends on the machine or the clock, so two computations of the
 * same run give the same document byte for byte. Their schemas: schema/cgsim-explore-1.schema.json and
 * schema/cgsim-verify-1.schema.json (an interrupted run adds `interrupted`).
 */
export interface ExploreDoc extends ExploreMeta {
  readonly format: 'cgsim-explore/1';
  readonly title: string;
  readonly options: { readonly maxSteps: number; readonly depth: number | null; readonly preemptions: number | null };
  /** Every scenario of the whole run, in order, and which of them this document holds (a shard, or all). */
  readonly scenarios: readonly string[];
  readonly shard: Shard | null;
  readonly results: readonly ScenarioResult[];
  readonly bugs: readonly object[];
  /** The scenarios every run of which was cut by the step bound, with no bug found (exit status 4). */
  readonly unexplored: readonly string[];
}

export interface VerifyDoc {
  readonly format: 'cgsim-verify/1';
  readonly variant: string;
  readonly variantRef: string;
  readonly title: string;
  readonly bounds: { readonly preemptions: number | null; readonly maxExecutions: number; readonly maxSteps: number };
  readonly scenarios: readonly string[];
  readonly shard: Shard | null;
  /** Without their timings. */
  readonly results: readonly Omit<VerifyResult, 'seconds'>[];
  readonly bugs: readonly object[];
  /** The scenarios every execution of which was cut by the step bound, with no bug found (exit status 4). */
  readonly unexplored: readonly string[];
}

export type ResultDoc = ExploreDoc | VerifyDoc;

/** A parsed document, checked enough that merging it cannot go wrong silently. */
export function readDoc(text: string, file: string): ResultDoc {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: not JSON (${(e as Error).message})`);
  }
  const d = doc as { format?: unknown; scenarios?: unknown; results?: unknown; variant?: unknown; variantRef?: unknown; strategy?: unknown };
  if (d.format !== 'cgsim-explore/1' && d.format !== 'cgsim-verify/1') throw new UsageError(`${file}: not the --json output of cgsim explore or verify (format '${String(d.format)}')`);
  if (!Array.isArray(d.scenarios) || !Array.isArray(d.results) || typeof d.variant !== 'string' || typeof d.variantRef !== 'string') throw new UsageError(`${file}: a ${d.format} document with missing fields`);
  if (d.format === 'cgsim-explore/1' && !(STRATEGIES as readonly string[]).includes(d.strategy as StrategyName)) throw new UsageError(`${file}: unknown strategy '${String(d.strategy)}'`);
  return d as unknown as ResultDoc;
}
