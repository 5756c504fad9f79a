import type { Finding } from '../../sim/finding.js';

const RULE = '='.repeat(78);

/** One finding as a report: the kernel-style first line, where it happened, the body. */
export function findingReport(f: Finding, index: number, steps: number): string[] {
  const when = f.step >= steps ? `after the last step (${steps})` : `step ${f.step + 1} on ${f.actor}`;
  return [
    RULE,
    `[${index}] ${f.title}`,
    `kind: ${f.kind}   object: ${f.object}   ${when}${f.fatal ? '   (fatal: the execution ends here)' : ''}`,
    `site: ${f.site}`,
    RULE,
    ...f.details,
    ...(f.priorRuns !== undefined ? ['', 'This report also rests on earlier runs of the same exploration (replayed first):', ...f.priorRuns.map((p) => `  run ${p.run}: ${p.what}`)] : []),
    '',
  ];
}
