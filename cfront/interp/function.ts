/**
 * A C function definition compiled to a model generator with the model's calling convention: the kernel first,
 * then the C parameters in order. Its sites are the hand model's: fnSites(file, name)(line of the statement).
 */
import { fileURLToPath } from 'node:url';
import { registerModelSource } from '../../model/kernel.js';
import { fnSites } from '../../model/site.js';
import type { Node, ParsedDefinition } from '../parse.js';
import { compileStmt } from './statements.js';
import { Frame, refuse, type ModelFunction, type Program, type Scope } from './frame.js';
import { baseOf, convert, declared, type CType } from './types.js';

// The interpreted functions' frames are named as the C functions (below), so call traces, which the kernel reads
// off the JavaScript stack, show them as they show the hand model's; under source maps (the tests) a frame names
// the .ts source instead of the compiled .js.
const compiled = fileURLToPath(import.meta.url);
registerModelSource(compiled);
registerModelSource(compiled.replace(/\/dist\/cfront\//, '/cfront/').replace(/\.js$/, '.ts'));

export function compileFunction(program: Program, p: ParsedDefinition): ModelFunction {
  const { def } = p;
  const sites = fnSites(def.path, def.name);
  const fd = functionDeclarator(p.node.childForFieldName('declarator')!);
  const returnType = declared(p.node.childForFieldName('declarator')!, baseOf(p.node.childForFieldName('type')!)).type;
  const scope: Scope = {
    program,
    file: def.path,
    fn: def.name,
    site: sites,
    lineOf: p.lineOf,
    vars: new Map(),
    labels: labelsIn(p.node),
    returnType: { base: returnType.base, ptr: Math.max(0, returnType.ptr) },
  };
  const params: { name: string; type: CType }[] = [];
  for (const prm of fd.childForFieldName('parameters')!.namedChildren) {
    if (prm === null || prm.type === 'comment') continue;
    if (prm.type !== 'parameter_declaration') refuse(scope, prm, `unsupported parameter ${prm.text}`);
    const d = prm.childForFieldName('declarator');
    if (d === null) continue; // (void)
    const decl = declared(d, baseOf(prm.childForFieldName('type')!));
    scope.vars.set(decl.name, decl.type);
    params.push({ name: decl.name, type: decl.type });
  }
  const body = compileStmt(scope, p.node.childForFieldName('body')!);
  const entry = sites(def.firstLine);
  const fn = function* (k: Parameters<ModelFunction>[0], ...args: unknown[]) {
    const f = new Frame(k, entry);
    for (let i = 0; i < params.length; i++) f.vars[params[i]!.name] = convert(args[i], params[i]!.type);
    const c = yield* body(f);
    if (c !== undefined && c.k === 'goto') refuse(scope, p.node, `goto ${c.label} leaves its block`);
    return c !== undefined && c.k === 'return' ? c.v : undefined;
  };
  Object.defineProperty(fn, 'name', { value: def.name });
  return fn;
}

/** The function_declarator inside pointer declarators (`struct cftype *__file_cft(...)`). */
function functionDeclarator(d: Node): Node {
  let n: Node = d;
  while (n.type !== 'function_declarator') n = n.childForFieldName('declarator')!;
  return n;
}

function labelsIn(n: Node): Set<string> {
  const out = new Set<string>();
  const walk = (x: Node): void => {
    if (x.type === 'labeled_statement') out.add(x.childForFieldName('label')!.text);
    for (const c of x.namedChildren) if (c !== null) walk(c);
  };
  walk(n);
  return out;
}
