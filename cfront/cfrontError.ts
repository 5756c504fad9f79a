/**
 * What cfront refuses in the C itself: a line it cannot parse, a construct outside the subset it interprets, a
 * function neither the patch defines nor the binding table binds. One line `FILE:LINE: what`, like the patch
 * reader's refusals, so the command line prints it as `cgsim: ...` and exits 2.
 */
export class CFrontError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'CFrontError';
  }
}

/** A patch that shows none of the variant's functions whole: a variant from it would be its base under another name. */
export class NothingToInterpret extends Error {
  constructor(
    readonly patches: string,
    readonly slots: readonly string[],
  ) {
    super(`${patches}: shows none of ${slots.join(', ')} whole; nothing of it to interpret`);
    this.name = 'NothingToInterpret';
  }
}

/**
 * A base the patch cannot be laid over: one that tears events down in code of its own (cgroup_rmdir_events),
 * written for its own struct cgroup_event, which the patch's events would meet in every rmdir.
 */
export class BaseRefused extends Error {
  constructor(
    readonly base: string,
    readonly why: string,
  ) {
    super(`--base ${base}: ${why}`);
    this.name = 'BaseRefused';
  }
}

/** A refusal of a patch's text or C (one line, FILE:LINE), which the command line reports as a usage error. */
export function isCFrontRefusal(e: unknown): e is Error {
  return e instanceof CFrontError || e instanceof NothingToInterpret || e instanceof BaseRefused || (e instanceof Error && (e.name === 'PatchSyntaxError' || e.name === 'HunkRefused' || e.name === 'SourceRefused'));
}
