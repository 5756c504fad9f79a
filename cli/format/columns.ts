import { isSystemCallEntry } from '../../model/syscalls.js';
import type { Outcome } from '../../sim/execution.js';
import { actorLetter } from '../../sim/actor.js';
import { shortSite } from '../../sim/site.js';
import type { TraceStep } from '../../sim/trace.js';

const MAX_CELL = 44;

function cell(t: TraceStep): string {
  if (isSyscall(t)) return `${t.op}`;
  const where = t.site === null ? '' : `${shortSite(t.site)} `;
  return `${where}${t.op}${t.obj !== '' ? ` ${t.obj}` : ''}`;
}

function fit(s: string, width: number): string {
  return s.length > width ? `${s.slice(0, width - 1)}~` : s.padEnd(width);
}

/** Syscall entries mark what userspace asked for; everything else is the kernel's work for it. */
const isSyscall = (t: TraceStep): boolean => isSystemCallEntry(t.site);

/**
 * The interleaved trace as columns, one per actor, one row per step, in the style of the two-column race
 * diagrams of kernel commit messages. The sequential setup is shown as the system calls it made (the kernel
 * steps inside them cannot race), unless `full`. Rows where a checker fired end with `<- [n]`.
 */
export function traceColumns(outcome: Outcome, full = false): string[] {
  const trace = outcome.trace ?? [];
  const names = outcome.actorNames;
  const firstConcurrent = trace.findIndex((t) => t.actor !== 0);
  const setupEnd = firstConcurrent < 0 ? trace.length : firstConcurrent;
  const lines: string[] = [];
  lines.push(`actors: ${names.map((n, i) => `${actorLetter(i)}=${n}`).join(' ')}`);
  lines.push('');
  const shown = full ? trace : trace.slice(setupEnd);
  if (!full && setupEnd > 0) {
    lines.push(`setup (steps 1-${setupEnd}, alone):`);
    for (const t of trace.slice(0, setupEnd)) if (isSyscall(t)) lines.push(`  ${t.op}`);
    lines.push('');
  }
  const used = [...new Set(shown.map((t) => t.actor))].sort((a, b) => a - b);
  const width = new Map<number, number>();
  for (const id of used) {
    const longest = Math.max(names[id]!.length, ...shown.filter((t) => t.actor === id).map((t) => cell(t).length));
    width.set(id, Math.min(MAX_CELL, longest));
  }
  const header = used.map((id) => fit(names[id]!, width.get(id)!)).join(' | ');
  lines.push(`step   ${header}`);
  lines.push(`-----  ${used.map((id) => '-'.repeat(width.get(id)!)).join('-+-')}`);
  for (const t of shown) {
    const row = used.map((id) => (id === t.actor ? fit(cell(t), width.get(id)!) : ' '.repeat(width.get(id)!))).join(' | ');
    const marks = t.findings.length > 0 ? `  <- ${t.findings.map((i) => `[${i + 1}]`).join(' ')}` : '';
    lines.push(`${String(t.step + 1).padStart(5)}  ${row}`.trimEnd() + marks);
  }
  // The end of the run: a CPU stuck for good shows what it was about to do; end-of-run reports are marked here.
  const stuck = outcome.ending === 'deadlock' ? outcome.pending.filter((p) => p.started && width.has(p.actor)) : [];
  const atEnd = outcome.findings.map((f, i) => (f.step >= outcome.steps ? i : -1)).filter((i) => i >= 0);
  if (stuck.length > 0 || atEnd.length > 0) {
    const row = used.map((id) => {
      const p = stuck.find((s) => s.actor === id);
      return p === undefined ? ' '.repeat(width.get(id)!) : fit(`(stuck) ${p.site !== null ? `${shortSite(p.site)} ` : ''}${p.op} ${p.obj}`, width.get(id)!);
    });
    const marks = atEnd.length > 0 ? `  <- ${atEnd.map((i) => `[${i + 1}]`).join(' ')}` : '';
    lines.push(`${'  end'.padStart(5)}  ${row.join(' | ')}`.trimEnd() + marks);
  }
  return lines;
}
