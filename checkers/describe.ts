import type { Allocation } from '../model/memory.js';
import { formatSite, type Site } from '../model/site.js';

/** `step 17` for humans (steps are 0-based inside, 1-based in every report). */
export function stepName(step: number): string {
  return step < 0 ? 'boot' : `step ${step + 1}`;
}

/** KASAN's "Allocated by task ..." section: who, when, where. */
export function allocatedBy(mem: Allocation): string[] {
  if (mem.kind === 'static') return ['Allocated at boot (a kernel global)'];
  return [`Allocated by task ${mem.allocActor} at ${stepName(mem.allocStep)}:`, ...frames(mem.allocStack, mem.allocSite)];
}

/** KASAN's "Freed by task ..." section. */
export function freedBy(mem: Allocation): string[] {
  if (!mem.freed) return [];
  return [`Freed by task ${mem.freeActor} at ${stepName(mem.freeStep)}:`, ...frames(mem.freeStack, mem.freeSite)];
}

/** A recorded call trace, or the one site known when the run that recorded it was not traced. */
function frames(stack: readonly string[], site: Site | null): string[] {
  if (stack.length > 0) return stack.map((f) => ` ${f}`);
  return [` ${site === null ? '?' : formatSite(site)}`];
}

/** The object line KASAN ends with. */
export function objectLine(mem: Allocation): string {
  const state = mem.obj?.describeState() ?? '';
  return `The buggy address belongs to the object ${mem.name} (${mem.type}, ${mem.size} bytes)${state ? `, ${state}` : ''}`;
}

/** Indented call chain (innermost first), or nothing when the run was not traced. */
export function stackLines(stack: readonly string[]): string[] {
  return stack.length === 0 ? [] : ['Call Trace:', ...stack.map((f) => ` ${f}`)];
}

export { formatSite };
export type { Site };
