import { shortSite } from '../sim/site.js';
import type { DocFinding, ReplayDoc } from './replayDoc.js';

/**
 * Mermaid's sequence-diagram text is read by a parser that gives ';', '#', '<', '>' and line breaks meanings of
 * its own; each becomes one of its entity codes (`#59;`), so a name from a user's variant or workload renders as
 * written and cannot end a statement early.
 */
export function mermaidText(s: string): string {
  return s.replace(/[#;<>&"\n\r:{}]/g, (c) => `#${c.charCodeAt(0)};`);
}

/**
 * A report's race as a Mermaid sequence diagram (renders in GitHub and GitLab Markdown): a participant per CPU,
 * the causal slice's steps as notes over their CPU, a dashed arrow into a step from each earlier step of another CPU
 * it conflicts with (their order is the race), the report's step highlighted.
 */
export function raceMermaid(doc: ReplayDoc, f: DocFinding): string[] {
  const steps = f.slice.map((s) => doc.trace[s - 1]!).filter((t) => t !== undefined);
  const pending = f.step === null ? doc.pending.filter((p) => p.started) : [];
  const actors = doc.actors.filter((a) => steps.some((r) => r.actor === a) || pending.some((p) => p.actor === a));
  const id = (a: string): string => `P${doc.actors.indexOf(a)}`;
  // A comment (Mermaid ignores it) keeps the command that replays the execution with the picture.
  const out = ['sequenceDiagram', `  %% replay: ${doc.replay.replace(/[\r\n]/g, ' ')}`, `  title ${mermaidText(`${doc.variant} ${doc.scenario}: ${f.title}`)}`];
  for (const a of actors) out.push(`  participant ${id(a)} as ${mermaidText(a)}`);
  for (const s of steps) {
    const what = `${s.step}: ${s.site !== null ? `${shortSite(s.site)} ` : ''}${s.op}${s.object !== '' && !s.op.includes(s.object) ? ` ${s.object}` : ''}`;
    for (const [a] of f.edges.filter(([, b]) => b === s.step)) {
      out.push(`  ${id(doc.trace[a - 1]!.actor)}-->>${id(s.actor)}: ${mermaidText(`step ${a} before step ${s.step}`)}`);
    }
    if (f.step === s.step) {
      out.push('  rect rgb(255, 220, 220)', `    Note over ${id(s.actor)}: ${mermaidText(what)}`, `    Note over ${id(s.actor)}: ${mermaidText(f.title)}`, '  end');
    } else {
      out.push(`  Note over ${id(s.actor)}: ${mermaidText(what)}`);
    }
  }
  for (const p of pending) out.push(`  Note over ${id(p.actor)}: ${mermaidText(`blocked: ${p.why}`)}`);
  if (f.step === null && actors.length > 0) {
    const span = actors.length > 1 ? `${id(actors[0]!)},${id(actors[actors.length - 1]!)}` : id(actors[0]!);
    out.push('  rect rgb(255, 220, 220)', `    Note over ${span}: ${mermaidText(f.title)}`, '  end');
  }
  return out;
}
