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

/**
 * BUG() after the kernel printed why (a check such as the VFS's "still in use"): the printed line is what the
 * oops begins with, then "kernel BUG at file!". The CPU stops; the execution ends.
 */
export function BUG_printk(k: Kernel, site: Site, what: string, printed: string): never {
  throw new FatalFinding({
    kind: 'kernel-bug',
    object: what,
    site: `${site.fn}: ${what}`,
    title: printed,
    details: [`kernel BUG at ${site.file}${site.line > 0 ? `:${site.line}` : ''}!`, `invalid opcode: 0000 [#1] SMP`, `CPU: ${k.host.current.name}`, `RIP: ${formatSite(site)}`, ...(k.host.tracing ? ['Call Trace:', ...k.stack().map((f) => ` ${f}`)] : [])],
    fatal: true,
    corrupts: false,
    step: -1,
    actor: '',
  });
}
