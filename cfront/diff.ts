/**
 * Reading a patch: the `diff --git` (or bare `---`/`+++`) sections of git format-patch or mail text, each with its
 * hunks. Everything outside them (mail headers, prose, the diffstat, a signature) is skipped; inside them nothing
 * is guessed: counts are checked, hunks must come in order and agree with each other, and the first thing wrong is
 * refused as a PatchSyntaxError naming the patch file and line.
 */
import { readFileSync } from 'node:fs';
import { clip, HUNK_HEADER, headerText, readHunk, type Hunk } from './hunk.js';
import { PatchSyntaxError } from './refusals.js';

export type { Hunk, HunkLine, HunkLineKind } from './hunk.js';
export { PatchSyntaxError } from './refusals.js';

export interface FileDiff {
  /** The path before the patch, without git's `a/`; null when the patch creates the file. */
  readonly oldPath: string | null;
  /** The path after the patch, without git's `b/`; null when the patch deletes the file. */
  readonly newPath: string | null;
  /** 1-based line of the section's first line (`diff --git` or `---`). */
  readonly patchLine: number;
  /** A binary change: no hunks to read. */
  readonly binary: boolean;
  readonly hunks: readonly Hunk[];
}

export interface Patch {
  /** The name the patch was read under, used in every message about it. */
  readonly source: string;
  readonly files: readonly FileDiff[];
}

/** The path a file of the patch is known by: its new path, or its old one when the patch deletes it. */
export function pathOf(file: FileDiff): string {
  return (file.newPath ?? file.oldPath)!;
}

/** Reads and parses the patch file at `path`; messages name it as given. */
export function readPatch(path: string): Patch {
  return parsePatch(readFileSync(path, 'utf8'), path);
}

/** Parses the text of a patch; `source` names it in messages. */
export function parsePatch(text: string, source: string): Patch {
  const lines = splitLines(text);
  const files: FileDiff[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.startsWith('diff --git ')) {
      const read = readGitSection(lines, i, source);
      files.push(read.file);
      i = read.next;
    } else if (startsFileHeader(lines, i)) {
      const read = readHunks(lines, i, source, i + 1, false);
      files.push(read.file);
      i = read.next;
    } else if (HUNK_HEADER.test(line)) {
      throw new PatchSyntaxError(source, i + 1, `a hunk header outside any file's diff (no '--- '/'+++ ' lines before it)`);
    } else {
      i++;
    }
  }
  if (files.length === 0) throw new PatchSyntaxError(source, 1, `no unified diff in it (no 'diff --git' or '--- '/'+++ ' lines)`);
  return { source, files };
}

/** The patch's lines without newlines; a text written with CRLF throughout is read as if written with LF. */
function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.length > 0 && lines.every((l) => l.endsWith('\r')) ? lines.map((l) => l.slice(0, -1)) : lines;
}

function startsFileHeader(lines: readonly string[], i: number): boolean {
  return lines[i]!.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ');
}

/** Git's extended header lines between `diff --git` and `---`. */
const GIT_HEADER = /^(index |old mode |new mode |deleted file mode |new file mode |similarity index |dissimilarity index |rename from |rename to |copy from |copy to |Binary files |GIT binary patch)/;

function readGitSection(lines: readonly string[], at: number, source: string): { file: FileDiff; next: number } {
  // `diff --git a/X b/Y`: the paths, for a section without ---/+++ (a mode change, a rename, a binary file).
  const named = /^diff --git a\/(.+) b\/(.+)$/.exec(lines[at]!);
  let binary = false;
  let created = false;
  let deleted = false;
  let i = at + 1;
  while (i < lines.length && GIT_HEADER.test(lines[i]!)) {
    const l = lines[i]!;
    if (l.startsWith('Binary files ') || l.startsWith('GIT binary patch')) binary = true;
    if (l.startsWith('new file mode ')) created = true;
    if (l.startsWith('deleted file mode ')) deleted = true;
    i++;
  }
  if (i < lines.length && lines[i]!.startsWith('--- ')) {
    if (!startsFileHeader(lines, i)) throw new PatchSyntaxError(source, i + 2, `'--- ' at line ${i + 1} is not followed by a '+++ ' line`);
    return readHunks(lines, i, source, at + 1, binary);
  }
  const oldPath = created ? null : (named?.[1] ?? null);
  const newPath = deleted ? null : (named?.[2] ?? null);
  if (oldPath === null && newPath === null) throw new PatchSyntaxError(source, at + 1, `cannot read the file names of '${clip(lines[at]!)}'`);
  return { file: { oldPath, newPath, patchLine: at + 1, binary, hunks: [] }, next: i };
}

