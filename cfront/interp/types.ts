/**
 * C types as the interpreter needs them: what a declaration declares (for sizeof, for the integer conversions of
 * assignments, for the struct a pointer points to), and the patch's own structs made into model object types.
 */
import type { Node } from '../parse.js';

/** A C type: its base (`int`, `unsigned long`, `struct cgroup_event`, `wait_queue_t`) and how many `*`. */
export interface CType {
  readonly base: string;
  readonly ptr: number;
}

export const INT: CType = { base: 'int', ptr: 0 };

/** The base type a declaration's `type` node names, qualifiers dropped. */
export function baseOf(typeNode: Node): string {
  if (typeNode.type === 'struct_specifier' || typeNode.type === 'union_specifier') {
    return `${typeNode.type === 'struct_specifier' ? 'struct' : 'union'} ${typeNode.childForFieldName('name')?.text ?? '?'}`;
  }
  return typeNode.text.replace(/\s+/g, ' ');
}

/** The name a declarator declares and the type it gives it (`*p` adds a pointer level; `a[4]` too). */
export function declared(declarator: Node, base: string): { name: string; type: CType; node: Node } {
  let ptr = 0;
  let d: Node = declarator;
  for (;;) {
    if (d.type === 'pointer_declarator' || d.type === 'array_declarator') ptr++;
    else if (d.type !== 'init_declarator' && d.type !== 'parenthesized_declarator') break;
    d = d.childForFieldName('declarator') ?? d.namedChildren[0]!;
  }
  return { name: d.text, type: { base, ptr }, node: d };
}

/** The type of `*x` given x's. */
export const deref = (t: CType): CType => ({ base: t.base, ptr: Math.max(0, t.ptr - 1) });

/** Bytes of the kernel's types on x86-64 (2.6.33), for sizeof and the allocation's size. */
const SIZES: Record<string, number> = {
  char: 1,
  'unsigned char': 1,
  short: 2,
  int: 4,
  unsigned: 4,
  'unsigned int': 4,
  long: 8,
  'unsigned long': 8,
  'struct list_head': 16,
  poll_table: 16,
  wait_queue_t: 40,
  'struct work_struct': 32,
  spinlock_t: 4,
};

/** sizeof a type; `structSize` knows the patch's structs. Null when the interpreter cannot tell. */
export function sizeOf(t: CType, structSize: (base: string) => number | null): number | null {
  if (t.ptr > 0) return 8;
  return SIZES[t.base] ?? structSize(t.base);
}

/** Field layout of a struct: each field aligned to its size (at most 8), the whole to 8. */
export function layoutSize(sizes: readonly number[]): number {
  let off = 0;
  for (const s of sizes) {
    const align = Math.min(8, s);
    off = Math.ceil(off / align) * align + s;
  }
  return Math.ceil(off / 8) * 8;
}

/** A C integer conversion (assignment, initialisation, cast): the value as the type holds it. */
export function convert(v: unknown, t: CType): unknown {
  if (t.ptr > 0) return v;
  if (typeof v === 'bigint') v = Number(BigInt.asUintN(64, v));
  if (typeof v === 'boolean') v = v ? 1 : 0;
  if (typeof v !== 'number') return v;
  switch (t.base) {
    case 'unsigned':
    case 'unsigned int':
      return v >>> 0;
    case 'int':
      return v | 0;
    case 'char':
    case 'unsigned char':
      return v & 0xff;
    default:
      return v;
  }
}
