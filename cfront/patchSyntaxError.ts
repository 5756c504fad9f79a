/**
 * A patch whose diff text cannot be read as a unified diff. The message is one line, `FILE:LINE: what is wrong`,
 * so that a later command line can print it as `cgsim: ...` and a reader can jump to the line in an editor.
 */
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
