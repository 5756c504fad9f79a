import type { ListDebugRules } from '../model/facts.js';
import type { CheckContext, Checker, ListNode, Report } from '../model/probes.js';
import { Poison } from '../model/probes.js';
import { formatSite, stackLines, type Site } from './describe.js';

const nameOf = (p: ListNode | Poison | null): string => (p === null ? 'NULL' : p instanceof Poison ? `${p.name} (${p.address})` : p.name);

/**
 * CONFIG_DEBUG_LIST (lib/list_debug.c), as the running kernel has it (its facts' `list_debug`, read once per
 * execution). list_add checks that prev and next still point at each other (and that the entry is not added
 * twice); list_del checks that the entry's neighbours point back at it. Each is a warning; the kernel then either
 * goes on with the operation or skips it. A list_del of an entry already deleted finds LIST_POISON1/2 in its
 * pointers, non-canonical addresses: a kernel whose check looks for the poison warns, one whose check
 * dereferences the pointers first takes a general protection fault that stops the CPU.
 */
export class ListCorruptionChecker implements Checker {
  readonly name = 'list-corruption';
  private ctx!: CheckContext;
  private rules!: ListDebugRules;

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
    this.rules = ctx.facts.list_debug;
  }

  listAdd(node: ListNode, prev: ListNode, next: ListNode, site: Site): boolean {
    let problem: string | null = null;
    if (next.prev !== prev) problem = `list_add corruption. next->prev should be prev (${prev.name}), but was ${nameOf(next.prev)}. (next=${next.name}).`;
    else if (prev.next !== next) problem = `list_add corruption. prev->next should be next (${next.name}), but was ${nameOf(prev.next)}. (prev=${prev.name}).`;
    else if (node === prev || node === next) problem = `list_add double add: new=${node.name}, prev=${prev.name}, next=${next.name}.`;
    if (problem === null) return true;
    const goesOn = !this.rules.add_skips_corrupt;
    this.ctx.report(this.warning(node, 'list_add', problem, site, goesOn));
    return goesOn;
  }

  listDel(entry: ListNode, site: Site): boolean {
    const next = entry.next;
    const prev = entry.prev;
    if (next instanceof Poison || prev instanceof Poison || next === null || prev === null) {
      // Where the poison is checked before any dereference (next first), it warns and nothing is unlinked.
      const poisoned = next instanceof Poison ? 'next' : prev instanceof Poison ? 'prev' : null;
      if (this.rules.del_checks_poison && poisoned !== null) {
        const value = poisoned === 'next' ? next : prev;
        this.ctx.report(this.warning(entry, 'list_del', `list_del corruption, ${entry.name}->${poisoned} is ${nameOf(value)}`, site, false));
        return false;
      }
      // Otherwise the check reads entry->prev->next first, then entry->next->prev: the first bad pointer faults.
      const which = prev instanceof Poison || prev === null ? 'prev' : 'next';
      const value = which === 'prev' ? prev : next;
      const fault =
        value instanceof Poison
          ? `${this.ctx.facts.gpf_title.replace('{addr}', value.address)}`
          : this.ctx.facts.null_deref_title.replace('{addr}', (which === 'prev' ? 0 : 8).toString(16).padStart(16, '0'));
      this.ctx.oops({
        ...this.warning(entry, 'list_del', `list_del corruption, ${entry.name}->${which} is ${nameOf(value)}`, site, false),
        title: fault,
        fatal: true,
        details: () => [
          `${this.ctx.where()} deletes ${entry.name}, which is not on a list: its ${which} is ${nameOf(value)}, so it was deleted before (${formatSite(site)})`,
          `DEBUG_LIST's check dereferences ${entry.name}->${which}${value instanceof Poison ? ', a non-canonical address' : ''}: the CPU stops here`,
          ...stackLines(this.ctx.stack()),
        ],
      });
    }
    let problem: string | null = null;
    if (prev.next !== entry) problem = `list_del corruption. prev->next should be ${entry.name}, but was ${nameOf(prev.next)}. (prev=${prev.name})`;
    else if (next.prev !== entry) problem = `list_del corruption. next->prev should be ${entry.name}, but was ${nameOf(next.prev)}. (next=${next.name})`;
    if (problem === null) return true;
    const goesOn = !this.rules.del_skips_corrupt;
    this.ctx.report(this.warning(entry, 'list_del', problem, site, goesOn));
    return goesOn;
  }

  private warning(node: ListNode, op: string, problem: string, site: Site, goesOn: boolean): Report {
    const kind = problem.split(/[,.]/)[0]!;
    return {
      kind: 'list-corruption',
      object: node.mem.type,
      site: `${site.fn}: ${kind} of ${node.mem.type} [${formatSite(site)}]`,
      title: problem,
      involves: [node.mem.name],
      details: () => [
        `WARNING: in ${op} called from ${formatSite(site)} by ${this.ctx.where()}`,
        ...stackLines(this.ctx.stack()),
        `The entry belongs to ${node.mem.name}${node.mem.freed ? ' (already freed)' : ''}; ${goesOn ? 'the operation goes on' : `the ${op} is skipped`}.`,
      ],
      fatal: false,
      corrupts: true,
    };
  }
}
