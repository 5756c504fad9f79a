/**
 * The code of held C text, for counting brackets: per run of consecutive held lines, each line with comments,
 * the insides of string and character literals, and preprocessor lines blanked to spaces (columns kept), so a `{`
 * in a comment or a `"}"` cannot unbalance what follows. A run may begin inside a block comment the gap before it
 * opened: its first line reading like a comment's middle (` * text`, kernel style), or a `*` `/` met outside any
 * comment, shows that, and the run is read as starting in one.
 */
import type { HeldText } from './heldText.js';

export interface CodeRun {
  /** File line number of the run's first line. */
  readonly first: number;
  /** The held text of the run's lines. */
  readonly text: readonly string[];
  /** The same lines with everything but code blanked. */
  readonly code: readonly string[];
}

/** A place in a run: `row` counts lines from the run's first, `col` characters from the line's start. */
export interface Pos {
  readonly row: number;
  readonly col: number;
}

/** Every run of the held text, with its code. */
export function codeRuns(held: HeldText): CodeRun[] {
  return held.runs().map((r) => {
    const text = [...held.range(r.first, r.last)].map((l) => l.text);
    const fromCode = maskC(text, false);
    const inComment = fromCode.strayCommentEnd || COMMENT_MIDDLE.test(text.find((l) => l.trim() !== '') ?? '');
    const code = inComment ? maskC(text, true).code : fromCode.code;
    return { first: r.first, text, code };
  });
}

/** A star at the start of a line, then white space, a slash or nothing: the middle or end of a block comment. A dereference (`*p`) has no space after its star. */
const COMMENT_MIDDLE = /^\s*\*(\s|\/|$)/;

type State = 'code' | 'comment' | 'string' | 'char';

/** Blanks all but code in consecutive lines; tells whether a comment end was met outside a comment. */
export function maskC(lines: readonly string[], startInComment: boolean): { code: string[]; strayCommentEnd: boolean } {
  let state: State = startInComment ? 'comment' : 'code';
  let directive = false;
  let strayCommentEnd = false;
  const code = lines.map((line) => {
    // A preprocessor line (and its backslash continuations) is no code to count brackets in.
    if (state === 'code' && !directive) directive = /^\s*#/.test(line);
    let out = '';
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      const two = line.slice(i, i + 2);
      if (state === 'comment') {
        if (two === '*/') {
          state = 'code';
          out += '  ';
          i++;
        } else out += ' ';
      } else if (state === 'string' || state === 'char') {
        if (c === '\\') {
          out += line[i + 1] === undefined ? ' ' : '  ';
          i++;
        } else if ((state === 'string' && c === '"') || (state === 'char' && c === "'")) {
          state = 'code';
          out += c;
        } else out += ' ';
      } else if (two === '//') {
        out += ' '.repeat(line.length - i);
        break;
      } else if (two === '/*') {
        state = 'comment';
        out += '  ';
        i++;
      } else {
        if (two === '*/') strayCommentEnd = true;
        if (c === '"') state = 'string';
        if (c === "'") state = 'char';
        out += c;
      }
    }
    // A literal ends with its line unless the line continues with a backslash.
    const continues = line.endsWith('\\');
    if ((state === 'string' || state === 'char') && !continues) state = 'code';
    const blanked = directive ? ' '.repeat(out.length) : out;
    if (!continues) directive = false;
    return blanked;
  });
  return { code, strayCommentEnd };
}

/** The next place after `from` (not `from` itself) holding a character other than white space; null at the run's end. */
export function nextCode(code: readonly string[], from: Pos): Pos | null {
  let { row, col } = from;
  col++;
  for (; row < code.length; row++, col = 0) {
    const line = code[row]!;
    for (; col < line.length; col++) if (!/\s/.test(line[col]!)) return { row, col };
  }
  return null;
}

const PARTNER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Where the bracket at `open` is closed, counting only its own kind; null when the run ends first. */
export function closing(code: readonly string[], open: Pos): Pos | null {
  const opener = code[open.row]![open.col]!;
  const closer = PARTNER[opener];
  if (closer === undefined) throw new Error(`closing: '${opener}' is not an opening bracket`);
  let depth = 0;
  for (let p: Pos | null = open; p !== null; p = nextCode(code, p)) {
    const c = code[p.row]![p.col]!;
    if (c === opener) depth++;
    else if (c === closer && --depth === 0) return p;
  }
  return null;
}
