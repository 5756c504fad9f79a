/**
 * Expressions of the kernel-C subset compiled to closures: literals, variables, `->` `.` `&` `*`, casts,
 * arithmetic, comparisons, bit and logical operators, assignment, sizeof, calls. Anything else is refused at
 * compile time with its line.
 */
import { ptr_add } from '../../model/lib/string.js';
import { KObject } from '../../model/memory.js';
import { CFrontError } from '../cfrontError.js';
import type { Node } from '../parse.js';
import { arrowRead, derefRead, isCharPtr, memberOf, Ref } from './access.js';
import { assignment, update } from './assign.js';
import { compileCall } from './calls.js';
import { constantValue, referenceOf } from './names.js';
import { combine, genExpr, pureExpr, refuse, structOf, truthy, unsupported, type Expr, type Scope } from './frame.js';
import { baseOf, convert, deref, INT, sizeOf, type CType } from './types.js';

export function compileExpr(s: Scope, n: Node): Expr {
  switch (n.type) {
    case 'number_literal':
      return literal(s, n);
    case 'char_literal':
      return charLiteral(s, n);
    case 'null':
      return pureExpr(() => null);
    case 'true':
    case 'false':
      return pureExpr(() => (n.type === 'true' ? 1 : 0));
    case 'parenthesized_expression':
      return compileExpr(s, n.namedChildren.find((c) => c?.type !== 'comment')!);
    case 'identifier':
      return identifier(s, n);
    case 'field_expression':
      return fieldRead(s, n);
    case 'pointer_expression':
      return n.child(0)!.type === '&' ? addressOf(s, n) : derefExpr(s, n);
    case 'unary_expression':
      return unary(s, n);
    case 'binary_expression':
      return binary(s, n);
    case 'assignment_expression':
      return assignment(s, n);
    case 'update_expression':
      return update(s, n);
    case 'cast_expression':
      return cast(s, n);
    case 'sizeof_expression':
      return sizeofExpr(s, n);
    case 'conditional_expression':
      return conditional(s, n);
    case 'call_expression':
      return compileCall(s, n);
    default:
      return unsupported(s, n);
  }
}

function literal(s: Scope, n: Node): Expr {
  const text = n.text.replace(/[uUlL]+$/, '');
  const v = /^0[xX]/.test(text) ? parseInt(text, 16) : /^0[0-7]+$/.test(text) ? parseInt(text, 8) : Number(text);
  if (!Number.isInteger(v)) refuse(s, n, `unsupported literal ${n.text}`);
  return pureExpr(() => v, INT);
}

const ESCAPES: Record<string, number> = { '\\0': 0, '\\n': 10, '\\t': 9, "\\'": 39, '\\\\': 92 };

function charLiteral(s: Scope, n: Node): Expr {
  const body = n.text.slice(1, -1);
  const v = body.length === 1 ? body.charCodeAt(0) : ESCAPES[body];
  if (v === undefined) refuse(s, n, `unsupported character literal ${n.text}`);
  return pureExpr(() => v, { base: 'char', ptr: 0 });
}

function identifier(s: Scope, n: Node): Expr {
  const name = n.text;
  const t = s.vars.get(name);
  if (t !== undefined) return pureExpr((f) => f.vars[name], t);
  const ref = referenceOf(s, name);
  if (ref !== null) return pureExpr(ref);
  const c = constantValue(name);
  if (c !== undefined) return pureExpr(() => c);
  return refuse(s, n, `unknown identifier ${name}`);
}

export function fieldOf(s: Scope, n: Node): { base: Expr; field: string; arrow: boolean; type: CType | null } {
  const base = compileExpr(s, n.childForFieldName('argument')!);
  const field = n.childForFieldName('field')!.text;
  const arrow = n.child(1)!.type === '->';
  const st = structOf(s.program, arrow ? base.type && deref(base.type) : base.type);
  const type = st?.fields.find((x) => x.name === field)?.type ?? null;
  if (st !== null && type === null) refuse(s, n, `struct ${st.name} has no member ${field}`);
  return { base, field, arrow, type };
}

function fieldRead(s: Scope, n: Node): Expr {
  const { base, field, arrow, type } = fieldOf(s, n);
  return combine([base], arrow ? (f, [p]) => arrowRead(f, p, field) : (f, [p]) => memberOf(f, p, field), type);
}

function addressOf(s: Scope, n: Node): Expr {
  const arg = n.childForFieldName('argument')!;
  if (arg.type === 'field_expression') {
    const { base, field } = fieldOf(s, arg);
    return combine([base], (f, [p]) => memberOf(f, p, field));
  }
  if (arg.type === 'identifier' && s.vars.has(arg.text)) {
    const name = arg.text;
    const t = s.vars.get(name)!;
    return pureExpr((f) => new Ref(() => f.vars[name], (v) => (f.vars[name] = convert(v, t))), { base: t.base, ptr: t.ptr + 1 });
  }
  if (arg.type === 'identifier') return identifier(s, arg);
  return refuse(s, n, `unsupported construct: address of ${arg.type}`);
}

function derefExpr(s: Scope, n: Node): Expr {
  const p = compileExpr(s, n.childForFieldName('argument')!);
  return combine([p], (f, [v]) => derefRead(f, v), p.type && deref(p.type));
}

function unary(s: Scope, n: Node): Expr {
  const op = n.child(0)!.type;
  const a = compileExpr(s, n.childForFieldName('argument')!);
  const fn: Record<string, (v: unknown) => unknown> = { '!': (v) => (truthy(v) ? 0 : 1), '-': (v) => -num(v), '~': (v) => ~num(v), '+': (v) => num(v) };
  const apply = fn[op];
  if (apply === undefined) refuse(s, n, `unsupported operator ${op}`);
  return combine([a], (_f, [v]) => apply(v), INT);
}

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'boolean' ? Number(v) : NaN);
const same = (a: unknown, b: unknown): boolean => a === b || ((a === null || a === undefined || a === 0) && (b === null || b === undefined || b === 0));

