/**
 * One hunk of a unified diff: its `@@ -a,b +c,d @@` header and exactly the lines the header counts. Counting, not
 * guessing from prefixes, is what lets a mail signature (`-- `) or prose right after the last hunk be left alone,
 * and what catches a hunk that was cut or edited by hand.
 */
import { PatchSyntaxError } from './refusals.js';

export type HunkLineKind = 'context' | 'removed' | 'added';

export interface HunkLine {
  readonly kind: HunkLineKind;
  /** The line without its one-character prefix. */
  readonly text: string;
  /** 1-based line of the patch text. */
  readonly patchLine: number;
  /** Followed by `\ No newline at end of file`: the last line of its side of the file, without a newline. */
  readonly noNewlineAtEnd: boolean;
}

export interface Hunk {
  readonly oldStart: number;
  readonly oldCount: number;
  readonly newStart: number;
  readonly newCount: number;
  /** The text after the closing `@@` (git's guess at the enclosing function); '' when there is none. A hint, not held text. */
  readonly heading: string;
  /** 1-based line of the `@@` header in the patch text. */
  readonly patchLine: number;
  readonly lines: readonly HunkLine[];
}

/** Lines that look like a hunk header; anything starting `@@` that does not match this is a malformed one. */
export const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(?: ?(.*))?$/;

/** The header as people write it, for messages. */
export function headerText(h: Pick<Hunk, 'oldStart' | 'oldCount' | 'newStart' | 'newCount'>): string {
  return `@@ -${h.oldStart},${h.oldCount} +${h.newStart},${h.newCount} @@`;
}

/**
 * Reads the hunk whose header is `lines[at]`; returns it and the index of the first line after it.
 * `lines` are the patch's lines without their newlines; line numbers in errors are 1-based.
 */
export function readHunk(lines: readonly string[], at: number, source: string): { hunk: Hunk; next: number } {
  const header = lines[at]!;
  const m = HUNK_HEADER.exec(header);
  if (m === null) throw new PatchSyntaxError(source, at + 1, `malformed hunk header '${header}' (expected '@@ -a,b +c,d @@')`);
  const oldStart = Number(m[1]);
  const oldCount = m[2] === undefined ? 1 : Number(m[2]);
  const newStart = Number(m[3]);
  const newCount = m[4] === undefined ? 1 : Number(m[4]);
  const where = `the hunk at line ${at + 1} (${headerText({ oldStart, oldCount, newStart, newCount })})`;
  if ((oldStart === 0 && oldCount !== 0) || (newStart === 0 && newCount !== 0)) {
    throw new PatchSyntaxError(source, at + 1, `${where} starts at line 0 but counts lines; only an empty side starts at 0`);
  }
  let oldLeft = oldCount;
  let newLeft = newCount;
  const body: HunkLine[] = [];
  let i = at + 1;
  while (oldLeft > 0 || newLeft > 0) {
    if (i >= lines.length) {
      throw new PatchSyntaxError(source, lines.length, `the patch ends inside ${where}: ${oldLeft} old and ${newLeft} new lines are missing`);
    }
    const raw = lines[i]!;
    const kind = kindOf(raw);
    if (kind === null) {
      throw new PatchSyntaxError(source, i + 1, `'${clip(raw)}' is not a hunk line, but ${where} still counts ${oldLeft} old and ${newLeft} new lines`);
    }
    if (kind !== 'added' && oldLeft === 0) {
      throw new PatchSyntaxError(source, i + 1, `${article(kind)} ${kind} line, but ${where} has no old lines left (its header counts too few)`);
    }
    if (kind !== 'removed' && newLeft === 0) {
      throw new PatchSyntaxError(source, i + 1, `${article(kind)} ${kind} line, but ${where} has no new lines left (its header counts too few)`);
    }
    if (kind !== 'added') oldLeft--;
    if (kind !== 'removed') newLeft--;
    const patchLine = i + 1;
    i++;
    const noNewlineAtEnd = i < lines.length && lines[i]!.startsWith('\\');
    if (noNewlineAtEnd) i++;
    body.push({ kind, text: raw.slice(1), patchLine, noNewlineAtEnd });
  }
  return { hunk: { oldStart, oldCount, newStart, newCount, heading: m[5] ?? '', patchLine: at + 1, lines: body }, next: i };
}

/**
 * The kind of a hunk body line, or null if it is none. An empty line is an empty context line whose space a mailer
 * or editor stripped (git apply and patch read it so too).
 */
function kindOf(raw: string): HunkLineKind | null {
  if (raw === '' || raw.startsWith(' ')) return 'context';
  if (raw.startsWith('-')) return 'removed';
  if (raw.startsWith('+')) return 'added';
  return null;
}

const article = (kind: HunkLineKind): string => (kind === 'added' ? 'an' : 'a');

/** A line cut short for a one-line message. */
export function clip(s: string, max = 60): string {
  return s.length <= max ? s : `${s.slice(0, max)}...`;
}
