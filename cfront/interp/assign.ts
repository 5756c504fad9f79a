/**
 * Assignments (`=`, `+=`, ...) and `++`/`--`: a store to a variable converts to its declared type; a store
 * through `p->f` is the model's k.wr (a patch struct's field converted to the field's type).
 */
import type { Node } from '../parse.js';
import { arrowWrite } from './access.js';
import { BINARY, compileExpr, fieldOf } from './expressions.js';
import { combine, refuse, type Expr, type Frame, type Scope } from './frame.js';
import { convert, type CType } from './types.js';

/** A store to an lvalue: a variable (converted to its type) or `p->f` (through k.wr). */
function store(s: Scope, n: Node): { target: Expr | null; put: (f: Frame, target: unknown, v: unknown) => void; type: CType | null } {
  if (n.type === 'identifier' && s.vars.has(n.text)) {
    const name = n.text;
    const t = s.vars.get(name)!;
    return { target: null, put: (f, _t, v) => void (f.vars[name] = convert(v, t)), type: t };
  }
  if (n.type === 'field_expression') {
    const { base, field, arrow, type } = fieldOf(s, n);
    const put = arrow
      ? (f: Frame, p: unknown, v: unknown) => arrowWrite(f, p, field, type === null ? v : convert(v, type))
      : (f: Frame, p: unknown, v: unknown) => void ((p as Record<string, unknown>)[field] = v);
    return { target: base, put, type };
  }
  return refuse(s, n, `unsupported assignment to ${n.type}`);
}

export function assignment(s: Scope, n: Node): Expr {
  const op = n.childForFieldName('operator')!.type;
  const left = n.childForFieldName('left')!;
  const { target, put, type } = store(s, left);
  const value = compileExpr(s, n.childForFieldName('right')!);
  let rhs = value;
  if (op !== '=') {
    const fn = BINARY[op.slice(0, -1)];
    if (fn === undefined) refuse(s, n, `unsupported operator ${op}`);
    const old = compileExpr(s, left);
    rhs = combine([old, value], (_f, [a, b]) => fn(a, b));
  }
  const parts = target === null ? [rhs] : [target, rhs];
  return combine(parts, (f, vals) => {
    const v = vals[vals.length - 1];
    put(f, target === null ? null : vals[0], v);
    return type === null ? v : convert(v, type);
  }, type);
}

export function update(s: Scope, n: Node): Expr {
  const arg = n.childForFieldName('argument')!;
  const op = n.childForFieldName('operator')!.type;
  const { target, put, type } = store(s, arg);
  const old = compileExpr(s, arg);
  const delta = op === '++' ? 1 : -1;
  const prefix = n.child(0)!.type === op;
  return combine(target === null ? [old] : [target, old], (f, vals) => {
    const was = vals[vals.length - 1];
    const now = BINARY['+']!(was, delta);
    put(f, target === null ? null : vals[0], now);
    return prefix ? now : was;
  }, type);
}