export const BINARY: Record<string, (a: unknown, b: unknown) => unknown> = {
  '+': (a, b) => (isCharPtr(a) ? ptr_add(a, num(b)) : num(a) + num(b)),
  '-': (a, b) => (isCharPtr(a) ? ptr_add(a, -num(b)) : num(a) - num(b)),
  '*': (a, b) => num(a) * num(b),
  '/': (a, b) => Math.trunc(num(a) / num(b)),
  '%': (a, b) => num(a) % num(b),
  '<<': (a, b) => num(a) << num(b),
  '>>': (a, b) => num(a) >> num(b),
  '&': (a, b) => num(a) & num(b),
  '|': (a, b) => num(a) | num(b),
  '^': (a, b) => num(a) ^ num(b),
  '==': (a, b) => (same(a, b) ? 1 : 0),
  '!=': (a, b) => (same(a, b) ? 0 : 1),
  '<': (a, b) => (num(a) < num(b) ? 1 : 0),
  '>': (a, b) => (num(a) > num(b) ? 1 : 0),
  '<=': (a, b) => (num(a) <= num(b) ? 1 : 0),
  '>=': (a, b) => (num(a) >= num(b) ? 1 : 0),
};

function binary(s: Scope, n: Node): Expr {
  const op = n.childForFieldName('operator')!.type;
  const l = compileExpr(s, n.childForFieldName('left')!);
  const r = compileExpr(s, n.childForFieldName('right')!);
  if (op === '&&' || op === '||') return logical(op, l, r);
  const fn = BINARY[op];
  if (fn === undefined) refuse(s, n, `unsupported operator ${op}`);
  // == and != compare anything (pointers with pointers, with NULL); every other operator wants numbers.
  if (op === '==' || op === '!=') return combine([l, r], (_f, [a, b]) => fn(a, b), l.type);
  return combine([l, r], (f, [a, b]) => fn(isCharPtr(a) && (op === '+' || op === '-') ? a : numeric(f, op, a), numeric(f, op, b)), l.type);
}

/**
 * An operand of arithmetic, bit or ordering operators: a number (NULL is 0, as in C). A struct or other object
 * there is the C's error (a pointer where an integer goes, a missing dereference), met when the run gets there:
 * one line at the patch's line, not a NaN that quietly turns into 0.
 */
function numeric(f: Parameters<typeof refuseAt>[0], op: string, v: unknown): unknown {
  if (v === null || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return v ?? 0;
  return refuseAt(f, `operator ${op} on ${v === undefined ? 'an undefined value' : typeof v === 'object' ? `a pointer to ${valueName(v)}` : `a ${typeof v}`}, not a number`);
}

function refuseAt(f: { site: { file: string; line: number; fn: string } }, what: string): never {
  throw new CFrontError(f.site.file, f.site.line, `${f.site.fn}: ${what}`);
}

const valueName = (o: object): string => (o instanceof KObject ? o.mem.type : ((o as { name?: string }).name ?? o.constructor.name));

function logical(op: '&&' | '||', l: Expr, r: Expr): Expr {
  const decide = (a: unknown): boolean => (op === '&&' ? !truthy(a) : truthy(a));
  if (l.pure && r.pure) return pureExpr((f) => (decide(l.sync(f)) ? Number(op === '||') : Number(truthy(r.sync(f)))), INT);
  return genExpr(function* (f) {
    if (decide(l.pure ? l.sync(f) : yield* l.gen(f))) return Number(op === '||');
    return Number(truthy(r.pure ? r.sync(f) : yield* r.gen(f)));
  }, INT);
}

function conditional(s: Scope, n: Node): Expr {
  const c = compileExpr(s, n.childForFieldName('condition')!);
  const a = compileExpr(s, n.childForFieldName('consequence')!);
  const b = compileExpr(s, n.childForFieldName('alternative')!);
  return genExpr(function* (f) {
    const v = c.pure ? c.sync(f) : yield* c.gen(f);
    const e = truthy(v) ? a : b;
    return e.pure ? e.sync(f) : yield* e.gen(f);
  }, a.type);
}

/** The type a type_descriptor (of a cast or sizeof) names. */
export function typeOfDescriptor(n: Node): CType {
  const t = n.childForFieldName('type')!;
  let ptr = 0;
  for (let d = n.childForFieldName('declarator'); d !== null; d = d.childForFieldName('declarator')) if (d.type === 'abstract_pointer_declarator') ptr++;
  return { base: baseOf(t), ptr };
}

function cast(s: Scope, n: Node): Expr {
  const t = typeOfDescriptor(n.childForFieldName('type')!);
  const v = compileExpr(s, n.childForFieldName('value')!);
  return combine([v], (_f, [x]) => convert(x, t), t);
}

function sizeofExpr(s: Scope, n: Node): Expr {
  const td = n.childForFieldName('type');
  const t = td !== null ? typeOfDescriptor(td) : compileExpr(s, n.childForFieldName('value')!).type;
  const size = t === null ? null : sizeOf(t, (b) => structOf(s.program, { base: b, ptr: 0 })?.size ?? null);
  if (t === null || size === null) throw new CFrontError(s.file, s.lineOf(n), `${s.fn}: sizeof of a type the interpreter does not know: ${n.text}`);
  return pureExpr(() => size, INT, { sizeofOf: t });
}
