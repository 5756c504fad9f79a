/**
 * A variant built from a patch's C: the patch (or a series, in order) is read into held text, the functions it
 * shows whole whose names are the variant's slots are interpreted (with the whole functions they call), and laid
 * over a base variant for everything else. A slot the patch shows only in part is not replaced: the title says
 * it comes from the base, so nobody takes a part for the whole.
 */
import type { Variant } from '../model/variant.js';
import { readFileSync } from 'node:fs';
import { parsePatch } from './diff.js';
import type { Definition } from './functions.js';
import type { ModelFunction } from './interp/frame.js';
import { BaseRefused, NothingToInterpret } from './cfrontError.js';
import { compilePatch } from './program.js';
import { applySeries } from './series.js';
import { registerHeldText } from './runError.js';

/** The variant's functions a patch may replace, named as the kernel names them. */
export const PATCH_SLOTS = ['cgroup_event_wake', 'cgroup_event_remove', 'cgroup_event_ptable_queue_proc', 'cgroup_write_event_control', 'cgroup_call_pre_destroy'] as const;

/** Slots not interpreted (init_cgroup_housekeeping is no generator in the model): always the base's, said so when shown. */
const BASE_ONLY_SLOTS = ['init_cgroup_housekeeping'];

export interface PatchVariantSpec {
  /** The patches' files, in order. */
  readonly patches: readonly string[];
  /** The patches as given on the command line (relative paths as typed), for names and messages. */
  readonly names?: readonly string[];
  readonly base: Variant;
  /** How the variant is named again on a command line (harness/patchSpec.ts). */
  readonly ref: string;
}

const where = (d: Definition): string => `${d.path}:${d.firstLine}-${d.lastLine ?? '?'}`;

export async function variantFromPatch(spec: PatchVariantSpec): Promise<Variant> {
  refuseOwnTeardown(spec.base);
  const names = spec.names ?? spec.patches;
  const held = applySeries(spec.patches.map((p, i) => parsePatch(readFileSync(p, 'utf8'), names[i]!)));
  const { program, whole, partial, reached: wanted } = await compilePatch(held, (names) => PATCH_SLOTS.filter((s) => names.has(s)));
  const name = names.join(' + ');
  if (program.slots.size === 0) throw new NothingToInterpret(name, PATCH_SLOTS);
  registerHeldText(spec.ref, held);
  const overlay: Record<string, ModelFunction> = {};
  for (const s of program.slots) overlay[s] = program.functions.get(s)!;
  const interpreted = wanted.filter((n) => program.functions.has(n)).map((n) => `${n} (${where(whole.get(n)!)})`);
  const inPart = partial.filter((d) => [...PATCH_SLOTS, ...BASE_ONLY_SLOTS].includes(d.name)).map((d) => `${d.name} (shown in part at ${where(d)})`);
  const fromBase = `from base ${spec.base.name}: the rest${inPart.length > 0 ? `, ${inPart.join(', ')}` : ''}`;
  return {
    ...spec.base,
    ...(overlay as Partial<Variant>),
    name,
    ref: spec.ref,
    base: spec.base.name,
    title: `C of ${name}: from the patch: ${interpreted.join(', ')}; ${fromBase}`,
    source: `${name} (interpreted by cfront; lines as numbered after the patch)`,
  };
}

/**
 * A patch's struct cgroup_event is its own class; a base that tears events down in its own code (3.8 and later
 * splice or detach the list in cgroup_rmdir_events, 2.6.34 after the directory is gone, 6.x in memcg) would meet
 * the patch's events with code written for its own struct and its own design (v3.12's events pin a css the
 * patch's struct has no field for). Letting the patch's struct stand in would run a mixture neither kernel had, so
 * such a base is refused before anything runs; v4, whose teardown is cgroup_call_pre_destroy, a slot the patch
 * replaces, is the base a patch of this API is laid over.
 */
function refuseOwnTeardown(base: Variant): void {
  if (base.cgroup_rmdir_events === undefined) return;
  throw new BaseRefused(
    base.name,
    `it tears events down in code of its own (cgroup_rmdir_events), written for its own struct cgroup_event, which the patch's events would meet; a patch is laid over a base whose event teardown it replaces (v4: cgroup_call_pre_destroy)`,
  );
}