/** Reads `---`, `+++` and the hunks after them; `sectionLine` is the section's first line (1-based). */
function readHunks(lines: readonly string[], at: number, source: string, sectionLine: number, binary: boolean): { file: FileDiff; next: number } {
  const oldPath = pathIn(lines[at]!);
  const newPath = pathIn(lines[at + 1]!);
  if (oldPath === null && newPath === null) throw new PatchSyntaxError(source, at + 2, `both '--- ' and '+++ ' name /dev/null`);
  let i = at + 2;
  if (!(lines[i] ?? '').startsWith('@@')) throw new PatchSyntaxError(source, Math.min(i + 1, lines.length), `no hunk after the '+++ ' line ${at + 2}`);
  const hunks: Hunk[] = [];
  while ((lines[i] ?? '').startsWith('@@')) {
    const { hunk, next } = readHunk(lines, i, source);
    checkFollows(hunks, hunk, source);
    hunks.push(hunk);
    i = next;
    const after = lines[i];
    if (after !== undefined && /^[-+ \\]/.test(after) && !endsSection(lines, i)) {
      throw new PatchSyntaxError(source, i + 1, `'${clip(after)}' follows the hunk at line ${hunk.patchLine} (${headerText(hunk)}), whose header counts no more lines`);
    }
  }
  return { file: { oldPath, newPath, patchLine: sectionLine, binary, hunks }, next: i };
}

/** After a hunk: the next file's section, or a mail signature separator (`-- `), not a line the counts forgot. */
function endsSection(lines: readonly string[], i: number): boolean {
  const l = lines[i]!;
  return l === '-- ' || l === '--' || startsFileHeader(lines, i);
}

/** `--- a/kernel/cgroup.c\t2009-12-26 ...` -> `kernel/cgroup.c`; `/dev/null` -> null. */
function pathIn(headerLine: string): string | null {
  const raw = headerLine.slice(4).split('\t')[0]!.trimEnd();
  if (raw === '/dev/null') return null;
  return raw.replace(/^[ab]\//, '');
}

/** The first old and new line a hunk covers (a side counting 0 lines names the line before where it would be). */
function firstLines(h: Hunk): { old: number; new: number } {
  return { old: h.oldCount === 0 ? h.oldStart + 1 : h.oldStart, new: h.newCount === 0 ? h.newStart + 1 : h.newStart };
}

/** A hunk must start after the one before it ends, and its new start must be its old start moved by the hunks before. */
function checkFollows(before: readonly Hunk[], h: Hunk, source: string): void {
  const first = firstLines(h);
  const prev = before[before.length - 1];
  if (prev !== undefined && first.old < firstLines(prev).old + prev.oldCount) {
    throw new PatchSyntaxError(source, h.patchLine, `the hunk ${headerText(h)} starts at old line ${first.old}, inside or before the hunk at line ${prev.patchLine} (${headerText(prev)})`);
  }
  const shift = before.reduce((s, b) => s + b.newCount - b.oldCount, 0);
  if (first.new !== first.old + shift) {
    const expected = first.old + shift - (h.newCount === 0 ? 1 : 0);
    throw new PatchSyntaxError(source, h.patchLine, `the hunk ${headerText(h)} has new start ${h.newStart}, but its old start and the hunks before it put it at ${expected}`);
  }
}
