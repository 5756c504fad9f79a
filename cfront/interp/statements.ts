/**
 * Statements compiled to generators: blocks with their labels (a goto to a label of an enclosing block jumps
 * there, as `goto fail` does), declarations with initialisers, expression statements, if/else, return, break,
 * continue, for/while/do, and the kernel's iterator macros (list_for_each_entry_safe, for_each_subsys). Each
 * statement sets the frame's site to its own first line, the line the hand model labels its accesses with.
 */
import type { Node } from '../parse.js';
import { ITERATOR_MACROS } from '../preprocess.js';
import { iterator } from './iterators.js';
import { compileExpr } from './expressions.js';
import { refuse, truthy, unsupported, type Completion, type Expr, type Scope, type Stmt } from './frame.js';
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
      return unsupported(s, n);
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
export function afterBody(c: Completion): Completion | 'stop' {
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
