import { DEFAULT_PATCH_BASE, patchSpec } from '../harness/patchSpec.js';
import { SEED_VARIANT } from '../model/variants/index.js';
import { optionValue, UsageError, type ParsedArgs } from './args.js';
import type { OptionSpec } from './options.js';

/** --variant: a shipped variant or a module file. */
export const VARIANT_OPTION: OptionSpec = { name: 'variant', value: 'NAME|FILE', default: SEED_VARIANT, about: 'the variant: a shipped one (cgsim list) or a module file (./my-patch.ts)' };

/** --patch and --base: the variant built from a patch series' own C, laid over a shipped variant (cfront/). */
export const PATCH_OPTIONS: readonly OptionSpec[] = [
  { name: 'patch', value: 'FILE', repeatable: true, about: "instead of --variant: a patch's C, interpreted (again for a series, applied in order)" },
  { name: 'base', value: 'NAME', default: DEFAULT_PATCH_BASE, about: 'with --patch: the shipped variant for everything the patch does not show whole' },
];

/** The options naming the variant: `--variant NAME|FILE.ts`, or `--patch FILE` (repeatable, a series) over `--base NAME`. */
export const VARIANT_OPTIONS: readonly OptionSpec[] = [VARIANT_OPTION, ...PATCH_OPTIONS];

/** The variant the command line names, as a spec harness/resolve.ts resolves (a patch series is a `patch:` spec). */
export function variantSpecOf(a: ParsedArgs): string {
  const patches = a.options.get('patch');
  // Read directly: compare takes --patch and --base but names its variants with --variants.
  const variant = a.options.get('variant')?.at(-1);
  const base = optionValue(a, 'base');
  if (patches === undefined) {
    if (base !== undefined) throw new UsageError('--base is the variant a --patch is laid over: give --patch FILE too');
    return variant ?? SEED_VARIANT;
  }
  if (variant !== undefined) throw new UsageError('--variant and --patch both name the variant: give one (--base NAME for what the patch is laid over)');
  return patchSpec(patches, base ?? DEFAULT_PATCH_BASE);
}
