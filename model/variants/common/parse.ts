import type { Kernel } from '../../kernel.js';
import { ptr_add, read_byte, simple_strtoul } from '../../lib/string.js';
import type { CharPtr } from '../../memory.js';
import type { Site } from '../../site.js';

const SPACE = 0x20;

/** `unsigned int` of an unsigned long parse: the low 32 bits. */
const uint = (v: bigint): number => Number(v & 0xffffffffn);

/** Where each version's handler has the four lines of the parse, for the labels. */
export interface ParseSites {
  readonly efd: Site;
  readonly efdEnd: Site;
  readonly cfd: Site;
  readonly cfdEnd: Site;
}

/**
 * The start of every version's cgroup.event_control handler, unchanged from the seed to 6.x: "<efd> <cfd>" by
 * simple_strtoul(), a space after the eventfd, a space or the NUL after the control fd, and the arguments from one
 * past that separator, which is past the string when the separator was the terminating NUL. Null for -EINVAL.
 */
export function parse_event_control(k: Kernel, buffer: CharPtr, at: ParseSites): { efd: number; cfd: number; args: CharPtr } | null {
  let p = simple_strtoul(k, buffer, 10, at.efd);
  const efd = uint(p.value);
  if (read_byte(k, p.endp, 0, at.efdEnd) !== SPACE) return null;
  p = simple_strtoul(k, ptr_add(p.endp, 1), 10, at.cfd);
  const cfd = uint(p.value);
  const sep = read_byte(k, p.endp, 0, at.cfdEnd);
  if (sep !== SPACE && sep !== 0) return null;
  return { efd, cfd, args: ptr_add(p.endp, 1) };
}
