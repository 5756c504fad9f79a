/**
 * How a variant built from patches is named where a variant name goes (a worker's job, a variant's `ref`):
 * `patch:` and the JSON of its patches and base; and how a command line names it again (`--patch FILE ...`).
 * Kept free of heavy imports so the main thread can print a replay command without loading cfront or the model.
 */
import { SEED_VARIANT_NAME } from '../model/variants/seedName.js';

export const PATCH_SPEC_PREFIX = 'patch:';

/** What a patch is laid over unless --base says otherwise: the seed patch's own variant. */
export const DEFAULT_PATCH_BASE = SEED_VARIANT_NAME;

export interface PatchSpec {
  readonly patches: readonly string[];
  readonly base: string;
}

export function patchSpec(patches: readonly string[], base = DEFAULT_PATCH_BASE): string {
  return PATCH_SPEC_PREFIX + JSON.stringify({ patches, base });
}

export function isPatchSpec(spec: string): boolean {
  return spec.startsWith(PATCH_SPEC_PREFIX);
}

export function parsePatchSpec(spec: string): PatchSpec {
  return JSON.parse(spec.slice(PATCH_SPEC_PREFIX.length)) as PatchSpec;
}

/** The options that name a variant on a command line: `--variant NAME`, or `--patch FILE`... [`--base NAME`]. */
export function variantArgs(ref: string): string {
  if (!isPatchSpec(ref)) return `--variant ${ref}`;
  const { patches, base } = parsePatchSpec(ref);
  return [...patches.map((p) => `--patch ${p}`), ...(base === DEFAULT_PATCH_BASE ? [] : [`--base ${base}`])].join(' ');
}
