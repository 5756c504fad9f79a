/**
 * Member access on model objects, as the hand-written model does it: `p->f` reads through k.rd (a modelled
 * struct: KASAN's check, the dependency analysis's read) or k.ptr (static memory such as a cftype or a
 * file_operations: only NULL and ERR_PTR fault); a store through `p->f` is k.wr. `&p->f` and `p.f` of an embedded
 * member touch no memory, as in C.
 */
import { read_byte } from '../../model/lib/string.js';
import { ErrPtr, KObject, type CharPtr } from '../../model/memory.js';
import { Poison } from '../../model/probes.js';
import { CFrontError } from '../cfrontError.js';
import { abstractedMember } from '../bindings/abstractions.js';
import type { Frame } from './frame.js';

/** Function-pointer members a kernel struct may leave NULL (the model leaves them undefined). */
export const OPTIONAL_MEMBERS = new Set(['register_event', 'unregister_event', 'poll', 'pre_destroy', 'release', 'trigger', 'read_u64', 'write_u64', 'write_string']);

function member(f: Frame, obj: object, field: string): unknown {
  const v = (obj as Record<string, unknown>)[field];
  if (v !== undefined) return v;
  if (OPTIONAL_MEMBERS.has(field) || field in obj) return null;
  const stand = abstractedMember(obj, field);
  if (stand !== undefined) return stand;
  throw new CFrontError(f.site.file, f.site.line, `${f.site.fn}: the model's ${describe(obj)} has no member ${field}`);
}

const describe = (o: object): string => (o instanceof KObject ? o.mem.type : ((o as { name?: string }).name ?? o.constructor.name));

const isBad = (p: unknown): boolean => p === null || p === undefined || p instanceof ErrPtr || p instanceof Poison;

/** `p->field` read. */
export function arrowRead(f: Frame, p: unknown, field: string): unknown {
  if (p instanceof KObject || isBad(p)) return member(f, f.k.rd(p as KObject | null, f.site, '', field), field);
  return member(f, f.k.ptr(p as object, f.site, '', field), field);
}

/** `p->field = v`. */
export function arrowWrite(f: Frame, p: unknown, field: string, v: unknown): void {
  const o = p instanceof KObject || isBad(p) ? f.k.wr(p as KObject | null, f.site, '', field) : f.k.ptr(p as object, f.site, '', field);
  member(f, o, field);
  (o as Record<string, unknown>)[field] = v;
}

/** `&p->field` or `s.field`: the member itself, no memory read. */
export function memberOf(f: Frame, p: unknown, field: string): unknown {
  if (p === null || p === undefined || typeof p !== 'object') {
    throw new CFrontError(f.site.file, f.site.line, `${f.site.fn}: member ${field} of ${String(p)}`);
  }
  return member(f, p, field);
}

export const isCharPtr = (v: unknown): v is CharPtr => typeof v === 'object' && v !== null && 'buf' in v && 'off' in v && !(v instanceof KObject);

/** `*p` of a char pointer: the byte, checked as KASAN would. */
export function derefRead(f: Frame, p: unknown): unknown {
  if (isCharPtr(p)) return read_byte(f.k, p, 0, f.site);
  if (p instanceof Ref) return p.get();
  throw new CFrontError(f.site.file, f.site.line, `${f.site.fn}: *p of a ${p === null ? 'NULL' : typeof p} is outside the subset (only char pointers and out-parameters)`);
}

/** `&local`: an out-parameter (simple_strtoul's endp). */
export class Ref {
  constructor(
    readonly get: () => unknown,
    readonly set: (v: unknown) => void,
  ) {}
}
