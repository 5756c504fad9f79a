import type { ErrPtr } from '../model/memory.js';
import type { CheckContext, Checker, Poison } from '../model/probes.js';
import { formatSite, stackLines, type Site } from './describe.js';

/**
 * A dereference of a pointer no kernel mapping backs: NULL, an ERR_PTR value, or list poison. Each is an oops,
 * so the CPU stops there and the execution ends.
 */
export class NullDerefChecker implements Checker {
  readonly name = 'null-deref';
  private ctx!: CheckContext;

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
  }

  badPointer(p: null | ErrPtr | Poison, site: Site, what: string): void {
    const title =
      p === null
        ? 'BUG: kernel NULL pointer dereference, address: 0000000000000000'
        : 'err' in p
          ? `BUG: unable to handle page fault for address: ${(2n ** 64n + BigInt(p.err)).toString(16)} (${p.name})`
          : `general protection fault, probably for non-canonical address 0x${p.address} (${p.name})`;
    const value = p === null ? 'NULL' : p.name;
    this.ctx.oops({
      kind: 'null-deref',
      object: what || 'pointer',
      site: `${site.fn} dereferences ${p === null ? 'NULL' : 'err' in p ? 'an ERR_PTR' : 'list poison'} [${formatSite(site)}]`,
      title,
      details: () => [
        `${this.ctx.where()} dereferences ${what || 'a pointer'} = ${value} in ${formatSite(site)}`,
        ...stackLines(this.ctx.stack()),
        'Oops: the CPU stops here; the execution ends.',
      ],
      fatal: true,
      corrupts: false,
    });
  }
}
