import type { Kernel, KGen } from '../../../kernel.js';
import type { CharPtr } from '../../../memory.js';
import type { Site } from '../../../site.js';
import { GFP_KERNEL, kmalloc } from '../../../slab.js';
import { mem_cgroup_threshold_ary, type mem_cgroup_threshold } from '../../../memcg/memcontrol.js';

/*
 * struct mem_cgroup_threshold_ary of 2.6.35 on, as memory: `int current_threshold; unsigned int size;` then the
 * flexible array of `{ struct eventfd_ctx *eventfd; u64 threshold; }` (x86-64: a header of 8 bytes, entries of
 * 16). A buffer is allocated for a number of entries and later reused as the spare for as many as the code
 * writes into it, so the model writes the entries as bytes of the block: KASAN sees a copy that does not fit.
 */

const HEADER = 8;
const ENTRY = 16;

/** How an era parses the threshold: the value in bytes, or an error. */
export type threshold_parser = (k: Kernel, buf: CharPtr) => { ret: number; value: bigint };

/** kmalloc(sizeof(*new) + size * sizeof(struct mem_cgroup_threshold), GFP_KERNEL). Process context. */
export function* allocThresholdAry(k: Kernel, size: number, site: Site): KGen<mem_cgroup_threshold_ary | null> {
  return yield* kmalloc(k, 'mem_cgroup_threshold_ary', HEADER + ENTRY * size, GFP_KERNEL, site, (mem) => new mem_cgroup_threshold_ary(mem, mem.name));
}

/**
 * Writes `entries` into `ary` from index 0 (the code has already written `ary->size`): one store per entry,
 * wherever the block ends.
 */
export function writeEntries(k: Kernel, ary: mem_cgroup_threshold_ary, entries: mem_cgroup_threshold[], site: Site): void {
  const a = k.wr(ary, site);
  for (let j = 0; j < entries.length; j++) k.probes.accessBytes(a.mem, HEADER + ENTRY * j, ENTRY, true, site);
  a.entries = entries;
}

/** sort() by threshold, as compare_thresholds() orders them. */
export function sortedByThreshold(entries: mem_cgroup_threshold[]): mem_cgroup_threshold[] {
  return entries.sort((a, b) => (a.threshold < b.threshold ? -1 : a.threshold > b.threshold ? 1 : 0));
}

/** The index of the last entry at or below `usage` (-1 if none): current_threshold, counted as the code counts it. */
export function currentThresholdOf(entries: readonly mem_cgroup_threshold[], usage: bigint): number {
  let cur = -1;
  for (const e of entries) if (e.threshold <= usage) cur++;
  return cur;
}
