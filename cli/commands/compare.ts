import { compareVariants } from '../../harness/compare.js';
import { resolveVariant } from '../../harness/resolve.js';
import { scenariosFromArgs, SCENARIO_VALUED } from '../scenarioArgs.js';
import { variants as shipped } from '../../model/variants/index.js';
import { intOption, optionValue, UsageError, type ParsedArgs } from '../args.js';
import { compareMarkdown, compareText } from '../format/compareTable.js';
import { variantSpecOf } from '../variantOption.js';
import { asInvoked, DEFAULT_RUNS, DEFAULT_SEED, type Io } from './explore.js';

export const COMPARE_VALUED = new Set(['variants', 'patch', 'base', ...SCENARIO_VALUED, 'runs', 'seed', 'format']);
export const COMPARE_FLAGS = new Set<string>();

/**
 * `cgsim compare`: the same exploration of several variants, one row per distinct bug, one column per variant.
 * Exit 1 when the variants differ in what they show, 0 when they agree.
 */
export async function compareCommand(a: ParsedArgs, io: Io): Promise<number> {
  const names = optionValue(a, 'variants');
  const listed = names === undefined ? [...shipped] : await Promise.all(names.split(',').map((n) => resolveVariant(n.trim(), io.cwd ?? '.')));
  // `--patch FILE`...: one more column, the variant built from the patches' C (against the hand-written one, say).
  const variants = a.options.has('patch') ? [...listed, await resolveVariant(variantSpecOf(a), io.cwd ?? '.')] : listed;
  if (variants.length === 0) throw new UsageError('--variants needs at least one variant');
  const scenarios = scenariosFromArgs(a, io.cwd ?? '.', 'all');
  const runs = intOption(a, 'runs', DEFAULT_RUNS);
  const seed = optionValue(a, 'seed', DEFAULT_SEED);
  const format = optionValue(a, 'format', 'text');
  if (!['text', 'md', 'json'].includes(format)) throw new UsageError(`--format must be text, md or json, got '${format}'`);
  const started = io.now();
  const r = compareVariants(variants, scenarios, runs, seed);
  const inv = (cmd: string): string => asInvoked(io, cmd);
  if (format === 'json') {
    // schema/cgsim-compare-1.schema.json
    io.out(JSON.stringify({ format: 'cgsim-compare/1', ...r, rows: r.rows.map((row) => ({ ...row, cells: Object.fromEntries(row.cells.map((c, i) => [r.variants[i], c.found ? { ...c, replay: inv(c.replay) } : c])) })) }, null, 2));
  } else {
    for (const line of format === 'md' ? compareMarkdown(r, inv) : compareText(r, inv)) io.out(line);
  }
  io.err(`cgsim: compared ${variants.length} variant(s) over ${scenarios.length} scenario(s) in ${((io.now() - started) / 1000).toFixed(1)} s`);
  return r.rows.some((row) => row.cells.some((c) => c.found) && row.cells.some((c) => !c.found)) ? 1 : 0;
}
