/**
 * A C source file of the user's own tree, held whole: every line at its own number, the file's length known, so
 * it has no gaps and every function it defines is whole. Sites and reports then name the file's own lines.
 */
import { HeldText, type HeldLine } from './heldText.js';

/** The held text of a whole file; `path` is how it is named in sites (as the user typed it). */
export function heldTextOfFile(path: string, text: string): HeldText {
  const rows = text.split('\n');
  // A final newline ends the last line; it does not start another.
  if (rows.length > 1 && rows[rows.length - 1] === '') rows.pop();
  const lines: HeldLine[] = rows.map((t, i) => ({ number: i + 1, text: t.replace(/\r$/, ''), origin: { source: path, patchLine: i + 1, added: false } }));
  return new HeldText(path, lines, lines.length);
}
