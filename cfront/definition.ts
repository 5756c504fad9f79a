/**
 * A C definition found in held text (a function, or a struct, union or enum type) and how much of it the held text
 * shows. Held text is sparse: a definition whose lines run into a gap is reported as not whole, with the gap, so
 * that whoever reads it knows the patch does not show it all rather than reading a part as the whole.
 */
import { closing, type CodeRun, type Pos } from './cCode.js';
import type { Gap, HeldText } from './heldText.js';

export type DefinitionKind = 'function' | 'struct' | 'union' | 'enum';

export interface Definition {
  readonly kind: DefinitionKind;
  readonly name: string;
  /** The file the held text is of. */
  readonly path: string;
  /** The definition's first line: its declarator's (a function's return type on a line of its own included). */
  readonly firstLine: number;
  /** The line of the opening brace; null when the held text ends before it. */
  readonly openLine: number | null;
  /** The line of the matching closing brace; null when the held text ends before it. */
  readonly lastLine: number | null;
  /** All of it is held, from the first line to the closing brace. */
  readonly whole: boolean;
  /** When not whole: the unheld lines that cut it (null if the file itself ends there, as the patches show it). */
  readonly cutBy: Gap | null;
}

/** What a finder saw of one definition, in a run's rows. */
export interface Sighting {
  readonly kind: DefinitionKind;
  readonly name: string;
  readonly firstRow: number;
  /** The opening brace, or null when the run ends before it. */
  readonly open: Pos | null;
  /** The finder could not see the definition's start (it may begin in the gap before the run). */
  readonly startCut: boolean;
}

/** The definition a sighting is, with its closing brace matched in the run's code. */
export function definitionOf(held: HeldText, run: CodeRun, s: Sighting): { def: Definition; endRow: number } {
  const close = s.open === null ? null : closing(run.code, s.open);
  const runLast = run.first + run.code.length - 1;
  const before = s.startCut ? (held.gaps().find((g) => g.last === run.first - 1) ?? null) : null;
  const after = close === null ? (held.gaps().find((g) => g.first === runLast + 1) ?? null) : null;
  const def: Definition = {
    kind: s.kind,
    name: s.name,
    path: held.path,
    firstLine: run.first + s.firstRow,
    openLine: s.open === null ? null : run.first + s.open.row,
    lastLine: close === null ? null : run.first + close.row,
    whole: close !== null && !s.startCut,
    cutBy: after ?? before,
  };
  return { def, endRow: close === null ? run.code.length - 1 : close.row };
}

/** A finder: the definitions of its kind in a run, each seen from the row it starts at. */
export type Finder = (run: CodeRun, row: number) => Sighting | null;

/**
 * Every definition the finders see, in order of lines. Rows inside a definition found are not looked at again,
 * so a line at column 0 inside a body (a macro call, say) is not taken for a definition of its own.
 */
export function findDefinitions(held: HeldText, runs: readonly CodeRun[], finders: readonly Finder[]): Definition[] {
  const out: Definition[] = [];
  for (const run of runs) {
    for (let row = 0; row < run.code.length; row++) {
      for (const find of finders) {
        const s = find(run, row);
        if (s === null) continue;
        const { def, endRow } = definitionOf(held, run, s);
        out.push(def);
        row = endRow;
        break;
      }
    }
  }
  return out;
}
