import type { Kernel } from './kernel.js';
import { char_buf } from './memory.js';
import type { Site } from './site.js';

/**
 * `char name[size];` declared in the function of `site`: a byte array in the stack frame of the calling task.
 * It is no step (a function's frame is private to its CPU); it lives until its function returns
 * (stack_frame_return). Nothing writes it at the call, so its bytes are uninitialised (KMSAN poisons locals on
 * entry); the model stores zeros, so a stale byte reads as NUL.
 */
export function char_array_on_stack(k: Kernel, name: string, size: number, site: Site): char_buf {
  const mem = k.newAllocation('char[]', size, 'stack', site, { uninit: true, local: name });
  const buf = new char_buf(mem, new Uint8Array(size));
  mem.obj = buf;
  return buf;
}

/**
 * The function that declared `buf` returns: its frame is gone. Stack memory is reused by the next call in the
 * kernel; the model never reuses it, and refuses any later access to it (see lib/string.ts), rather than claim
 * what the kernel's tools would say of a dangling stack pointer.
 */
export function stack_frame_return(k: Kernel, buf: char_buf, site: Site): void {
  const mem = buf.mem;
  if (mem.kind !== 'stack') throw new Error(`stack_frame_return of ${mem.name}, which is not on the stack`);
  mem.freed = true;
  mem.freeStep = k.host.step;
  mem.freeActor = k.host.current.name;
  mem.freeSite = site;
}
