/**
 * The C a series of patches shows, made into interpreted functions: the patches' whole struct definitions as
 * object types, and the whole functions asked for (the roots) compiled, with every whole function they call or
 * name, transitively.
 */
import { functionDefinitions, typeDefinitions, type Definition } from './functions.js';
import type { HeldText } from './heldText.js';
import { compileFunction } from './interp/function.js';
import type { ModelFunction, Program } from './interp/frame.js';
import { structType, type StructType } from './interp/structs.js';
import { parseDefinition } from './parse.js';
import { MODEL_STRUCTS } from './bindings/structs.js';

export interface CompiledPatch {
  readonly program: Program;
  /** The patches' whole function definitions, by name (the first, under #if alternatives). */
  readonly whole: ReadonlyMap<string, Definition>;
  /** Functions shown only in part. */
  readonly partial: readonly Definition[];
  /** The whole functions reached from the roots, in the order they were asked for. */
  readonly reached: readonly string[];
}

export async function compilePatch(held: ReadonlyMap<string, HeldText>, roots: (whole: ReadonlySet<string>) => Iterable<string>): Promise<CompiledPatch> {
  const whole = new Map<string, { held: HeldText; def: Definition }>();
  const partial: Definition[] = [];
  for (const h of held.values()) {
    for (const d of functionDefinitions(h)) {
      if (d.whole && !whole.has(d.name)) whole.set(d.name, { held: h, def: d });
      else if (!d.whole) partial.push(d);
    }
  }
  const structs = new Map<string, StructType>();
  for (const h of held.values()) {
    for (const d of typeDefinitions(h)) if (d.kind === 'struct' && d.whole && !structs.has(d.name)) structs.set(d.name, structType(await parseDefinition(h, d)));
  }
  // C that quotes functions without their struct (a source file of functions only) uses the model's own.
  for (const [n, st] of MODEL_STRUCTS) if (!structs.has(n)) structs.set(n, st);
  const names = new Set(whole.keys());
  const reached: string[] = [];
  const rootList = [...roots(names)];
  const program: Program = {
    structs,
    functions: new Map<string, ModelFunction>(),
    slots: new Set(rootList),
    declared: names,
    want(name) {
      if (!reached.includes(name)) reached.push(name);
    },
  };
  for (const r of rootList) program.want(r);
  for (let i = 0; i < reached.length; i++) {
    const name = reached[i]!;
    const w = whole.get(name)!;
    program.functions.set(name, compileFunction(program, await parseDefinition(w.held, w.def)));
  }
  return { program, whole: new Map([...whole].map(([n, w]) => [n, w.def])), partial, reached };
}
