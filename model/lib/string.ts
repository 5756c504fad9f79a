import type { Kernel } from '../kernel.js';
import type { char_buf, CharPtr } from '../memory.js';
import { at, formatSite, type Site } from '../site.js';

/*
 * Bytes are loaded, stored and used apart, as KMSAN sees them: a load or a store is an access (KASAN checks its
 * bounds and the block's life); a use is a loaded value deciding a branch or reaching a result (KMSAN checks
 * that it was initialised). A copy loads and stores without using, so it carries initialisation along.
 */

/**
 * The buffer behind `p`, accessed at `p[i]` for `n` bytes: checked by the memory checkers and touched for the
 * dependency analysis. A stack frame that has returned is refused: the model does not reuse stack memory, so
 * what such an access would read in the kernel (another call's frame) is not modelled.
 */
export function access_bytes(k: Kernel, p: CharPtr, i: number, n: number, write: boolean, site: Site): char_buf {
  const mem = p.buf.mem;
  if (mem.kind === 'stack' && mem.freed) {
    throw new Error(`${mem.name} (${mem.local ?? '?'} of ${mem.allocSite?.fn ?? '?'}) accessed at ${formatSite(site)} after its frame returned`);
  }
  const buf = write ? k.wr(p.buf, site, p.buf.name) : k.rd(p.buf, site, p.buf.name);
  k.probes.accessBytes(mem, p.off + i, n, write, site);
  k.touch(mem.key, false);
  k.touch(buf.key, write);
  return buf;
}

/**
 * `p[i]` loaded, checked as KASAN checks a 1-byte read; its value is not used yet (a copy carries it on). Past the
 * end of the block the read is reported; the model then reads a NUL, so parsing stops there (what the real bytes
 * past the end are is not modelled). An uninitialised byte reads as what the model stored: NUL.
 */
export function load_byte(k: Kernel, p: CharPtr, i: number, site: Site): number {
  const buf = access_bytes(k, p, i, 1, false, site);
  const off = p.off + i;
  return off >= 0 && off < buf.bytes.length ? buf.bytes[off]! : 0;
}

/** `p[i]` whose value the code tests (every parser's comparison): a load, then a use, which KMSAN checks. */
export function read_byte(k: Kernel, p: CharPtr, i: number, site: Site): number {
  const v = load_byte(k, p, i, site);
  k.probes.useBytes(p.buf.mem, p.off + i, 1, site);
  return v;
}

/** `p[i] = v` of a defined value (a constant): the byte is initialised. */
export function write_byte(k: Kernel, p: CharPtr, i: number, v: number, site: Site): void {
  const buf = access_bytes(k, p, i, 1, true, site);
  const off = p.off + i;
  if (off >= 0 && off < buf.bytes.length) buf.bytes[off] = v;
}

const L_memcpy = at('lib/string.c', 'memcpy');

/**
 * memcpy() (lib/string.c): `n` bytes from `src` to `dst`. It loads and stores, and uses no byte: each stored byte
 * is as initialised as the byte it was loaded from. Its accesses are its own (KASAN names memcpy).
 */
export function memcpy(k: Kernel, dst: CharPtr, src: CharPtr, n: number): void {
  if (n === 0) return;
  const from = access_bytes(k, src, 0, n, false, L_memcpy);
  const to = access_bytes(k, dst, 0, n, true, L_memcpy);
  for (let i = 0; i < n; i++) {
    const s = src.off + i;
    const d = dst.off + i;
    if (d >= 0 && d < to.bytes.length) to.bytes[d] = s >= 0 && s < from.bytes.length ? from.bytes[s]! : 0;
  }
  k.probes.copyBytes(to.mem, dst.off, from.mem, src.off, n, L_memcpy);
}

export function ptr_add(p: CharPtr, n: number): CharPtr {
  return { buf: p.buf, off: p.off + n };
}

const isdigit = (c: number): boolean => c >= 48 && c <= 57;
const isspace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const hexval = (c: number): number => {
  if (isdigit(c)) return c - 48;
  const l = c | 0x20;
  return l >= 97 && l <= 102 ? l - 87 : 99;
};

const U64 = (1n << 64n) - 1n;

/**
 * simple_strtoull() (lib/vsprintf.c): digits in `base` (0 = from the prefix: 0x hex, 0 octal, else decimal),
 * no sign, no overflow check (the value wraps modulo 2^64). Returns the value and where parsing stopped.
 */
export function simple_strtoull(k: Kernel, cp: CharPtr, base: number, site: Site): { value: bigint; endp: CharPtr } {
  let i = 0;
  if (base === 0) {
    base = 10;
    if (read_byte(k, cp, 0, site) === 48) {
      const x = read_byte(k, cp, 1, site) | 0x20;
      if (x === 120 && hexval(read_byte(k, cp, 2, site)) < 16) {
        base = 16;
        i = 2;
      } else {
        base = 8;
      }
    }
  } else if (base === 16 && read_byte(k, cp, 0, site) === 48 && (read_byte(k, cp, 1, site) | 0x20) === 120) {
    i = 2;
  }
  let value = 0n;
  for (;;) {
    const d = hexval(read_byte(k, cp, i, site));
    if (d >= base) break;
    value = (value * BigInt(base) + BigInt(d)) & U64;
    i++;
  }
  return { value, endp: ptr_add(cp, i) };
}

/** simple_strtoul(): the same, truncated to an unsigned long (64 bits). */
export function simple_strtoul(k: Kernel, cp: CharPtr, base: number, site: Site): { value: bigint; endp: CharPtr } {
  return simple_strtoull(k, cp, base, site);
}

/** strstrip(): NUL-terminates after the last non-space and returns a pointer past the leading spaces. */
export function strstrip(k: Kernel, s: CharPtr, site: Site): CharPtr {
  let len = 0;
  while (read_byte(k, s, len, site) !== 0) len++;
  if (len === 0) return s;
  let end = len - 1;
  while (end >= 0 && isspace(read_byte(k, s, end, site))) end--;
  write_byte(k, s, end + 1, 0, site);
  let start = 0;
  while (isspace(read_byte(k, s, start, site))) start++;
  return ptr_add(s, start);
}

/** memparse() (lib/cmdline.c): a number with an optional K/M/G suffix. */
export function memparse(k: Kernel, ptr: CharPtr, site: Site): { value: bigint; endp: CharPtr } {
  let { value, endp } = simple_strtoull(k, ptr, 0, site);
  const c = read_byte(k, endp, 0, site) | 0x20;
  const shift = c === 103 ? 30n : c === 109 ? 20n : c === 107 ? 10n : 0n;
  if (shift > 0n) {
    value = (value << shift) & U64;
    endp = ptr_add(endp, 1);
  }
  return { value, endp };
}

const L_strcmp = at('lib/string.c', 'strcmp');

/**
 * strcmp() (lib/string.c) of a kernel string against a constant: the sign of the first difference. Its reads are
 * its own (KASAN names strcmp when they go out of bounds; the call trace names the caller).
 */
export function strcmp(k: Kernel, cs: CharPtr, ct: string): number {
  for (let i = 0; ; i++) {
    const c1 = read_byte(k, cs, i, L_strcmp);
    const c2 = i < ct.length ? ct.charCodeAt(i) : 0;
    if (c1 !== c2) return c1 < c2 ? -1 : 1;
    if (c1 === 0) return 0;
  }
}
