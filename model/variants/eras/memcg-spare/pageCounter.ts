import { EINVAL } from '../../../errno.js';
import type { Kernel } from '../../../kernel.js';
import { memparse, read_byte, strcmp } from '../../../lib/string.js';
import type { CharPtr } from '../../../memory.js';
import { at } from '../../../site.js';

const L = at('mm/page_counter.c', 'page_counter_memparse');
const PAGE_SIZE = 4096n;
/** LONG_MAX / PAGE_SIZE: the largest count of pages a page_counter holds. */
const PAGE_COUNTER_MAX = ((1n << 63n) - 1n) / PAGE_SIZE;

/**
 * page_counter_memparse() (mm/page_counter.c, 3.19 on): `max` ("-1") means no limit; otherwise memparse() must
 * consume the whole string, and the bytes are rounded down to pages. The model keeps thresholds in bytes, so the
 * result is the page count times PAGE_SIZE. Any context.
 */
export function page_counter_memparse(k: Kernel, buf: CharPtr, max: string): { ret: number; value: bigint } {
  if (strcmp(k, buf, max) === 0) return { ret: 0, value: PAGE_COUNTER_MAX * PAGE_SIZE };
  const { value: bytes, endp } = memparse(k, buf, L);
  if (read_byte(k, endp, 0, L) !== 0) return { ret: -EINVAL, value: 0n };
  const pages = bytes / PAGE_SIZE < PAGE_COUNTER_MAX ? bytes / PAGE_SIZE : PAGE_COUNTER_MAX;
  return { ret: 0, value: pages * PAGE_SIZE };
}
