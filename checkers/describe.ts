import type { Allocation } from '../model/memory.js';
import { formatSite, type Site } from '../model/site.js';

/** The name of the memory block a model object lives in (`cgroup#3`), for a finding's `involves`. */
export function blockOf(o: unknown): string[] {
  const mem = (o as { mem?: { name?: unknown } } | null)?.mem;
  return typeof mem?.name === 'string' ? [mem.name] : [];
}

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

/** Where a block was allocated, as a call trace (one frame per line, one space in). */
export function allocationTrace(mem: Allocation): string[] {
  return frames(mem.allocStack, mem.allocSite);
}

/**
 * A recorded call trace, or the one site known when the run that recorded it was not traced. A site whose function
 * is no model frame (code calling the allocator from outside the model: a test) ends the trace as its caller.
 */
function frames(stack: readonly string[], site: Site | null): string[] {
  const known = site === null || stack.some((f) => f === site.fn || f.startsWith(`${site.fn} (`));
  const all = [...stack, ...(known ? [] : [formatSite(site!)])];
  return (all.length > 0 ? all : ['?']).map((f) => ` ${f}`);
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
