import { compareVariants } from '../../harness/compare.js';
import { resolveVariant } from '../../harness/resolve.js';
import { scenarioOptions, scenariosFromArgs } from '../scenarioArgs.js';
import { variants as shipped } from '../../model/variants/index.js';
import { intOption, optionValue, valueOf, UsageError, type ParsedArgs } from '../args.js';
import { choice, int, MAX_RUNS, SEED_OPTION, type CommandSpec } from '../options.js';
import { compareMarkdown, compareText } from '../format/compareTable.js';
import { asInvoked, DEFAULT_RUNS, type Io } from './explore.js';
import { PATCH_OPTIONS, variantSpecOf } from '../variantOption.js';
import { DEFAULT_PATCH_BASE, patchSpec } from '../../harness/patchSpec.js';

export const COMPARE_COMMAND: CommandSpec = {
  name: 'compare',
  summary: 'the same exploration of several variants: one row per distinct bug, one column per variant',
  exits: '0 the variants agree, 1 they differ in what they show',
  options: [
    { name: 'variants', value: 'A,B,...', about: 'the variants to compare (shipped ones or module files)', default: 'every shipped variant' },
    { ...PATCH_OPTIONS[0]!, about: "one more column: the variant built from a patch's C (again for a series)" },
    { name: 'series', value: 'FILE+FILE...', repeatable: true, about: "one more column per --series: a patch series (its files joined by '+') over --base, to compare series against each other" },
    PATCH_OPTIONS[1]!,
    { ...PATCH_OPTIONS[2]!, about: 'with or without --patch: one more column, with the functions of a C file of your tree' },
    ...scenarioOptions('all'),
    int('runs', 'N', 1, MAX_RUNS, 'runs per scenario and variant', DEFAULT_RUNS),
    SEED_OPTION,
    choice('format', ['text', 'md', 'json'], 'the table as text, as Markdown, or the cgsim-compare/1 document', 'text'),
  ],
};

/** The variants --variants names, each once. */
function variantNames(raw: string): string[] {
  const names = raw.split(',').map((n) => n.trim());
  if (names.some((n) => n === '')) throw new UsageError(`--variants is a comma-separated list of variants, got '${raw}'`);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new UsageError(`--variants names ${twice} twice`);
  return names;
}

/** The series --series names: each a list of patch files joined by '+', named once. */
function seriesOf(a: ParsedArgs): string[][] {
  const raw = a.options.get('series') ?? [];
  const twice = raw.find((r, i) => raw.indexOf(r) !== i);
  if (twice !== undefined) throw new UsageError(`--series names ${twice} twice`);
  return raw.map((r) => {
    const files = r.split('+');
    if (files.some((f) => f === '')) throw new UsageError(`--series is patch files joined by '+', got '${r}'`);
    return files;
  });
}

/**
 * `cgsim compare`: the same exploration of several variants, one row per distinct bug, one column per variant.
 * Exit 1 when the variants differ in what they show, 0 when they agree.
 */
export async function compareCommand(a: ParsedArgs, io: Io): Promise<number> {
  if (optionValue(a, 'base') !== undefined && !a.options.has('patch') && !a.options.has('series')) throw new UsageError('--base is the variant a --patch or --series is laid over: give one of them too');
  const names = optionValue(a, 'variants');
  const listed = names === undefined ? [...shipped] : await Promise.all(variantNames(names).map((n) => resolveVariant(n, io.cwd ?? '.')));
  // `--patch FILE`...: one more column, the variant built from the patches' C (against the hand-written one, say).
  const patched = a.options.has('patch') || a.options.has('source') ? [...listed, await resolveVariant(variantSpecOf(a), io.cwd ?? '.')] : listed;
  // `--series A+B`...: a column per series, so two series (the seed alone, the seed and a follow-up) meet in one table.
  const series = await Promise.all(seriesOf(a).map((s) => resolveVariant(patchSpec(s, optionValue(a, 'base') ?? DEFAULT_PATCH_BASE), io.cwd ?? '.')));
  const variants = [...patched, ...series];
  const scenarios = scenariosFromArgs(a, io.cwd ?? '.', 'all');
  const runs = intOption(a, 'runs');
  const seed = valueOf(a, 'seed');
  const format = valueOf(a, 'format');
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
