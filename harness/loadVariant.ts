import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type TS from 'typescript';
import type { Variant } from '../model/variant.js';
import { currentHeartbeat } from './heartbeat.js';
import { nondeterminismOf } from './moduleDeterminism.js';
import { rememberTwin } from './twins.js';
import { registerUserModule, sourceLinesOf } from './userModules.js';
import { registerModelSource } from '../model/kernel.js';

/** A user-written variant that cannot be used: the message names the file and what is wrong, in one line. */
export class VariantLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VariantLoadError';
  }
}

let loads = 0;

const API_JS = new URL('../index.js', import.meta.url).href;
const API_DTS = fileURLToPath(new URL('../index.d.ts', import.meta.url));

/** A variant argument that names a module file rather than a shipped version. */
export function isVariantPath(spec: string): boolean {
  return spec.includes('/') || /\.(m?[jt]s)$/.test(spec);
}

/**
 * Where Node's types (@types/node) are for a module at `file`: the module's own project's, else cgsim's (a dev
 * dependency in a checkout; an installed cgsim does not bring them). Null when neither has them.
 */
export function nodeTypesRoot(file: string): string | null {
  for (const start of [dirname(file), fileURLToPath(new URL('.', import.meta.url))]) {
    for (let dir = start; ; dir = dirname(dir)) {
      const root = join(dir, 'node_modules', '@types');
      if (existsSync(join(root, 'node', 'package.json'))) return root;
      if (dirname(dir) === dir) break;
    }
  }
  return null;
}

const NODE_BUILTINS = new Set(builtinModules);

/** A module name Node provides (`node:fs`, `path`), whose types come from @types/node. */
function isNodeBuiltin(name: string): boolean {
  return name.startsWith('node:') || NODE_BUILTINS.has(name);
}

/**
 * The first few type errors of `file`, as `file:line:col message`, checked against cgsim's declarations, and
 * against Node's types (`nodeTypes`, an @types folder) so that a module may import Node's built-ins. Without
 * them, an import of a built-in says what is missing.
 */
export function typeErrors(ts: typeof TS, file: string, spec: string, nodeTypes: string | null = nodeTypesRoot(file)): string[] {
  const options: TS.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    baseUrl: dirname(file),
    paths: { cgsim: [API_DTS] },
    skipLibCheck: true,
    ...(nodeTypes === null ? { types: [] } : { typeRoots: [nodeTypes], types: ['node'] }),
    lib: ['lib.es2022.d.ts'],
  };
  const program = ts.createProgram([file], options);
  const source = program.getSourceFile(file);
  const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  return diagnostics.slice(0, 3).map((d) => {
    const where = d.file !== undefined && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
    const at = where === null ? spec : `${spec}:${where.line + 1}:${where.character + 1}`;
    const text = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    const builtin = /^Cannot find module '([^']+)'/.exec(text);
    const missing = nodeTypes === null && builtin !== null && isNodeBuiltin(builtin[1]!);
    return `${at} ${text}${missing ? " (Node's types are not installed: `npm install --save-dev @types/node` in the variant's project, or write the module in .js)" : ''}`;
  });
}

const FUNCTIONS = [
  'cgroup_rmdir',
  'cgroup_file_write',
  'init_cgroup_housekeeping',
  'cgroup_call_pre_destroy',
  'cgroup_write_event_control',
  'cgroup_event_wake',
  'cgroup_event_remove',
  'cgroup_event_ptable_queue_proc',
] as const;

/** What `v` lacks of the Variant interface (empty when it has it all). */
export function missingFromVariant(v: unknown): string[] {
  if (typeof v !== 'object' || v === null) return ['a default export that is a variant object'];
  const o = v as Record<string, unknown>;
  const missing: string[] = [];
  for (const k of ['name', 'title', 'source']) if (typeof o[k] !== 'string') missing.push(`${k} (a string)`);
  for (const k of ['subsystems', 'core_files']) if (!Array.isArray(o[k])) missing.push(`${k} (an array)`);
  if (typeof o['facts'] !== 'object' || o['facts'] === null) missing.push('facts (the kernel facts of its era)');
  for (const k of FUNCTIONS) if (typeof o[k] !== 'function') missing.push(`${k} (a function)`);
  if (o['cgroup_rmdir_events'] !== undefined && typeof o['cgroup_rmdir_events'] !== 'function') missing.push('cgroup_rmdir_events (a function, when present)');
  return missing;
}

