import type { CompareCell, CompareResult } from '../../harness/compare.js';

/** The site without the bracketed source position, for a table cell. */
function shortSite(site: string): string {
  return site.replace(/\s*\[[^\]]+\]\s*$/, '');
}

/** " at cgroup_rmdir (versions.md:422)": where in the variant's own code a cell's finding is, when the site says. */
function position(c: CompareCell): string {
  const m = c.found ? /\[([^\]]*)\]\s*$/.exec(c.site) : null;
  return m === null ? '' : ` at ${m[1]}`;
}

/** ", after 3, 5": the rows a found bug followed in its witness run (it may be their consequence). */
function afterRows(r: CompareResult, c: CompareCell): string {
  if (!c.found) return '';
  const rows = c.after.map((k) => r.rows.findIndex((row) => row.key === k) + 1).filter((n) => n > 0);
  return rows.length === 0 ? '' : `, after ${rows.join(', ')}`;
}

function cellText(r: CompareResult, c: CompareCell): string {
  return c.found ? `found (run ${c.runsToFirstHit}${afterRows(r, c)})` : 'not found';
}

const budget = (r: CompareResult): string => `${r.scenarios.length} scenario(s), ${r.runs} seeded random runs each, seed ${r.seed}`;

/**
 * The comparison as a plain-text table: one row per distinct bug, one column per variant ("run N": found, first
 * in the Nth run of a scenario; "-": not found within the budget), then each row's replay commands.
 */
export function compareText(r: CompareResult, asInvoked: (cmd: string) => string): string[] {
  const lines = [`cgsim compare: ${r.variants.join(', ')}`, budget(r), ''];
  if (r.rows.length === 0) return [...lines, 'No bugs found in any variant.'];
  const widths = r.variants.map((v) => Math.max(v.length, 7));
  const label = (i: number): string => `${r.rows[i]!.kind}: ${shortSite(r.rows[i]!.site)}`;
  const labelWidth = Math.min(70, Math.max(...r.rows.map((_, i) => label(i).length)));
  const fit = (s: string, w: number): string => (s.length > w ? `${s.slice(0, w - 1)}~` : s.padEnd(w));
  lines.push(`${' #'.padEnd(4)}${fit('bug (kind: site)', labelWidth)}  ${r.variants.map((v, i) => v.padEnd(widths[i]!)).join(' ')}`);
  r.rows.forEach((row, i) => {
    if (row.consequence && (i === 0 || !r.rows[i - 1]!.consequence)) lines.push(`${' '.repeat(4)}-- found only after another bug in the same run (possibly consequences):`);
    const cells = row.cells.map((c, j) => (c.found ? `run ${c.runsToFirstHit}${c.after.length > 0 ? '*' : ''}` : '-').padEnd(widths[j]!));
    lines.push(`${String(i + 1).padStart(2)}  ${fit(label(i), labelWidth)}  ${cells.join(' ')}`);
  });
  lines.push('', `run N: found, first in the Nth run of a scenario (*: only after another bug of the table in the same run, possibly its consequence); -: not found within ${r.runs} runs per scenario`, '');
  r.rows.forEach((row, i) => {
    lines.push(`[${i + 1}] ${row.kind} (${row.object}): ${row.site}`, `    ${row.title}`);
    row.cells.forEach((c, j) => {
      if (c.found) lines.push(`    ${r.variants[j]}: ${c.hits} hit(s), first in run ${c.runsToFirstHit} (${c.scenario})${position(c)}${afterRows(r, c).replace(/^, /, ', found only ')}; replay: ${asInvoked(c.replay)}`);
    });
  });
  return lines;
}

/** The comparison as Markdown, ready to paste into a review mail or a pull request. */
export function compareMarkdown(r: CompareResult, asInvoked: (cmd: string) => string): string[] {
  const lines = [`**cgsim compare**: ${r.variants.map((v) => `\`${v}\``).join(', ')} (${budget(r)})`, ''];
  if (r.rows.length === 0) return [...lines, 'No bugs found in any variant.'];
  const header = [`| # | bug | ${r.variants.join(' | ')} |`, `|---|---|${r.variants.map(() => '---').join('|')}|`];
  lines.push(...header);
  r.rows.forEach((row, i) => {
    if (row.consequence && (i === 0 || !r.rows[i - 1]!.consequence)) lines.push('', 'Found only after another bug in the same run (possibly its consequence):', '', ...header);
    const cells = row.cells.map((c) => cellText(r, c));
    lines.push(`| ${i + 1} | **${row.kind}**: ${shortSite(row.site).replace(/\|/g, '\\|')} | ${cells.join(' | ')} |`);
  });
  lines.push(
    '',
    `"found (run N)": first found in the Nth run of a scenario; "after M": only ever found after bug M in the same run, so possibly its consequence; "not found": not within ${r.runs} runs per scenario.`,
    '',
    'Replay:',
    '',
  );
  r.rows.forEach((row, i) => {
    row.cells.forEach((c, j) => {
      if (c.found) lines.push(`- ${i + 1}, ${r.variants[j]}: \`${asInvoked(c.replay)}\``);
    });
  });
  return lines;
}
