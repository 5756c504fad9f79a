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
  /** Whole C files (--source FILE or FILE:fn,...), as typed; absent when none. */
  readonly sources?: readonly string[];
  readonly base: string;
}

export function patchSpec(patches: readonly string[], base = DEFAULT_PATCH_BASE, sources: readonly string[] = []): string {
  // Without sources the spec is spelled as before, so a ref recorded earlier still names the same variant.
  return PATCH_SPEC_PREFIX + JSON.stringify(sources.length === 0 ? { patches, base } : { patches, sources, base });
}

export function isPatchSpec(spec: string): boolean {
  return spec.startsWith(PATCH_SPEC_PREFIX);
}

export function parsePatchSpec(spec: string): PatchSpec {
  return JSON.parse(spec.slice(PATCH_SPEC_PREFIX.length)) as PatchSpec;
}

/** The options that name a variant on a command line: `--variant NAME`, or `--patch FILE`... `--source FILE`... [`--base NAME`]. */
export function variantArgs(ref: string): string {
  if (!isPatchSpec(ref)) return `--variant ${ref}`;
  const { patches, sources = [], base } = parsePatchSpec(ref);
  return [...patches.map((p) => `--patch ${p}`), ...sources.map((s) => `--source ${s}`), ...(base === DEFAULT_PATCH_BASE ? [] : [`--base ${base}`])].join(' ');
}

/** `FILE` or `FILE:fn1,fn2`: the file, and the functions picked from it (null: every slot it defines whole). */
export interface SourcePick {
  readonly file: string;
  readonly functions: readonly string[] | null;
}

const PICKED = /^(.*):([A-Za-z_]\w*(?:,[A-Za-z_]\w*)*)$/;

export function parseSourcePick(arg: string): SourcePick {
  const m = PICKED.exec(arg);
  return m === null ? { file: arg, functions: null } : { file: m[1]!, functions: m[2]!.split(',') };
}
