/**
 * A variant built from a patch's C: the patch (or a series, in order) is read into held text, the functions it
 * shows whole whose names are the variant's slots are interpreted (with the whole functions they call), and laid
 * over a base variant for everything else. A slot the patch shows only in part is not replaced: the title says
 * it comes from the base, so nobody takes a part for the whole.
 */
import type { Variant } from '../model/variant.js';
import { readFileSync } from 'node:fs';
import { parsePatch } from './diff.js';
import { findStruct, wholeFunctions, type Definition } from './functions.js';
import type { ModelFunction } from './interp/frame.js';
import { BaseRefused, NothingToInterpret } from './cfrontError.js';
import { compilePatch } from './program.js';
import { applySeries } from './series.js';
import { registerHeldText } from './runError.js';
import { SourceRefused } from './sourceRefused.js';
import { heldTextOfFile } from './wholeFile.js';

/** The variant's functions a patch may replace, named as the kernel names them. */
export const PATCH_SLOTS = ['cgroup_event_wake', 'cgroup_event_remove', 'cgroup_event_ptable_queue_proc', 'cgroup_write_event_control', 'cgroup_call_pre_destroy'] as const;

/** 6.x's names of the slots (memcg owns the events, versions.md section 6): the function fills the slot. */
const SLOT_ALIASES: Readonly<Record<string, string>> = {
  memcg_event_wake: 'cgroup_event_wake',
  memcg_event_remove: 'cgroup_event_remove',
  memcg_event_ptable_queue_proc: 'cgroup_event_ptable_queue_proc',
  memcg_write_event_control: 'cgroup_write_event_control',
};

/** The slot a C function fills: its own name, or the slot 6.x's name stands for. */
const slotOf = (fn: string): string => SLOT_ALIASES[fn] ?? fn;

/** Slots not interpreted (init_cgroup_housekeeping is no generator in the model): always the base's, said so when shown. */
const BASE_ONLY_SLOTS = ['init_cgroup_housekeeping'];

/** A C file of the user's tree (--source): where to read it, how it is named, the functions picked (null: every slot). */
export interface SourceFile {
  readonly path: string;
  readonly name: string;
  readonly functions: readonly string[] | null;
}

export interface PatchVariantSpec {
  /** The patches' files, in order. */
  readonly patches: readonly string[];
  /** Whole C files whose slot functions replace the base's (and the patches'). */
  readonly sources?: readonly SourceFile[];
  /** The patches as given on the command line (relative paths as typed), for names and messages. */
  readonly names?: readonly string[];
  readonly base: Variant;
  /** How the variant is named again on a command line (harness/patchSpec.ts). */
  readonly ref: string;
}

const where = (d: Definition): string => `${d.path}:${d.firstLine}-${d.lastLine ?? '?'}`;

export async function variantFromPatch(spec: PatchVariantSpec): Promise<Variant> {
  const patchNames = spec.names ?? spec.patches;
  const fromPatches = applySeries(spec.patches.map((p, i) => parsePatch(readFileSync(p, 'utf8'), patchNames[i]!)));
  const sources = (spec.sources ?? []).map((s) => ({ file: s, held: heldTextOfFile(s.name, readFileSync(s.path, 'utf8')) }));
  const picked = sources.flatMap(({ file, held }) => slotsPicked(file, wholeFunctions(held).map((d) => d.name)));
  // A source's definitions come first: what it defines whole is what is interpreted under that name.
  const held = new Map([...sources.map(({ file, held }) => [`source:${file.name}`, held] as const), ...fromPatches]);
  // The patches' slots are every one they show whole; a source's, only those it gives (all, or the ones picked).
  const inPatches = new Set([...fromPatches.values()].flatMap((h) => wholeFunctions(h).map((d) => d.name)));
  const { program, whole, partial, reached: wanted } = await compilePatch(held, () => [...new Set([...picked, ...PATCH_SLOTS.filter((s) => inPatches.has(s))])]);
  const names = [...patchNames, ...(spec.sources ?? []).map((s) => s.name)];
  // The patch's own struct cgroup_event meets a base's own teardown only where the C defines that struct.
  if ([...held.values()].some((h) => findStruct(h, 'cgroup_event').length > 0)) refuseOwnTeardown(spec.base);
  const name = names.join(' + ');
  if (program.slots.size === 0) throw new NothingToInterpret(name, PATCH_SLOTS);
  registerHeldText(spec.ref, held);
  const overlay: Record<string, ModelFunction> = {};
  for (const s of program.slots) {
    overlay[slotOf(s)] = program.functions.get(s)!;
    // The C calls a slot through k.v by its own name (cfront/interp/names.ts): a 6.x name is there too.
    if (slotOf(s) !== s) overlay[s] = program.functions.get(s)!;
  }
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
    source: `${name} (interpreted by cfront; lines as numbered after the patch${sources.length > 0 ? ', and as in each source file' : ''})`,
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

/** The slots a source gives: those picked (each must be a slot it defines whole), or every slot it defines whole. */
function slotsPicked(file: SourceFile, whole: readonly string[]): string[] {
  const slots: readonly string[] = PATCH_SLOTS;
  const isSlot = (fn: string) => slots.includes(slotOf(fn));
  if (file.functions === null) {
    const found = whole.filter(isSlot);
    if (found.length === 0) throw new SourceRefused(file.name, `defines none of ${slots.join(', ')} whole; nothing of it to interpret`);
    return found;
  }
  for (const f of file.functions) {
    if (!whole.includes(f)) throw new SourceRefused(file.name, `defines no function ${f} whole`);
    if (!isSlot(f)) throw new SourceRefused(file.name, `${f} is not one of the variant's functions (${slots.join(', ')})`);
  }
  return [...file.functions];
}
