/**
 * C definitions in held text: functions, and struct, union and enum types.
 *
 * A function definition starts at a line beginning at column 0 with declaration specifiers and a name followed by
 * `(` (kernel style: `static int name(args)`, or the name on its own line after its return type), its parameter
 * list closes, and `{` follows (after attributes such as `__releases(x)`); the body ends at the matching `}`. A `;`,
 * `,` or `=` after the parameter list makes it a declaration or a call.
 *
 * A type definition is `struct NAME {` at column 0 (possibly after `typedef` or `static`, the `{` possibly on the
 * next line) through the matching `}`. `struct NAME *f(...)` or `struct NAME x;` do not define the type: the next
 * code after the name must be `{`.
 */
import { closing, codeRuns, nextCode, type CodeRun, type Pos } from './cCode.js';
import { findDefinitions, type Definition, type DefinitionKind, type Finder, type Sighting } from './definition.js';
import type { HeldText } from './heldText.js';

export type { Definition } from './definition.js';

/** Words that come before `(` at the start of a statement, not of a definition. */
const NOT_A_NAME = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'do', 'else', 'case', 'goto', 'typeof', '__typeof__', 'defined']);

/** `static inline struct cftype *` then the name: words and stars only. */
const SPECIFIERS_AND_NAME = /^(?:[A-Za-z_][\w\s*]*?[\s*])?([A-Za-z_]\w*)\s*$/;

/** A line holding only a return type, for a declarator on the next line (`static int` / `name(void)`). */
const TYPE_ONLY = /^[A-Za-z_][\w\s*]*$/;

const functionFinder: Finder = (run: CodeRun, row: number): Sighting | null => {
  const line = run.code[row]!;
  const paren = line.indexOf('(');
  if (paren < 0 || !/^[A-Za-z_]/.test(line)) return null;
  const m = SPECIFIERS_AND_NAME.exec(line.slice(0, paren));
  if (m === null || NOT_A_NAME.has(m[1]!) || /\btypedef\b/.test(line)) return null;
  const open = bodyAfterParameters(run.code, { row, col: paren });
  if (open === 'not-a-definition') return null;
  const typeAbove = row > 0 && TYPE_ONLY.test(run.code[row - 1]!) && !NOT_A_NAME.has(run.code[row - 1]!.trim());
  // A name alone at the top of a run: its return type may be the last line of the gap before.
  const bareName = line.slice(0, paren).trim() === m[1];
  return { kind: 'function', name: m[1]!, firstRow: typeAbove ? row - 1 : row, open, startCut: bareName && !typeAbove && row === 0 };
};

/** The `{` that opens the body after the parameter list at `paren`; null when the run ends before one can be told. */
function bodyAfterParameters(code: readonly string[], paren: Pos): Pos | null | 'not-a-definition' {
  const close = closing(code, paren);
  if (close === null) return null;
  for (let p = nextCode(code, close); ; ) {
    if (p === null) return null;
    const c = code[p.row]![p.col]!;
    if (c === '{') return p;
    if (c === '(') {
      const end = closing(code, p);
      if (end === null) return null;
      p = nextCode(code, end);
    } else if (/[A-Za-z_]/.test(c)) {
      // An attribute macro between the parameters and the body; step over the word.
      let q: Pos = p;
      while (/\w/.test(code[q.row]![q.col + 1] ?? '')) q = { row: q.row, col: q.col + 1 };
      p = nextCode(code, q);
    } else return 'not-a-definition';
  }
}

/** Every function definition in the held text, whole or not, in order of lines. */
export function functionDefinitions(held: HeldText): Definition[] {
  return allDefinitions(held).filter((d) => d.kind === 'function');
}

/** The functions the held text shows whole, from declarator to closing brace. */
export function wholeFunctions(held: HeldText): Definition[] {
  return functionDefinitions(held).filter((d) => d.whole);
}

/** The definitions of function `name` in the held text (more than one under #if alternatives); [] if none is shown. */
export function findFunction(held: HeldText, name: string): Definition[] {
  return functionDefinitions(held).filter((d) => d.name === name);
}

/**
 * All definitions, functions and types, found in one pass: a struct's body is not searched for functions, nor a
 * function's for structs.
 */
export function allDefinitions(held: HeldText): Definition[] {
  return findDefinitions(held, codeRuns(held), [...typeFinders, functionFinder]);
}

const TYPE_HEAD = /^(?:(?:typedef|static)\s+)*(struct|union|enum)\s+([A-Za-z_]\w*)\s*/;

function typeFinder(kind: DefinitionKind): Finder {
  return (run: CodeRun, row: number) => {
    const m = TYPE_HEAD.exec(run.code[row]!);
    if (m === null || m[1] !== kind) return null;
    const open = nextCode(run.code, { row, col: m[0].length - 1 });
    if (open !== null && run.code[open.row]![open.col] !== '{') return null;
    return { kind, name: m[2]!, firstRow: row, open, startCut: false };
  };
}

const typeFinders: readonly Finder[] = [typeFinder('struct'), typeFinder('union'), typeFinder('enum')];

/** Every struct, union and enum definition in the held text, whole or not, in order of lines. */
export function typeDefinitions(held: HeldText): Definition[] {
  return allDefinitions(held).filter((d) => d.kind !== 'function');
}

/** The definitions of `struct name` in the held text; [] if none is shown. */
export function findStruct(held: HeldText, name: string): Definition[] {
  return typeDefinitions(held).filter((d) => d.kind === 'struct' && d.name === name);
}
