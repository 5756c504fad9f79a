import type { Finding } from '../sim/finding.js';

/** The delimiters the kernel prints around a report of each family, as kernel developers are used to reading. */
interface Frame {
  readonly before: readonly string[];
  /** Lines between the title and the body (lockdep's rule under its header). */
  readonly underTitle: readonly string[];
  readonly after: readonly string[];
}

const KASAN_RULE = '='.repeat(66);
const KMSAN_RULE = '='.repeat(53);
const LOCKDEP_RULE = '='.repeat(54);
const CUT_HERE = '------------[ cut here ]------------';
const END_TRACE = '---[ end trace 0000000000000000 ]---';

/**
 * Which tool prints a report, told by its first line (the kernel's own, which tools such as syzkaller parse):
 * KASAN and KMSAN rule their reports with '=', lockdep adds a '-' rule under the title, WARN()-style reports (DEBUG_LIST,
 * refcount_t, BUG_ON) sit between "cut here" and "end trace". Anything else (kmemleak, cgsim's own headers) is
 * printed as it is.
 */
function frameOf(title: string): Frame {
  if (title.startsWith('BUG: KASAN:')) return { before: [KASAN_RULE], underTitle: [], after: [KASAN_RULE] };
  if (title.startsWith('BUG: KMSAN:')) return { before: [KMSAN_RULE], underTitle: [], after: [KMSAN_RULE] };
  if (/^WARNING: (possible circular|possible recursive locking|.*-safe -> .*-unsafe|inconsistent lock state|possible irq lock inversion)/.test(title)) {
    return { before: ['', LOCKDEP_RULE], underTitle: ['-'.repeat(54)], after: [] };
  }
  if (/^(list_(add|del) corruption|refcount_t:|percpu ref |kernel BUG at|WARNING:)/.test(title)) return { before: [CUT_HERE], underTitle: [], after: [END_TRACE] };
  return { before: [], underTitle: [], after: [] };
}

/**
 * One finding as the kernel's debug tool would print it: its frame, the kernel's first line, the body (call
 * traces are the modelled functions with the source lines they mirror), then one line of cgsim's own saying which
 * report of the replay it is, its deduplication key and where it happened.
 */
export function kernelReport(f: Finding, index: number, steps: number): string[] {
  const frame = frameOf(f.title);
  const when = f.step >= steps ? `after the last step (${steps})` : `step ${f.step + 1} on ${f.actor}`;
  return [
    ...frame.before,
    f.title,
    ...frame.underTitle,
    ...f.details,
    ...(f.priorRuns !== undefined ? ['', 'This report also rests on earlier runs of the same exploration (replayed first):', ...f.priorRuns.map((p) => `  run ${p.run}: ${p.what}`)] : []),
    ...frame.after,
    `cgsim: report ${index}: ${f.kind} | ${f.site}; ${when}${f.fatal ? ' (fatal: the execution ends here)' : ''}`,
    '',
  ];
}