/**
 * Loads a variant from a module file: TypeScript is type-checked against cgsim's own declarations and
 * transpiled, then the module is imported with its `from 'cgsim'` imports pointing at this cgsim. The module is
 * one file whose default export (or export `variant`) implements the Variant interface, typically by spreading a
 * shipped version and replacing a function or two.
 */
/**
 * Why an import failed, naming the user's file where Node names the data: URL the module was loaded from; an
 * import the module cannot make (a relative file, a package) says what a variant module may import.
 */
function importFailure(e: unknown, file: string): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const named = text.replace(/data:text\/javascript;base64,[A-Za-z0-9+/=]+/g, file);
  if (e instanceof Error && /ERR_MODULE_NOT_FOUND|ERR_UNSUPPORTED_RESOLVE_REQUEST|ERR_INVALID_URL/.test((e as { code?: string }).code ?? '')) {
    return `${named} (a variant module is one file: it may import 'cgsim' and Node's built-ins, nothing else)`;
  }
  return named;
}

export async function loadVariant(spec: string, cwd: string): Promise<Variant> {
  const file = resolve(cwd, spec);
  if (!existsSync(file)) throw new VariantLoadError(`cannot load variant '${spec}': no such file (${file})`);
  let code = readFileSync(file, 'utf8');
  const unstable = nondeterminismOf(file, spec, code);
  if (unstable !== null) {
    throw new VariantLoadError(`variant '${spec}' is not deterministic: ${unstable}; remove it (a schedule must replay the same execution on every machine; the only randomness is the scheduler's seed)`);
  }
  let lineMap: number[] | null = null;
  if (/\.m?ts$/.test(file)) {
    // The compiler is big: loaded only when a .ts variant is.
    const ts = (await import('typescript')).default;
    const errors = typeErrors(ts, file, spec);
    if (errors.length > 0) throw new VariantLoadError(`variant '${spec}' does not compile: ${errors.join('; ')}`);
    const out = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: true }, fileName: file });
    code = out.outputText.replace(/\n\/\/# sourceMappingURL=.*$/, '');
    lineMap = sourceLinesOf((JSON.parse(out.sourceMapText ?? '{"mappings":""}') as { mappings: string }).mappings);
  }
  code = code.replace(/(from\s*|import\s*\(\s*)(['"])cgsim\2/g, (_m, head: string, q: string) => `${head}${q}${API_JS}${q}`);
  const variant = await importInstance(code, file, spec, lineMap);
  // A second instance, never explored: witnesses are replayed on it before they are printed (witnessCheck.ts), as a
  // fresh process would replay them, so that state the module keeps between runs is caught.
  rememberTwin(variant, await importInstance(code, file, spec, lineMap));
  return variant;
}

/** One instance of the module (its own URL, so its own module-level state), checked against the interface. */
async function importInstance(body: string, file: string, spec: string, lineMap: number[] | null): Promise<Variant> {
  // Stack frames of the module's code name the user's file (and, through lineMap, its lines).
  // Each load its own URL: the same file may be loaded twice under two names (`a.ts`, `./a.ts`).
  const url = `${pathToFileURL(file).href}?load=${++loads}`;
  registerUserModule(url, { spec, lineMap });
  registerModelSource(url);
  const code = `${body}\n//# sourceURL=${url}\n`;
  let mod: Record<string, unknown>;
  // Its top-level code runs in the import: a watchdog (the command line's) must know that a loop there is ours.
  currentHeartbeat()?.loading(spec);
  try {
    mod = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<string, unknown>;
  } catch (e) {
    throw new VariantLoadError(`cannot load variant '${spec}': ${importFailure(e, file)}`);
  } finally {
    currentHeartbeat()?.loaded();
  }
  const v = mod['default'] ?? mod['variant'];
  const missing = missingFromVariant(v);
  if (missing.length > 0) throw new VariantLoadError(`variant '${spec}' does not implement the variant interface: missing ${missing.join(', ')}`);
  return { ...(v as Variant), ref: spec };
}
