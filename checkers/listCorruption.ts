import type { CheckContext, Checker, ListNode } from '../model/probes.js';
import { Poison } from '../model/probes.js';
import { formatSite, stackLines, type Site } from './describe.js';

const nameOf = (p: ListNode | Poison | null): string => (p === null ? 'NULL' : p instanceof Poison ? `${p.name} (${p.address})` : p.name);

/**
 * CONFIG_DEBUG_LIST (lib/list_debug.c, as of the kernels that refuse the operation): list_add checks that prev
 * and next still point at each other and that the entry is not added twice; list_del checks that the entry was
 * not already deleted (poisoned) and that its neighbours point back at it. A corrupt operation is reported and
 * not performed.
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
    if (problem === null) return true;
    this.report(node, 'list_add', problem, site);
    return false;
  }

  listDel(entry: ListNode, site: Site): boolean {
    const next = entry.next;
    const prev = entry.prev;
    let problem: string | null = null;
    if (next instanceof Poison) problem = `list_del corruption, ${entry.name}->next is ${nameOf(next)}`;
    else if (prev instanceof Poison) problem = `list_del corruption, ${entry.name}->prev is ${nameOf(prev)}`;
    else if (next === null || prev === null) problem = `list_del corruption, ${entry.name}->${next === null ? 'next' : 'prev'} is NULL`;
    else if (prev.next !== entry) problem = `list_del corruption. prev->next should be ${entry.name}, but was ${nameOf(prev.next)}. (prev=${prev.name})`;
    else if (next.prev !== entry) problem = `list_del corruption. next->prev should be ${entry.name}, but was ${nameOf(next.prev)}. (next=${next.name})`;
    if (problem === null) return true;
    this.report(entry, 'list_del', problem, site);
    return false;
  }

  private report(node: ListNode, op: string, problem: string, site: Site): void {
    const kind = problem.split(/[,.]/)[0]!;
    this.ctx.report({
      kind: 'list-corruption',
      object: node.mem.type,
      site: `${site.fn}: ${kind} of ${node.mem.type} [${formatSite(site)}]`,
      title: problem,
      details: () => [
        `WARNING: in ${op} called from ${formatSite(site)} by ${this.ctx.where()}`,
        ...stackLines(this.ctx.stack()),
        `The entry belongs to ${node.mem.name}${node.mem.freed ? ' (already freed)' : ''}; the operation is refused, as CONFIG_DEBUG_LIST does.`,
      ],
      fatal: false,
      corrupts: true,
    });
  }
}
