import type { CheckContext, Checker, ListNode, Report } from '../model/probes.js';
import { Poison } from '../model/probes.js';
import { formatSite, stackLines, type Site } from './describe.js';

const nameOf = (p: ListNode | Poison | null): string => (p === null ? 'NULL' : p instanceof Poison ? `${p.name} (${p.address})` : p.name);

/**
 * CONFIG_DEBUG_LIST as of 2.6.33 (lib/list_debug.c): list_add checks that prev and next still point at each
 * other (and, as later kernels do, that the entry is not added twice); list_del checks that the entry's
 * neighbours point back at it. Those are warnings, and the operation goes on. A list_del of an entry already
 * deleted is worse: its pointers are LIST_POISON1/2, non-canonical addresses, and the check itself (or, without
 * DEBUG_LIST, the unlink) dereferences them: a general protection fault that stops the CPU.
 */
export class ListCorruptionChecker implements Checker {
  readonly name = 'list-corruption';
  private ctx!: CheckContext;

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
  }

  listAdd(node: ListNode, prev: ListNode, next: ListNode, site: Site): boolean {
    let problem: string | null = null;
    if (next.prev !== prev) problem = `list_add corruption. next->prev should be prev (${prev.name}), but was ${nameOf(next.prev)}. (next=${next.name}).`;
    else if (prev.next !== next) problem = `list_add corruption. prev->next should be next (${next.name}), but was ${nameOf(prev.next)}. (prev=${prev.name}).`;
    else if (node === prev || node === next) problem = `list_add double add: new=${node.name}, prev=${prev.name}, next=${next.name}.`;
    if (problem !== null) this.ctx.report(this.warning(node, 'list_add', problem, site));
    return true;
  }

  listDel(entry: ListNode, site: Site): boolean {
    const next = entry.next;
    const prev = entry.prev;
    if (next instanceof Poison || prev instanceof Poison || next === null || prev === null) {
      const which = next instanceof Poison || next === null ? 'next' : 'prev';
      const value = which === 'next' ? next : prev;
      this.ctx.oops({
        ...this.warning(entry, 'list_del', `list_del corruption, ${entry.name}->${which} is ${nameOf(value)}`, site),
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
    if (problem !== null) this.ctx.report(this.warning(entry, 'list_del', problem, site));
    return true;
  }

  private warning(node: ListNode, op: string, problem: string, site: Site): Report {
    const kind = problem.split(/[,.]/)[0]!;
    return {
      kind: 'list-corruption',
      object: node.mem.type,
      site: `${site.fn}: ${kind} of ${node.mem.type} [${formatSite(site)}]`,
      title: problem,
      details: () => [
        `WARNING: in ${op} called from ${formatSite(site)} by ${this.ctx.where()}`,
        ...stackLines(this.ctx.stack()),
        `The entry belongs to ${node.mem.name}${node.mem.freed ? ' (already freed)' : ''}; as in 2.6.33, the operation goes on.`,
      ],
      fatal: false,
      corrupts: true,
    };
  }
}
