import { DEFAULT_PATCH_BASE, patchSpec } from '../harness/patchSpec.js';
import { SEED_VARIANT } from '../model/variants/index.js';
import { optionValue, UsageError, type ParsedArgs } from './args.js';

/** The options naming the variant: `--variant NAME|FILE.ts`, or `--patch FILE` (repeatable, a series) over `--base NAME`. */
export const VARIANT_VALUED = ['variant', 'patch', 'base'] as const;

/** The variant the command line names, as a spec harness/resolve.ts resolves (a patch series is a `patch:` spec). */
export function variantSpecOf(a: ParsedArgs): string {
  const patches = a.options.get('patch');
  const variant = optionValue(a, 'variant');
  const base = optionValue(a, 'base');
  if (patches === undefined) {
    if (base !== undefined) throw new UsageError('--base is the variant a --patch is laid over: give --patch FILE too');
    return variant ?? SEED_VARIANT;
  }
  if (variant !== undefined) throw new UsageError('--variant and --patch both name the variant: give one (--base NAME for what the patch is laid over)');
  return patchSpec(patches, base ?? DEFAULT_PATCH_BASE);
}
