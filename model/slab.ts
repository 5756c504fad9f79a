import type { Kernel, KGen } from './kernel.js';
import { char_buf, ErrPtr, type Allocation, type KObject, type Ptr } from './memory.js';
import type { Site } from './site.js';

export type gfp_t = 'GFP_KERNEL' | 'GFP_ATOMIC';
export const GFP_KERNEL: gfp_t = 'GFP_KERNEL';
export const GFP_ATOMIC: gfp_t = 'GFP_ATOMIC';

/**
 * kmalloc()/kzalloc(): one step. GFP_KERNEL may sleep, so it is checked by might_sleep(). A scenario may make
 * any allocation of a given C type fail (the model of failslab); then NULL comes back and no block exists.
 * `make` builds the struct in the fresh block; a modelled struct is initialised by its constructor, so for
 * structs kmalloc and kzalloc agree. Byte buffers differ (`uninit`: see kmalloc_buf and kzalloc_buf).
 */
export function* kmalloc<T extends KObject>(
  k: Kernel,
  type: string,
  size: number,
  gfp: gfp_t,
  site: Site,
  make: (mem: Allocation) => T,
  uninit = false,
): KGen<T | null> {
  if (gfp === GFP_KERNEL) k.might_sleep(site, `kmalloc(${type}, GFP_KERNEL)`);
  yield k.op(`kmalloc(${type})`, type, site);
  if (k.shouldFailAlloc(type)) return null;
  const mem = k.newAllocation(type, size, 'slab', site, { uninit });
  const obj = make(mem);
  mem.obj = obj;
  return obj;
}

export const kzalloc = kmalloc;

/**
 * A byte buffer of `size` bytes (`kmalloc(size)` for a `char *`): its bytes are uninitialised until written (the
 * model stores zeros, so an uninitialised byte reads as NUL).
 */
export function* kmalloc_buf(k: Kernel, size: number, gfp: gfp_t, site: Site): KGen<char_buf | null> {
  return yield* kmalloc(k, 'char[]', size, gfp, site, (mem) => new char_buf(mem, new Uint8Array(size)), true);
}

/** `kzalloc(size)` for a `char *`: a byte buffer of `size` zeroed bytes. */
export function* kzalloc_buf(k: Kernel, size: number, gfp: gfp_t, site: Site): KGen<char_buf | null> {
  return yield* kmalloc(k, 'char[]', size, gfp, site, (mem) => new char_buf(mem, new Uint8Array(size)));
}

/** kfree(): NULL is a no-op; a second free is reported (and ignored) by the double-free checker. */
export function* kfree(k: Kernel, p: Ptr<KObject>, site: Site): KGen {
  yield k.op('kfree', p, site);
  if (p === null) return;
  if (p instanceof ErrPtr) k.probes.badPointer(p, site, 'kfree');
  const mem = p.mem;
  k.probes.free(mem, site);
  k.touch(mem.key, true);
  if (mem.freed) return;
  mem.freed = true;
  mem.freeStep = k.host.step;
  mem.freeActor = k.host.current.name;
  mem.freeSite = site;
  mem.freeStack = k.stack();
}
