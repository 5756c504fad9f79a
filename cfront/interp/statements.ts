/**
 * Statements compiled to generators: blocks with their labels (a goto to a label of an enclosing block jumps
 * there, as `goto fail` does), declarations with initialisers, expression statements, if/else, return, break,
 * continue, for/while/do, and the kernel's iterator macros (list_for_each_entry_safe, for_each_subsys). Each
 * statement sets the frame's site to its own first line, the line the hand model labels its accesses with.
 */
import { list_next, list_head } from '../../model/list.js';
import type { Node } from '../parse.js';
import { ITERATOR_MACROS } from '../preprocess.js';
import { owner } from './calls.js';
import { compileExpr } from './expressions.js';
import { refuse, structOf, truthy, type Completion, type Expr, type Frame, type Scope, type Stmt } from './frame.js';
import { baseOf, convert, declared } from './types.js';

const NOTHING: Stmt = function* () {
  return undefined;
};

export function compileStmt(s: Scope, n: Node): Stmt {
  const site = s.site(s.lineOf(n));
  switch (n.type) {
    case 'compound_statement':
      return block(s, n);
    case 'comment':
    case ';':
      return NOTHING;
    case 'declaration':
      return declaration(s, n);
    case 'expression_statement': {
      const c = n.namedChildren.find((x) => x?.type !== 'comment');
      if (c === undefined || c === null) return NOTHING;
      const e = compileExpr(s, c);
      if (e.pure)
        return function* (f) {
          f.site = site;
          e.sync(f);
          return undefined;
        };
      return function* (f) {
        f.site = site;
        yield* e.gen(f);
        return undefined;
      };
    }
    case 'if_statement':
      return ifStmt(s, n);
    case 'return_statement': {
      const c = n.namedChildren.find((x) => x?.type !== 'comment');
      const e = c === undefined || c === null ? null : compileExpr(s, c);
      const ret = s.returnType;
      return function* (f) {
        f.site = site;
        const v = e === null ? undefined : e.pure ? e.sync(f) : yield* e.gen(f);
        return { k: 'return', v: convert(v, ret) };
      };
    }
    case 'goto_statement': {
      const label = n.childForFieldName('label')!.text;
      if (!s.labels.has(label)) refuse(s, n, `goto ${label}: no such label`);
      const c: Completion = { k: 'goto', label };
      return function* () {
        return c;
      };
    }
    case 'break_statement':
      return function* () {
        return { k: 'break' };
      };
    case 'continue_statement':
      return function* () {
        return { k: 'continue' };
      };
    case 'for_statement':
      return forStmt(s, n);
    case 'while_statement':
      return whileStmt(s, n);
    default:
      return refuse(s, n, `unsupported construct: ${n.type} '${n.text.split('\n')[0]}'`);
  }
}

function block(s: Scope, n: Node): Stmt {
  const stmts: Stmt[] = [];
  const labels = new Map<string, number>();
  for (const c of n.namedChildren) {
    if (c === null) continue;
    let st: Node = c;
    while (st.type === 'labeled_statement') {
      labels.set(st.childForFieldName('label')!.text, stmts.length);
      st = st.namedChildren.find((x) => x !== null && x.type !== 'statement_identifier')!;
    }
    stmts.push(compileStmt(s, st));
  }
  return function* (f) {
    for (let i = 0; i < stmts.length; ) {
      const c = yield* stmts[i]!(f);
      if (c === undefined) i++;
      else if (c.k === 'goto' && labels.has(c.label)) i = labels.get(c.label)!;
      else return c;
    }
    return undefined;
  };
}

