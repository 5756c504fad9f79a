/**
 * A source label: the line of code a step mirrors. The engine only stores and prints it; what the file and the
 * function are is up to the model (for cgsim, a kernel source file and the C function the model step copies).
 */
export interface Site {
  /** The function the step belongs to, as named in the source it mirrors. */
  readonly fn: string;
  /** The source file, relative to its tree (`kernel/cgroup.c`). */
  readonly file: string;
  /** Line in that file; 0 when the mirrored code is outside the text under review and no line is claimed. */
  readonly line: number;
}

/** `fn (file:line)`, or `fn (file)` when no line is claimed. */
export function formatSite(site: Site): string {
  return site.line > 0 ? `${site.fn} (${site.file}:${site.line})` : `${site.fn} (${site.file})`;
}

/** `fn:line`, the short form used in trace columns. */
export function shortSite(site: Site): string {
  return site.line > 0 ? `${site.fn}:${site.line}` : site.fn;
}
