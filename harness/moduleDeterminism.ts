import { lintSource } from './determinismRules.js';

/** Rules of the project's determinism lint that a user's module is held to as well: clocks, random sources, timers. */
const SKIPPED = [/^for-in:/, /^process:/];

/**
 * Why a user's variant module would not replay: the first use of a clock, a random source, a timer, the
 * garbage collector or the locale (the rules the simulated world itself is linted with), as `what at file:line`;
 * null when there is none. Checked before the module runs, at import as at run time alike, so that no printed
 * replay command can fail to reproduce under any strategy.
 */
export function nondeterminismOf(file: string, spec: string, code: string): string | null {
  const found = lintSource(file, code).filter((f) => !SKIPPED.some((r) => r.test(f.rule)));
  const first = found[0];
  if (first === undefined) return null;
  const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
  return `${first.rule} at ${spec}:${first.line}${more}`;
}