function declaration(s: Scope, n: Node): Stmt {
  const site = s.site(s.lineOf(n));
  const base = baseOf(n.childForFieldName('type')!);
  const inits: { name: string; value: Expr | null; type: ReturnType<typeof declared>['type'] }[] = [];
  for (const d of n.childrenForFieldName('declarator')) {
    if (d === null) continue;
    const decl = declared(d, base);
    if (d.type === 'function_declarator') refuse(s, d, 'unsupported construct: a function declaration inside a function');
    const v = d.type === 'init_declarator' ? d.childForFieldName('value')! : null;
    // The initialiser sees the variable declared (C scope starts at the declarator).
    s.vars.set(decl.name, decl.type);
    inits.push({ name: decl.name, type: decl.type, value: v === null ? null : compileExpr(s, v) });
  }
  return function* (f) {
    f.site = site;
    for (const i of inits) {
      const v = i.value === null ? (i.type.ptr > 0 ? null : 0) : i.value.pure ? i.value.sync(f) : yield* i.value.gen(f);
      f.vars[i.name] = convert(v, i.type);
    }
    return undefined;
  };
}

function ifStmt(s: Scope, n: Node): Stmt {
  const site = s.site(s.lineOf(n));
  const cond = compileExpr(s, n.childForFieldName('condition')!);
  const then = compileStmt(s, n.childForFieldName('consequence')!);
  const alt = n.childForFieldName('alternative');
  const other = alt === null ? NOTHING : compileStmt(s, alt.type === 'else_clause' ? alt.namedChildren.find((x) => x?.type !== 'comment')! : alt);
  return function* (f) {
    f.site = site;
    const v = cond.pure ? cond.sync(f) : yield* cond.gen(f);
    return truthy(v) ? yield* then(f) : yield* other(f);
  };
}

/** A loop body's completion: undefined to go on, 'stop' for break, or what the loop itself completes with. */
function afterBody(c: Completion): Completion | 'stop' {
  if (c === undefined || c.k === 'continue') return undefined;
  if (c.k === 'break') return 'stop';
  return c;
}

function forStmt(s: Scope, n: Node): Stmt {
  const init = n.childForFieldName('initializer');
  if (init?.type === 'call_expression') {
    const macro = init.childForFieldName('function')!.text;
    if ((ITERATOR_MACROS as readonly string[]).includes(macro)) return iterator(s, n, init, macro);
  }
  const site = s.site(s.lineOf(n));
  const first = init === null ? NOTHING : init.type === 'declaration' ? declaration(s, init) : exprStmt(s, init);
  const condNode = n.childForFieldName('condition');
  const cond = condNode === null ? null : compileExpr(s, condNode);
  const updNode = n.childForFieldName('update');
  const upd = updNode === null ? NOTHING : exprStmt(s, updNode);
  const body = compileStmt(s, n.childForFieldName('body')!);
  return function* (f) {
    yield* first(f);
    for (;;) {
      f.site = site;
      if (cond !== null && !truthy(cond.pure ? cond.sync(f) : yield* cond.gen(f))) return undefined;
      const c = afterBody(yield* body(f));
      if (c === 'stop') return undefined;
      if (c !== undefined) return c;
      yield* upd(f);
    }
  };
}

function whileStmt(s: Scope, n: Node): Stmt {
  const site = s.site(s.lineOf(n));
  const cond = compileExpr(s, n.childForFieldName('condition')!);
  const body = compileStmt(s, n.childForFieldName('body')!);
  return function* (f) {
    for (;;) {
      f.site = site;
      if (!truthy(cond.pure ? cond.sync(f) : yield* cond.gen(f))) return undefined;
      const c = afterBody(yield* body(f));
      if (c === 'stop') return undefined;
      if (c !== undefined) return c;
    }
  };
}

function exprStmt(s: Scope, n: Node): Stmt {
  const site = s.site(s.lineOf(n));
  const e = compileExpr(s, n);
  return function* (f) {
    f.site = site;
    if (e.pure) e.sync(f);
    else yield* e.gen(f);
    return undefined;
  };
}

/** list_for_each_entry_safe(pos, n, head, member), list_for_each_entry(pos, head, member), for_each_subsys(root, ss). */
function iterator(s: Scope, n: Node, call: Node, macro: string): Stmt {
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
