import { FatalFinding } from '../sim/finding.js';
import type { Kernel } from './kernel.js';
import { formatSite, type Site } from './site.js';

/**
 * BUG_ON(): the kernel's own assertion. When it fires the CPU oopses ("kernel BUG at file:line!"), so the
 * execution ends; the finding is the modelled code's, not a checker's.
 */
export function BUG_ON(k: Kernel, condition: boolean, site: Site, what: string): void {
  if (!condition) return;
  throw new FatalFinding({
    kind: 'kernel-bug',
    object: what,
    site: `${site.fn}: BUG_ON(${what})`,
    title: `kernel BUG at ${site.file}${site.line > 0 ? `:${site.line}` : ''}!`,
    details: [`invalid opcode: 0000 [#1] SMP`, `CPU: ${k.host.current.name}`, `RIP: ${formatSite(site)}: BUG_ON(${what})`, ...(k.host.tracing ? ['Call Trace:', ...k.stack().map((f) => ` ${f}`)] : [])],
    fatal: true,
    corrupts: false,
    step: -1,
    actor: '',
  });
}
