/**
 * A held C definition parsed by tree-sitter's C grammar (web-tree-sitter, the grammar's wasm from tree-sitter-c),
 * after the macro rewriting of preprocess.ts. The text is the held lines firstLine..lastLine joined, so a node's
 * line in the file is its row plus firstLine. A tree with an ERROR or MISSING node is refused: the interpreter
 * never guesses at what a line meant.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';
import { CFrontError } from './cfrontError.js';
import type { Definition } from './definition.js';
import type { HeldText } from './heldText.js';
import { preprocess } from './preprocess.js';

export type { Node } from 'web-tree-sitter';

let parser: Promise<Parser> | null = null;

/** The one parser, loaded once: the runtime's wasm, then the C grammar's. */
export function cParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const wasm = createRequire(import.meta.url).resolve('tree-sitter-c/tree-sitter-c.wasm');
    const p = new Parser();
    p.setLanguage(await Language.load(wasm));
    return p;
  })();
  return parser;
}

/** A definition's syntax tree and where its rows are in the file. */
export interface ParsedDefinition {
  readonly def: Definition;
  /** The translation unit's one top-level node: the function_definition or struct specifier. */
  readonly node: Node;
  /** The file line of a node. */
  lineOf(n: Node): number;
}

export async function parseDefinition(held: HeldText, def: Definition): Promise<ParsedDefinition> {
  if (def.lastLine === null || !def.whole) throw new CFrontError(def.path, def.firstLine, `${def.name} is not shown whole`);
  const lines: string[] = [];
  for (let n = def.firstLine; n <= def.lastLine; n++) lines.push(held.line(n)?.text ?? '');
  const text = preprocess(lines.join('\n') + (def.kind === 'function' ? '' : ';'));
  const tree = (await cParser()).parse(text);
  if (tree === null) throw new CFrontError(def.path, def.firstLine, `cannot parse ${def.name}`);
  const lineOf = (n: Node): number => n.startPosition.row + def.firstLine;
  const bad = firstError(tree.rootNode);
  if (bad !== null) {
    const what = bad.isMissing ? `missing ${bad.type}` : `unexpected '${bad.text.split('\n')[0]!.slice(0, 40)}'`;
    throw new CFrontError(def.path, lineOf(bad), `cannot parse ${def.name}: ${what}`);
  }
  const node = tree.rootNode.namedChildren.find((c) => c !== null && c.type !== 'comment');
  if (node === undefined || node === null) throw new CFrontError(def.path, def.firstLine, `cannot parse ${def.name}: no definition`);
  return { def, node, lineOf };
}

function firstError(n: Node): Node | null {
  if (n.type === 'ERROR' || n.isMissing) return n;
  if (!n.hasError) return null;
  for (const c of n.children) {
    if (c === null) continue;
    const e = firstError(c);
    if (e !== null) return e;
  }
  return n;
}
