import { readFileSync } from 'node:fs';
import { reasonOf } from '../harness/atomicWrite.js';

/** The lines of one file as a patch shows them after applying it: new-file line number to text (+ and context lines). */
export type PatchedLines = Map<number, string>;

/** Per file (`kernel/cgroup.c`), the lines the patch shows. */
export type PatchText = Map<string, PatchedLines>;

/** A patch file that cannot be read or holds no unified diff: a usage error (exit 2), the file named. */
export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

/** Parses a unified diff into, per file, the new-file lines it shows. */
export function parsePatch(text: string): PatchText {
  const files: PatchText = new Map();
  let current: PatchedLines | null = null;
  let line = 0;
  for (const raw of text.split('\n')) {
    if (raw.startsWith('+++ ')) {
      current = new Map();
      // `+++ b/kernel/cgroup.c`, possibly followed by a tab and a date.
      files.set(raw.slice(4).split('\t')[0]!.replace(/^b\//, ''), current);
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

/** Reads the patch a user points at (`--patch FILE`); the project never ships a copy of one. */
export function readPatch(path: string): PatchText {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PatchError(`cannot read the patch ${path}: ${reasonOf(e)}`);
  }
  const files = parsePatch(text);
  if (files.size === 0) throw new PatchError(`${path} holds no unified diff (no '+++ file' line)`);
  return files;
}
