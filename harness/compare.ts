import type { Variant } from '../model/variant.js';
import type { Scenario } from '../scenarios/scenario.js';
import { exploreVariant, type ExploredBug, type ExploreResult } from './explore.js';

/** What one variant says about one bug: found (where first, how often, how to replay it) or not within the budget. */
export type CompareCell =
  | {
      readonly found: true;
      readonly runsToFirstHit: number;
      readonly scenario: string;
      readonly hits: number;
      readonly replay: string;
      /** The variant's own site, with its source position (the same code sits at other lines in other eras). */
      readonly site: string;
      /** Rows (keys) of bugs its best witness found first in the same run: it may be their consequence. */
      readonly after: readonly string[];
    }
  | { readonly found: false; readonly runs: number };

/**
 * One distinct bug (kind and site) and what each variant says about it. The row's key and site leave out the
 * bracketed source position: the same function of two eras is one row, although its lines differ.
 */
export interface CompareRow {
  readonly key: string;
  readonly kind: string;
  readonly object: string;
  readonly site: string;
  readonly title: string;
  readonly cells: readonly CompareCell[];
  /** Every variant that shows it shows it only after another bug in the same run: possibly a consequence. */
  readonly consequence: boolean;
}

export interface CompareResult {
  readonly variants: readonly string[];
  readonly scenarios: readonly string[];
  readonly runs: number;
  readonly seed: string;
  readonly rows: readonly CompareRow[];
}

/** "kind | site" without the bracketed source position at its end: what makes two eras' findings one row. */
export function rowKeyOf(key: string): string {
  return key.replace(/\s*\[[^\]]+\]\s*$/, '');
}

function cellOf(bug: ExploredBug | undefined, runsPerScenario: number): CompareCell {
  if (bug === undefined) return { found: false, runs: runsPerScenario };
  const first = bug.sightings.reduce((a, s) => (s.firstRun < a.firstRun ? s : a));
  const after = [...new Set(bug.best.witness.after.map(rowKeyOf))];
  return { found: true, runsToFirstHit: first.firstRun + 1, scenario: bug.best.scenario, hits: bug.hits, replay: bug.best.replay, site: bug.site, after };
}

/** Each variant's column: its name, or where two share a name (a user's copy of a shipped version), how it was named. */
function columnNames(variants: readonly Variant[]): string[] {
  const names = variants.map((v) => v.name);
  return variants.map((v, i) => (names.indexOf(v.name) !== names.lastIndexOf(v.name) ? (v.ref ?? `${v.name}#${i + 1}`) : v.name));
}

/**
 * Explores every variant over the same scenarios with the same seed and budget, and lines the distinct bugs up:
 * one row per bug (kind and code site), one cell per variant. Rows come in the order the variants, then their
 * explorations, first found them, except that rows every variant shows only after another bug of the same run
 * come last.
 */
export function compareVariants(variants: readonly Variant[], scenarios: readonly Scenario[], runs: number, seed: string): CompareResult {
  const results: ExploreResult[] = variants.map((variant) => exploreVariant({ variant, scenarios, runs, seed }));
  const order: ExploredBug[] = [];
  for (const r of results) for (const b of r.bugs) if (!order.some((o) => rowKeyOf(o.key) === rowKeyOf(b.key))) order.push(b);
  const rows: CompareRow[] = order.map((b) => {
    const key = rowKeyOf(b.key);
    const cells = results.map((r) => cellOf(r.bugs.find((x) => rowKeyOf(x.key) === key), runs));
    return { key, kind: b.kind, object: b.object, site: rowKeyOf(b.site), title: b.title, cells, consequence: cells.every((c) => !c.found || c.after.length > 0) };
  });
  // Bugs of their own first; those only ever seen after another bug of the same run after them.
  const ordered = [...rows.filter((row) => !row.consequence), ...rows.filter((row) => row.consequence)];
  return { variants: columnNames(variants), scenarios: scenarios.map((s) => s.name), runs, seed, rows: ordered };
}
