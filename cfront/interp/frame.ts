/**
 * What interpreted code runs with: the kernel of the execution, the function's variables, and the site of the
 * statement it is at (the patch's file and post-image line, labelled as the hand-written model labels its lines
 * with fnSites), and what compiled code is made of.
 */
import type { Kernel, KGen } from '../../model/kernel.js';
import type { Site } from '../../model/site.js';
import { CFrontError } from '../cfrontError.js';
import type { Node } from '../parse.js';
import type { StructType } from './structs.js';
import type { CType } from './types.js';

export class Frame {
  readonly vars: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  site: Site;
  constructor(
    readonly k: Kernel,
    site: Site,
  ) {
    this.site = site;
  }
}

/** A compiled expression: pure ones (no call) evaluate without a generator, the others may schedule. */
export interface Expr {
  readonly pure: boolean;
  sync(f: Frame): unknown;
  gen(f: Frame): KGen<unknown>;
  /** Its static type where the interpreter can tell (a variable's, `*p`'s, a patch struct's field). */
  readonly type: CType | null;
  /** For `sizeof(...)`: the type measured, so an allocation can build that struct. */
  readonly sizeofOf?: CType;
}

export function pureExpr(sync: (f: Frame) => unknown, type: CType | null = null, extra: Partial<Expr> = {}): Expr {
  return {
    pure: true,
    sync,
    *gen(f) {
      return sync(f);
    },
    type,
    ...extra,
  };
}

export function genExpr(gen: (f: Frame) => KGen<unknown>, type: CType | null = null): Expr {
  return {
    pure: false,
    sync() {
      throw new Error('cfront: an impure expression evaluated without its generator');
    },
    gen,
    type,
  };
}

/** Evaluates children in order then combines them; pure when they all are. */
export function combine(children: readonly Expr[], fn: (f: Frame, vals: unknown[]) => unknown, type: CType | null = null): Expr {
  if (children.every((c) => c.pure)) return pureExpr((f) => fn(f, children.map((c) => c.sync(f))), type);
  return genExpr(function* (f) {
    const vals: unknown[] = [];
    for (const c of children) vals.push(c.pure ? c.sync(f) : yield* c.gen(f));
    return fn(f, vals);
  }, type);
}

export type Completion = undefined | { readonly k: 'return'; readonly v: unknown } | { readonly k: 'goto'; readonly label: string } | { readonly k: 'break' } | { readonly k: 'continue' };

export type Stmt = (f: Frame) => KGen<Completion>;

/** An interpreted function, in the model's calling convention: the kernel first, then the C arguments. */
export type ModelFunction = (k: Kernel, ...args: unknown[]) => KGen<unknown>;

/** What compiling one function needs to know of the rest: the patch's structs and functions, the variant's slots. */
export interface Program {
  readonly structs: ReadonlyMap<string, StructType>;
  /** The functions interpreted from the patch, by name (filled before any runs). */
  readonly functions: Map<string, ModelFunction>;
  /** Names the core calls through k.v: a reference to one of them is the variant's, as in the hand model. */
  readonly slots: ReadonlySet<string>;
  /** Every function the patch shows whole and the interpreter compiles, known before their bodies are. */
  readonly declared: ReadonlySet<string>;
  /** Asks for a declared function to be compiled too (it is called or referenced). */
  want(name: string): void;
}

/** Compile-time view of one function: its file, its sites, its variables' types. */
export interface Scope {
  readonly program: Program;
  readonly file: string;
  readonly fn: string;
  site(line: number): Site;
  lineOf(n: Node): number;
  readonly vars: Map<string, CType>;
  /** Labels the function's body defines, for gotos. */
  readonly labels: Set<string>;
  /** The function's return type, for the conversion of what it returns. */
  readonly returnType: CType;
}

/** A construct the interpreter does not handle, or a name it cannot bind: one line naming the file and line. */
export function refuse(s: Scope, n: Node, what: string): never {
  throw new CFrontError(s.file, s.lineOf(n), `${s.fn}: ${what}`);
}

/** A syntax node outside the subset (a statement or an expression kind): refused with its kind and first line. */
export function unsupported(s: Scope, n: Node): never {
  return refuse(s, n, `unsupported construct: ${n.type} '${n.text.split('\n')[0]}'`);
}

/** C truth. */
export const truthy = (v: unknown): boolean => !(v === null || v === undefined || v === 0 || v === 0n || v === false);

/** The struct a pointer type points to, if the patch defines it. */
export function structOf(p: Program, t: CType | null): StructType | null {
  if (t === null || !t.base.startsWith('struct ')) return null;
  return p.structs.get(t.base.slice(7)) ?? null;
}
