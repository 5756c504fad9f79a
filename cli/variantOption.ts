import { DEFAULT_PATCH_BASE, patchSpec } from '../harness/patchSpec.js';
import { SEED_VARIANT } from '../model/variants/index.js';
import { optionValue, UsageError, type ParsedArgs } from './args.js';
import type { OptionSpec } from './options.js';

/** --variant: a shipped variant or a module file. */
export const VARIANT_OPTION: OptionSpec = { name: 'variant', value: 'NAME|FILE', default: SEED_VARIANT, about: 'the variant: a shipped one (cgsim list) or a module file (./my-patch.ts)' };

/** --patch and --base: the variant built from a patch series' own C, laid over a shipped variant (cfront/). */
export const PATCH_OPTIONS: readonly OptionSpec[] = [
  { name: 'patch', value: 'FILE', repeatable: true, about: "instead of --variant: a patch's C, interpreted (again for a series, applied in order)" },
  { name: 'base', value: 'NAME', default: DEFAULT_PATCH_BASE, about: 'with --patch or --source: the shipped variant for everything the C does not give' },
  { name: 'source', value: 'FILE[:FN,...]', repeatable: true, about: "instead of or with --patch: a C file of your tree, whole; its functions named as the variant's replace the base's (or only FN,...)" },
];

/** The options naming the variant: `--variant NAME|FILE.ts`, or `--patch FILE` (repeatable, a series) over `--base NAME`. */
export const VARIANT_OPTIONS: readonly OptionSpec[] = [VARIANT_OPTION, ...PATCH_OPTIONS];

/** The variant the command line names, as a spec harness/resolve.ts resolves (a patch series is a `patch:` spec). */
export function variantSpecOf(a: ParsedArgs): string {
  const patches = a.options.get('patch');
  const sources = a.options.get('source');
  // Read directly: compare takes --patch and --base but names its variants with --variants.
  const variant = a.options.get('variant')?.at(-1);
  const base = optionValue(a, 'base');
  if (patches === undefined && sources === undefined) {
    if (base !== undefined) throw new UsageError('--base is the variant a --patch is laid over: give --patch FILE too');
    return variant ?? SEED_VARIANT;
  }
  const given = patches === undefined ? '--source' : '--patch';
  if (variant !== undefined) throw new UsageError(`--variant and ${given} both name the variant: give one (--base NAME for what the C is laid over)`);
  return patchSpec(patches ?? [], base ?? DEFAULT_PATCH_BASE, sources ?? []);
}
