import { findVariant, variants } from '../model/variants/index.js';
import { isVariantPath, loadVariant } from './loadVariant.js';
import { isPatchSpec, parsePatchSpec, parseSourcePick } from './patchSpec.js';
import type { Variant } from '../model/variant.js';
import { existsSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { resolveScenarios, scenarios } from '../scenarios/index.js';
import type { Scenario } from '../scenarios/scenario.js';
import { WORKLOAD_PREFIX, workloadScenario } from '../scenarios/workload/scenario.js';
import { parseWorkload } from '../scenarios/workload/text.js';

/** A name the user gave that names nothing: the message says what exists. */
export class UnknownNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownNameError';
  }
}

export function variantNamed(name: string): Variant {
  const v = findVariant(name);
  if (v === undefined) throw new UnknownNameError(`unknown variant '${name}' (known: ${variants.map((x) => x.name).join(', ')}, or a module file: ./my-patch.ts)`);
  return v;
}

/** A shipped version by name, or a user-written variant module by path. */
export async function resolveVariant(spec: string, cwd: string): Promise<Variant> {
  if (isPatchSpec(spec)) return patchVariant(spec, cwd);
  return isVariantPath(spec) ? loadVariant(spec, cwd) : variantNamed(spec);
}

/** Built once per spec and directory: every scenario of a command runs the same interpreted functions. */
const fromPatches = new Map<string, Promise<Variant>>();

/** A variant from patches' C (`--patch FILE`...), over its base; patch paths are relative to `cwd`. */
function patchVariant(spec: string, cwd: string): Promise<Variant> {
  const key = `${cwd}\0${spec}`;
  let v = fromPatches.get(key);
  if (v === undefined) {
    const { patches, sources = [], base } = parsePatchSpec(spec);
    for (const p of patches) if (!existsSync(resolvePath(cwd, p))) throw new UnknownNameError(`no patch file '${p}'`);
    const files = sources.map(parseSourcePick).map((s) => ({ path: resolvePath(cwd, s.file), name: s.file, functions: s.functions }));
    for (const f of files) if (!existsSync(f.path)) throw new UnknownNameError(`no source file '${f.name}'`);
    // cfront (and the C grammar) is loaded only when a patch is named: other commands start as fast as before.
    v = import('../cfront/variantFromPatch.js').then(({ variantFromPatch }) => variantFromPatch({ patches: patches.map((p) => resolvePath(cwd, p)), names: patches, sources: files, base: variantNamed(base), ref: spec }));
    fromPatches.set(key, v);
  }
  return v;
}

/** A scenario name, a family (`bad-write`), `all`, or `workload:<text>` (a workload's one-line text). */
export function scenariosNamed(name: string): Scenario[] {
  if (name.startsWith(WORKLOAD_PREFIX)) return [workloadScenario(parseWorkload(name.slice(WORKLOAD_PREFIX.length)))];
  const found = resolveScenarios(name);
  if (found.length === 0) {
    const families = [...new Set(scenarios.map((s) => s.name.split(':')[0]!))];
    throw new UnknownNameError(`unknown scenario '${name}' (known: ${families.join(', ')}, a bad-write:<case>, or all; see cgsim list)`);
  }
  return found;
}

/** Exactly one scenario (replay needs one). */
export function scenarioNamed(name: string): Scenario {
  const found = scenariosNamed(name);
  if (found.length !== 1) throw new UnknownNameError(`'${name}' names ${found.length} scenarios; replay needs one (e.g. ${found[0]!.name})`);
  return found[0]!;
}

export { replayCommand, scenarioArg } from './replayCommand.js';
