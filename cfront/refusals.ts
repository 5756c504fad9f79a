/**
 * The two ways cfront refuses a patch, each one line `FILE:LINE: what is wrong`, so that a later command line can
 * print it as `cgsim: ...` and a reader can jump to the line in an editor: a text that is no unified diff
 * (PatchSyntaxError), and a hunk of a follow-up that cannot be applied to the held text (HunkRefused), the line
 * being that of the hunk's header in the follow-up.
 */

/** A patch whose diff text cannot be read as a unified diff. */
export class PatchSyntaxError extends Error {
  /** The patch as the caller named it (a path, or a label for text that came from elsewhere). */
  readonly source: string;
  /** 1-based line of the patch text the error is about. */
  readonly patchLine: number;
  /** What is wrong, without the location. */
  readonly problem: string;

  constructor(source: string, patchLine: number, problem: string) {
    super(`${source}:${patchLine}: ${problem}`);
    this.name = 'PatchSyntaxError';
    this.source = source;
    this.patchLine = patchLine;
    this.problem = problem;
  }
}

/**
 * - file-not-held: the patches before this one do not show the file;
 * - already-held: the hunk creates a file that is already held;
 * - context-not-found: its context and removed lines are not in the held text;
 * - ambiguous: they are held at more than one place and none is the stated one;
 * - gap: where it would apply, or nearer its stated line than where it is held, lines are not held.
 */
export type RefusalReason = 'file-not-held' | 'already-held' | 'context-not-found' | 'ambiguous' | 'gap';

/** A hunk of a follow-up patch that cannot be applied to the held text, and why. */
export class HunkRefused extends Error {
  readonly reason: RefusalReason;
  /** The follow-up patch as named when read. */
  readonly source: string;
  /** 1-based line of the hunk's header (or of the file's section, when it has no hunk) in the follow-up. */
  readonly patchLine: number;
  /** What is wrong, without the location. */
  readonly problem: string;

  constructor(reason: RefusalReason, source: string, patchLine: number, problem: string) {
    super(`${source}:${patchLine}: ${problem}`);
    this.name = 'HunkRefused';
    this.reason = reason;
    this.source = source;
    this.patchLine = patchLine;
    this.problem = problem;
  }
}
