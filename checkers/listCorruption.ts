import type { CheckContext, Checker, ListDebugEra, ListNode, Report } from '../model/probes.js';
import { Poison } from '../model/probes.js';
import { formatSite, stackLines, type Site } from './describe.js';

const nameOf = (p: ListNode | Poison | null): string => (p === null ? 'NULL' : p instanceof Poison ? `${p.name} (${p.address})` : p.name);

/**
 * CONFIG_DEBUG_LIST (lib/list_debug.c), as the running kernel's era has it. list_add checks that prev and next
 * still point at each other (and, as later kernels do, that the entry is not added twice); list_del checks that
 * the entry's neighbours point back at it. In 2.6.33 those are warnings and the operation goes on, and a
 * list_del of an entry already deleted is worse: its pointers are LIST_POISON1/2, non-canonical addresses, and
 * the check itself dereferences them: a general protection fault that stops the CPU. From 2.6.37 list_del checks
 * for the poison first, and every corrupt list_del warns and is skipped; from 4.8 a corrupt list_add is skipped
 * too.
 */
export class ListCorruptionChecker implements Checker {
  readonly name = 'list-corruption';
  private ctx!: CheckContext;

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
  }

  listAdd(node: ListNode, prev: ListNode, next: ListNode, site: Site, era: ListDebugEra): boolean {
    let problem: string | null = null;
    if (next.prev !== prev) problem = `list_add corruption. next->prev should be prev (${prev.name}), but was ${nameOf(next.prev)}. (next=${next.name}).`;
    else if (prev.next !== next) problem = `list_add corruption. prev->next should be next (${next.name}), but was ${nameOf(prev.next)}. (prev=${prev.name}).`;
    else if (node === prev || node === next) problem = `list_add double add: new=${node.name}, prev=${prev.name}, next=${next.name}.`;
    if (problem === null) return true;
    const goesOn = era !== '4.8';
    this.ctx.report(this.warning(node, 'list_add', problem, site, goesOn));
    return goesOn;
  }

  listDel(entry: ListNode, site: Site, era: ListDebugEra): boolean {
    const next = entry.next;
    const prev = entry.prev;
    if (next instanceof Poison || prev instanceof Poison || next === null || prev === null) {
      const which = next instanceof Poison || next === null ? 'next' : 'prev';
      const value = which === 'next' ? next : prev;
      // From 2.6.37 the poison is checked before any dereference; a NULL pointer still faults in every era.
      if (era !== '2.6.33' && value instanceof Poison) {
        this.ctx.report(this.warning(entry, 'list_del', `list_del corruption, ${entry.name}->${which} is ${nameOf(value)}`, site, false));
        return false;
      }
      this.ctx.oops({
        ...this.warning(entry, 'list_del', `list_del corruption, ${entry.name}->${which} is ${nameOf(value)}`, site, false),
        fatal: true,
        details: () => [
          `${this.ctx.where()} deletes ${entry.name}, which is not on a list: ${which} is ${nameOf(value)}, so it was deleted before (${formatSite(site)})`,
          ...stackLines(this.ctx.stack()),
          value instanceof Poison ? `general protection fault, probably for non-canonical address 0x${value.address}: the CPU stops here` : 'BUG: kernel NULL pointer dereference',
        ],
      });
    }
    let problem: string | null = null;
    if (prev.next !== entry) problem = `list_del corruption. prev->next should be ${entry.name}, but was ${nameOf(prev.next)}. (prev=${prev.name})`;
    else if (next.prev !== entry) problem = `list_del corruption. next->prev should be ${entry.name}, but was ${nameOf(next.prev)}. (next=${next.name})`;
    if (problem === null) return true;
    const goesOn = era === '2.6.33';
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
