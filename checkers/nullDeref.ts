import type { ErrPtr } from '../model/memory.js';
import type { CheckContext, Checker, Poison } from '../model/probes.js';
import { formatSite, stackLines, type Site } from './describe.js';

const hex16 = (n: bigint): string => BigInt.asUintN(64, n).toString(16).padStart(16, '0');

/**
 * A dereference of a pointer no kernel mapping backs: NULL, an ERR_PTR value, or list poison. Each is an oops,
 * so the CPU stops there and the execution ends. The faulting address is the pointer plus the offset of the field
 * the code reaches through it, as the running kernel lays its structs out (its facts), and the first line is the
 * one that kernel prints.
 */
export class NullDerefChecker implements Checker {
  readonly name = 'null-deref';
  private ctx!: CheckContext;

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
  }

  badPointer(p: null | ErrPtr | Poison, site: Site, what: string, field: string): void {
    const facts = this.ctx.facts;
    const offset = field === '' ? undefined : facts.offsets[what]?.[field];
    const through = field === '' ? '' : `->${field}`;
    const base = p === null ? 0n : 'err' in p ? BigInt(p.err) : BigInt(`0x${p.address}`);
    const addr = hex16(base + BigInt(offset ?? 0));
    const title =
      p === null ? facts.null_deref_title.replace('{addr}', addr) : 'err' in p ? facts.bad_address_title.replace('{addr}', addr) : facts.gpf_title.replace('{addr}', addr);
    const value = p === null ? 'NULL' : p.name;
    this.ctx.oops({
      kind: 'null-deref',
      object: what || 'pointer',
      site: `${site.fn} dereferences ${p === null ? 'NULL' : 'err' in p ? 'an ERR_PTR' : 'list poison'} [${formatSite(site)}]`,
      title,
      details: () => [
        `${this.ctx.where()} dereferences ${what || 'a pointer'} = ${value}${through} in ${formatSite(site)}`,
        ...(field !== '' && offset === undefined ? [`(offsetof(struct ${what}, ${field}) is not among the facts of this kernel: the address shown is the pointer's)`] : []),
        ...stackLines(this.ctx.stack()),
        'Oops: the CPU stops here; the execution ends.',
      ],
      fatal: true,
      corrupts: false,
    });
  }
}
