/**
 * The kernel's iterator macros, which the preprocessing wraps as `for (MACRO(...);;) body`: list_for_each_entry
 * and list_for_each_entry_safe over a list of the patch's struct (each step reads the next link through the
 * model's list_next, as the hand model does), and for_each_subsys over a hierarchy's subsystems.
 */
import { list_next, type list_head } from '../../model/list.js';
import type { Node } from '../parse.js';
import { owner } from './calls.js';
import { compileExpr } from './expressions.js';
import { refuse, structOf, type Frame, type Scope, type Stmt } from './frame.js';
import { afterBody, compileStmt } from './statements.js';

/** list_for_each_entry_safe(pos, n, head, member), list_for_each_entry(pos, head, member), for_each_subsys(root, ss). */
export function iterator(s: Scope, n: Node, call: Node, macro: string): Stmt {
  const site = s.site(s.lineOf(n));
  const args = call.childForFieldName('arguments')!.namedChildren.filter((a): a is Node => a !== null && a.type !== 'comment');
  const body = compileStmt(s, n.childForFieldName('body')!);
  const variable = (a: Node): string => {
    if (a.type !== 'identifier' || !s.vars.has(a.text)) refuse(s, a, `${macro}: ${a.text} is not a variable`);
    return a.text;
  };
  if (macro === 'for_each_subsys') {
    if (args.length !== 2) refuse(s, call, 'for_each_subsys takes 2 arguments');
    const root = compileExpr(s, args[0]!);
    const ss = variable(args[1]!);
    return function* (f) {
      f.site = site;
      const r = (root.pure ? root.sync(f) : yield* root.gen(f)) as { subsystems: readonly unknown[] };
      for (const x of r.subsystems) {
        f.vars[ss] = x;
        const c = afterBody(yield* body(f));
        if (c === 'stop') return undefined;
        if (c !== undefined) return c;
      }
      return undefined;
    };
  }
  const safe = macro === 'list_for_each_entry_safe';
  if (args.length !== (safe ? 4 : 3)) refuse(s, call, `${macro} takes ${safe ? 4 : 3} arguments`);
  const pos = variable(args[0]!);
  const tmp = safe ? variable(args[1]!) : null;
  const head = compileExpr(s, args[safe ? 2 : 1]!);
  const st = structOf(s.program, s.vars.get(pos)!);
  if (st === null) return refuse(s, args[0]!, `${macro}: ${pos} does not point to a struct the patch defines`);
  const member = args[safe ? 3 : 2]!.text;
  if (!st.fields.some((x) => x.name === member && x.type.base === 'struct list_head' && x.type.ptr === 0)) refuse(s, call, `${macro}: ${member} is not a list_head of struct ${st.name}`);
  const entry = (f: Frame, p: list_head): unknown => (p.container instanceof st.cls ? p.container : owner(f, p, st.cls));
  return function* (f) {
    f.site = site;
    const h = (head.pure ? head.sync(f) : yield* head.gen(f)) as list_head;
    let p = list_next(f.k, h, site);
    let nx = safe ? list_next(f.k, p, site) : null;
    while (p !== h) {
      f.vars[pos] = entry(f, p);
      if (tmp !== null) f.vars[tmp] = nx !== h && nx !== null ? entry(f, nx) : null;
      const c = afterBody(yield* body(f));
      if (c === 'stop') return undefined;
      if (c !== undefined) return c;
      f.site = site;
      p = safe ? nx! : list_next(f.k, p, site);
      if (safe) nx = list_next(f.k, p, site);
    }
    return undefined;
  };
}
