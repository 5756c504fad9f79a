/**
 * Calls: the pointer macros (IS_ERR, PTR_ERR, ERR_PTR, container_of), the patch's own functions (interpreted;
 * a variant slot through k.v), the binding table's kernel functions, and calls through function pointers of
 * the model's structs with the convention of each (the cftype's event callbacks take the caller's site).
 */
import { ERR_PTR, ErrPtr, IS_ERR, IS_ERR_OR_NULL, KObject, PTR_ERR } from '../../model/memory.js';
import { poll_table } from '../../model/wait.js';
import { CFrontError } from '../cfrontError.js';
import { KERNEL_BINDINGS } from '../bindings/kernel.js';
import { memcgCallbackArgs } from '../bindings/memcg.js';
import type { Node } from '../parse.js';
import { STRUCT_ARG } from '../preprocess.js';
import { arrowRead, memberOf } from './access.js';
import { compileExpr } from './expressions.js';
import { combine, genExpr, refuse, type Expr, type Frame, type ModelFunction, type Scope } from './frame.js';

/** Function-pointer members of model structs and whether the model's function takes the caller's site last. */
const POINTER_CONVENTIONS: Record<string, { site: boolean }> = {
  register_event: { site: true },
  unregister_event: { site: true },
  poll: { site: false },
  pre_destroy: { site: false },
};

const MACROS: Record<string, (v: unknown) => unknown> = {
  IS_ERR: (p) => (IS_ERR(p) ? 1 : 0),
  IS_ERR_OR_NULL: (p) => (IS_ERR_OR_NULL(p) ? 1 : 0),
  PTR_ERR: (p) => (p instanceof ErrPtr ? PTR_ERR(p) : 0),
  ERR_PTR: (e) => ERR_PTR(e as number),
  likely: (v) => v,
  unlikely: (v) => v,
};

export function compileCall(s: Scope, n: Node): Expr {
  const fnNode = n.childForFieldName('function')!;
  const argNodes = n.childForFieldName('arguments')!.namedChildren.filter((a): a is Node => a !== null && a.type !== 'comment');
  if (fnNode.type === 'field_expression') return pointerCall(s, n, fnNode, argNodes);
  if (fnNode.type !== 'identifier') return refuse(s, n, `unsupported call through ${fnNode.type}`);
  const name = fnNode.text;
  if (name === 'container_of') return containerOf(s, n, argNodes);
  const args = () => argNodes.map((a) => compileExpr(s, a));
  const macro = MACROS[name];
  if (macro !== undefined) {
    if (argNodes.length !== 1) refuse(s, n, `${name} takes 1 argument`);
    return combine(args(), (_f, [v]) => macro(v));
  }
  if (s.program.declared.has(name)) return patchCall(s, name, args());
  const binding = KERNEL_BINDINGS[name];
  if (binding === undefined) return refuse(s, n, `unknown function ${name}: the patch does not define it whole and no binding maps it to the model`);
  if (argNodes.length > binding.params.length || argNodes.length < (binding.minParams ?? binding.params.length)) refuse(s, n, `${name} takes ${binding.params.length} arguments, not ${argNodes.length}`);
  const compiled = args();
  const prepared = binding.prepare?.(s, n, compiled);
  return genExpr(function* (f) {
    const vals: unknown[] = [];
    for (const c of compiled) vals.push(c.pure ? c.sync(f) : yield* c.gen(f));
    return yield* binding.call(f.k, f.site, vals, prepared);
  });
}

function patchCall(s: Scope, name: string, args: readonly Expr[]): Expr {
  const { program } = s;
  const viaSlot = program.slots.has(name);
  program.want(name);
  return genExpr(function* (f) {
    const vals: unknown[] = [];
    for (const c of args) vals.push(c.pure ? c.sync(f) : yield* c.gen(f));
    const fn = (viaSlot ? (f.k.v as unknown as Record<string, ModelFunction>)[name] : program.functions.get(name))!;
    return yield* fn(f.k, ...vals);
  });
}

function pointerCall(s: Scope, n: Node, fnNode: Node, argNodes: readonly Node[]): Expr {
  const field = fnNode.childForFieldName('field')!.text;
  const conv = POINTER_CONVENTIONS[field];
  if (conv === undefined) return refuse(s, n, `call through ->${field}: no model convention for this function pointer`);
  const base = compileExpr(s, fnNode.childForFieldName('argument')!);
  const arrow = fnNode.child(1)!.type === '->';
  const args = argNodes.map((a) => compileExpr(s, a));
  return genExpr(function* (f) {
    const b = base.pure ? base.sync(f) : yield* base.gen(f);
    const fn = (arrow ? arrowRead(f, b, field) : memberOf(f, b, field)) as ModelFunction | null;
    const vals: unknown[] = [];
    for (const c of args) vals.push(c.pure ? c.sync(f) : yield* c.gen(f));
    // A call through a NULL function pointer is the kernel's NULL dereference: the model's fault, reported as an oops.
    const target = fn ?? f.k.ptr<ModelFunction>(null, f.site, 'function pointer', field);
    const adapted = memcgCallbackArgs(b, field, vals) ?? vals;
    if (conv.site) adapted.push(f.site);
    return yield* target(f.k, ...adapted);
  });
}

function containerOf(s: Scope, n: Node, argNodes: readonly Node[]): Expr {
  const m = argNodes.length === 3 ? STRUCT_ARG.exec(argNodes[1]!.text) : null;
  const st = m === null ? undefined : s.program.structs.get(m[1]!);
  if (st === undefined) return refuse(s, n, `container_of of a struct the patch does not define: ${n.text.split('\n')[0]}`);
  const member = argNodes[2]!.text;
  if (!st.fields.some((x) => x.name === member)) refuse(s, n, `struct ${st.name} has no member ${member}`);
  const ptr = compileExpr(s, argNodes[0]!);
  return combine(
    [ptr],
    (f, [p]) => {
      const o = owner(f, p, st.cls);
      // The pointer must be that member, not another one embedded in the same struct (C would compute a wrong address).
      if ((o as unknown as Record<string, unknown>)[member] !== p) throw new CFrontError(f.site.file, f.site.line, `${f.site.fn}: container_of(${String((p as KObject | null)?.name)}, struct ${st.name}, ${member}): the pointer is not the ${member} member of its struct ${st.name}`);
      return o;
    },
    { base: `struct ${st.name}`, ptr: 1 },
  );
}

/** The object a member is embedded in: its block's object, a poll table's owner. */
export function owner(f: Frame, p: unknown, cls: abstract new (...a: never[]) => KObject): KObject {
  const o = p instanceof poll_table ? p.owner : p instanceof KObject ? p.mem.obj : null;
  if (!(o instanceof cls)) throw new CFrontError(f.site.file, f.site.line, `${f.site.fn}: container_of(${String((p as KObject | null)?.name)}): not part of a ${cls.name}`);
  return o;
}
