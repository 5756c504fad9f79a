/**
 * The rules of the determinism lint (scripts/lintDeterminism.ts), as a function of one file's text: inside the
 * simulated world nothing may depend on time, on a random source other than the seeded one, on the event loop,
 * on the garbage collector, or on the locale. Outside scripts/ because cgsim itself holds a user's variant module
 * to them at run time (harness/moduleDeterminism.ts), and scripts/ is not shipped in the package.
 */
import ts from 'typescript';

export interface LintFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule: string;
}

/** Globals whose mere use makes a run depend on the machine, the clock or the event loop. */
const BANNED_GLOBALS: Record<string, string> = {
  Date: 'Date: wall-clock time',
  performance: 'performance: wall-clock time',
  setTimeout: 'setTimeout: timers depend on the event loop',
  setInterval: 'setInterval: timers depend on the event loop',
  setImmediate: 'setImmediate: timers depend on the event loop',
  queueMicrotask: 'queueMicrotask: ordering depends on the event loop',
  process: 'process: the environment, clock and pid differ between machines',
  crypto: 'crypto: an unseeded random source',
  WeakRef: 'WeakRef: depends on the garbage collector',
  FinalizationRegistry: 'FinalizationRegistry: depends on the garbage collector',
  Intl: 'Intl: depends on the locale',
};

/** Member calls banned wherever they appear. */
const BANNED_MEMBERS: Record<string, string> = {
  'Math.random': 'Math.random: unseeded; use sim/rng.ts',
  localeCompare: 'localeCompare: depends on the locale',
  toLocaleString: 'toLocaleString: depends on the locale',
  hrtime: 'hrtime: wall-clock time',
};

const BANNED_MODULES = new Set(['crypto', 'node:crypto', 'perf_hooks', 'node:perf_hooks', 'timers', 'node:timers', 'os', 'node:os', 'worker_threads', 'node:worker_threads']);

/** `import { createHash } from 'node:crypto'`: a hash is a pure function of its input (the viewer's CSP hashes). */
function onlyHashing(node: ts.ImportDeclaration): boolean {
  const bindings = node.importClause?.namedBindings;
  if (node.importClause?.name !== undefined || bindings === undefined || !ts.isNamedImports(bindings)) return false;
  return /crypto$/.test((node.moduleSpecifier as ts.StringLiteral).text) && bindings.elements.every((e) => (e.propertyName ?? e.name).text === 'createHash');
}

export function lintSource(file: string, text: string): LintFinding[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: LintFinding[] = [];
  const flag = (node: ts.Node, rule: string): void => {
    const { line, character } = src.getLineAndCharacterOfPosition(node.getStart(src));
    out.push({ file, line: line + 1, column: character + 1, rule });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isForInStatement(node)) flag(node, 'for-in: iterate arrays or Maps, whose order is fixed');
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && BANNED_MODULES.has(node.moduleSpecifier.text) && !onlyHashing(node)) {
      flag(node, `import of '${node.moduleSpecifier.text}': a source of nondeterminism`);
    }
    if (ts.isPropertyAccessExpression(node)) {
      const whole = `${node.expression.getText(src)}.${node.name.text}`;
      const key = Object.hasOwn(BANNED_MEMBERS, whole) ? whole : Object.hasOwn(BANNED_MEMBERS, node.name.text) ? node.name.text : null;
      if (key !== null) flag(node, BANNED_MEMBERS[key]!);
    }
    if (ts.isIdentifier(node) && Object.hasOwn(BANNED_GLOBALS, node.text) && isGlobalReference(node)) flag(node, BANNED_GLOBALS[node.text]!);
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}

/** An identifier used as a value in its own right: not a property name, a member of something, or a declaration. */
function isGlobalReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isPropertySignature(p)) && p.name === id) return false;
  if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) return false;
  if (ts.isTypeReferenceNode(p) || ts.isQualifiedName(p)) return false;
  return true;
}
