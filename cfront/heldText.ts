/**
 * The text cgsim holds for one file of a patch: the lines the diff shows of the file after it (context and added
 * lines), each at its line number in that file. It is sparse: between hunks the file goes on, but its lines are not
 * shown, and whoever reads the held text must be able to tell a line that is not there from one that is unknown.
 */
import { pathOf, type FileDiff, type Patch } from './diff.js';

/** Where a held line's text was shown: which patch, which line of it, and whether that patch added it. */
export interface LineOrigin {
  readonly source: string;
  readonly patchLine: number;
  readonly added: boolean;
}

export interface HeldLine {
  /** 1-based line number in the file as the patches leave it. */
  readonly number: number;
  readonly text: string;
  readonly origin: LineOrigin;
}

/** Lines first..last of the file, both included. */
export interface LineRange {
  readonly first: number;
  readonly last: number;
}

/** Lines of the file the held text does not have; `last` is null when the stretch runs to an end nobody showed. */
export interface Gap {
  readonly first: number;
  readonly last: number | null;
}

export class HeldText {
  readonly path: string;
  /** The file's length in lines when the patches show where it ends; null when they do not. */
  readonly length: number | null;
  private readonly held: readonly HeldLine[];
  private readonly runList: readonly LineRange[];

  /** `lines` in increasing order of number, each number once, within the length when it is known. */
  constructor(path: string, lines: readonly HeldLine[], length: number | null) {
    lines.forEach((l, i) => {
      if (l.number < 1 || (i > 0 && l.number <= lines[i - 1]!.number) || (length !== null && l.number > length)) {
        throw new Error(`held text of ${path}: line ${l.number} out of order or outside the file`);
      }
    });
    this.path = path;
    this.length = length;
    this.held = lines;
    this.runList = runsOf(lines);
  }

  /** How many lines are held. */
  get size(): number {
    return this.held.length;
  }

  /** The held line numbered `n`, if held. */
  line(n: number): HeldLine | undefined {
    const i = this.indexOf(n);
    return i < this.held.length && this.held[i]!.number === n ? this.held[i] : undefined;
  }

  /** The text of line `n`, or undefined when it is not held (which says nothing about what the file has there). */
  text(n: number): string | undefined {
    return this.line(n)?.text;
  }

  has(n: number): boolean {
    return this.line(n) !== undefined;
  }

  /** Every held line, in order. */
  all(): readonly HeldLine[] {
    return this.held;
  }

  /** The held lines numbered first..last, in order; the unheld ones in between are skipped (see gapsIn). */
  *range(first: number, last: number): IterableIterator<HeldLine> {
    for (let i = this.indexOf(first); i < this.held.length && this.held[i]!.number <= last; i++) yield this.held[i]!;
  }

  /** True when every line first..last is held. */
  holds(first: number, last: number): boolean {
    return this.gapsIn(first, last).length === 0;
  }

  /** The stretches of consecutive held lines, in order. */
  runs(): readonly LineRange[] {
    return this.runList;
  }

  /** The run holding line `n`, if it is held. */
  runAt(n: number): LineRange | undefined {
    return this.runs().find((r) => r.first <= n && n <= r.last);
  }

  /** Every stretch of the file that is not held: before the first run, between runs, and after the last unless the end is known. */
  gaps(): Gap[] {
    const out: Gap[] = [];
    let next = 1;
    for (const r of this.runs()) {
      if (r.first > next) out.push({ first: next, last: r.first - 1 });
      next = r.last + 1;
    }
    if (this.length === null) out.push({ first: next, last: null });
    else if (next <= this.length) out.push({ first: next, last: this.length });
    return out;
  }

  /** The unheld stretches within lines first..last (a stretch past a known end of the file is not a gap, it is not there). */
  gapsIn(first: number, last: number): LineRange[] {
    const out: LineRange[] = [];
    for (const g of this.gaps()) {
      const from = Math.max(g.first, first);
      const to = Math.min(g.last ?? last, last);
      if (from <= to) out.push({ first: from, last: to });
    }
    return out;
  }

  /** Index of the first held line numbered n or more. */
  private indexOf(n: number): number {
    let lo = 0;
    let hi = this.held.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.held[mid]!.number < n) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function runsOf(lines: readonly HeldLine[]): LineRange[] {
  const out: LineRange[] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.last + 1 === l.number) out[out.length - 1] = { first: prev.first, last: l.number };
    else out.push({ first: l.number, last: l.number });
  }
  return out;
}

/**
 * The held text of one file section: its post-image lines at the numbers the hunk headers give. Null when the
 * patch deletes the file or shows no text of it (a binary file, a mode change).
 */
export function heldTextOf(file: FileDiff, source: string): HeldText | null {
  if (file.newPath === null || file.binary || (file.hunks.length === 0 && file.oldPath !== null)) return null;
  const lines: HeldLine[] = [];
  let lastWithoutNewline: number | null = null;
  for (const h of file.hunks) {
    let n = h.newStart;
    for (const l of h.lines) {
      if (l.kind === 'removed') continue;
      lines.push({ number: n, text: l.text, origin: { source, patchLine: l.patchLine, added: l.kind === 'added' } });
      if (l.noNewlineAtEnd) lastWithoutNewline = n;
      n++;
    }
  }
  // A created file is shown whole; a last line without a newline is the file's last line.
  const length = file.oldPath === null ? lines.length : lastWithoutNewline;
  return new HeldText(file.newPath, lines, length);
}

/** The held text of every file a patch shows, by path. */
export function heldTextsOf(patch: Patch): Map<string, HeldText> {
  const out = new Map<string, HeldText>();
  for (const f of patch.files) {
    const held = heldTextOf(f, patch.source);
    if (held !== null) out.set(pathOf(f), held);
  }
  return out;
}
