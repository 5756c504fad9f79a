import { readFileSync } from 'node:fs';

/** The seed patch, as the tests may read it (never copied into the project). */
export const SEED_PATCH = '../shared/seed/000_14102c98a5940216.txt';

/** The lines of one file as the patch shows them after applying it: new-file line number to text (+ and context lines). */
export type PatchedLines = Map<number, string>;

/** Parses a unified diff into, per file, the new-file lines it shows. */
export function patchedLines(path = SEED_PATCH): Map<string, PatchedLines> {
  const files = new Map<string, PatchedLines>();
  let current: PatchedLines | null = null;
  let line = 0;
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    if (raw.startsWith('+++ ')) {
      current = new Map();
      files.set(raw.slice(6), current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (hunk !== null) {
      line = Number(hunk[1]);
      continue;
    }
    if (current === null) continue;
    if (raw.startsWith('-')) continue;
    if (raw.startsWith('+') || raw.startsWith(' ') || raw === '') current.set(line++, raw.slice(1));
    else current = null;
  }
  return files;
}

/** The function whose body holds `line`: the nearest definition at column 0 at or above it, within the shown lines. */
export function functionAt(lines: PatchedLines, line: number): string | null {
  for (let l = line; lines.has(l); l--) {
    const m = /^(?:static\s+)?(?:inline\s+)?[a-z_][\w\s*]*?\b([a-z_]\w*)\(/.exec(lines.get(l)!);
    if (m !== null) return m[1]!;
  }
  return null;
}
