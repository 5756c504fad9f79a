import type { Kernel } from '../kernel.js';
import type { CharPtr } from '../memory.js';
import type { Site } from '../site.js';
import { access_bytes } from './string.js';

/**
 * copy_from_user(): the user's bytes into kernel memory at `to`. A store of the whole range (checked against the
 * block's bounds); the user's bytes are defined, so exactly the bytes written become initialised. User memory
 * is not modelled: the source is always readable, so nothing is left uncopied (0 returned).
 */
export function copy_from_user(k: Kernel, to: CharPtr, from: Uint8Array, site: Site): number {
  const n = from.length;
  if (n === 0) return 0;
  const buf = access_bytes(k, to, 0, n, true, site);
  for (let i = 0; i < n; i++) {
    const off = to.off + i;
    if (off >= 0 && off < buf.bytes.length) buf.bytes[off] = from[i]!;
  }
  k.probes.copyBytes(buf.mem, to.off, null, 0, n, site);
  return 0;
}
