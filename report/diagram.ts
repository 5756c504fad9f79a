import { isSystemCallEntry } from '../model/syscalls.js';
import { shortSite } from '../sim/site.js';
import type { DocFinding, DocStep, ReplayDoc } from './replayDoc.js';

/** Widest a column gets before its lines wrap, by the number of columns: up to four columns fit 130 characters. */
const MAX_COLUMN = [72, 72, 46, 34, 28, 22];
const STEP_WIDTH = 5;

/**
 * A report's race as kernel commit messages draw races: one column per CPU, time going down, only the steps of
 * the causal slice (replayDoc.ts), each as the function and line it mirrors and what it did; the report's
 * first line under the step that made it, and what blocked actors wait for at the end. Plain ASCII, ready to paste.
 */
export function raceDiagram(doc: ReplayDoc, finding: DocFinding): string[] {
  const rows = finding.slice.map((s) => doc.trace[s - 1]!).filter((t) => t !== undefined);
  const pending = finding.step === null ? doc.pending.filter((p) => p.started) : [];
  const actors = doc.actors.filter((a) => rows.some((r) => r.actor === a) || pending.some((p) => p.actor === a));
  const cells = rows.map((r) => ({ step: String(r.step), actor: r.actor, lines: stepLines(r, finding) }));
  for (const p of pending) cells.push({ step: '-', actor: p.actor, lines: [...(p.site !== null ? [shortSite(p.site)] : []), `  ${p.why}`] });
  if (finding.step === null) cells.push({ step: '', actor: actors[0] ?? '', lines: [`${finding.title}`] });
  // A function:line label is never split: the column is at least as wide as the longest one.
  const labels = cells.flatMap((c) => c.lines.filter((l) => !l.startsWith(' ')).map((l) => l.length));
  const width = Math.max(...labels, Math.min(MAX_COLUMN[actors.length] ?? 20, Math.max(12, ...cells.flatMap((c) => c.lines.map((l) => l.length)), ...actors.map((a) => a.length))));
  const column = (a: string): number => actors.indexOf(a);
  const out = [
    `${doc.variant}, ${doc.scenario}: report ${finding.index}`,
    finding.title,
    `(${finding.slice.length} of ${doc.steps} steps: the causal slice${doc.setupSteps > 0 ? `; steps 1-${doc.setupSteps} are the setup` : ''})`,
    '',
    row('', actors, width),
    row('', actors.map((a) => '-'.repeat(a.length)), width),
  ];
  for (const c of cells) {
    // The report made after the last step spans the page, under every column.
    if (c.step === '') {
      out.push('', ...c.lines.map((l) => `${' '.repeat(STEP_WIDTH + 1)}>>> ${l}`));
      continue;
    }
    const wrapped = c.lines.flatMap((l) => wrap(l, width));
    wrapped.forEach((l, i) => {
      const texts = actors.map((_, k) => (k === column(c.actor) ? l : ''));
      out.push(row(i === 0 ? c.step : '', texts, width));
    });
  }
  return out.map((l) => l.trimEnd());
}

/** A step as its cell shows it: where (function:line), what, and the report when this is its step. */
function stepLines(r: DocStep, f: DocFinding): string[] {
  const what = `${r.op}${r.object !== '' && !r.op.includes(r.object) ? ` ${r.object}` : ''}`;
  // A system call's entry is the call itself, as userspace made it (`close(3)`).
  const lines = r.site !== null && !isSystemCallEntry(r.site) ? [shortSite(r.site), `  ${what}`] : [what];
  if (f.step === r.step) lines.push(`  >>> ${f.title}`);
  return lines;
}

function row(step: string, texts: readonly string[], width: number): string {
  return `${step.padStart(STEP_WIDTH)} ${texts.map((t) => t.padEnd(width)).join('   ')}`;
}

/**
 * Breaks a line to fit `width`: at a space, else after a '.', '>' or '(' of a C expression (`cgroup#3.` /
 * `event_list_lock`), else anywhere. Continuations are indented.
 */
function wrap(line: string, width: number): string[] {
  const indent = /^ */.exec(line)![0] + '  ';
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(' ', width);
    if (cut <= indent.length) cut = Math.max(rest.lastIndexOf('.', width - 1), rest.lastIndexOf('>', width - 1), rest.lastIndexOf('(', width - 1)) + 1;
    if (cut <= indent.length) cut = width;
    out.push(rest.slice(0, cut));
    rest = indent + rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}
