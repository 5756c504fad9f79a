import type { Waitable } from '../../sim/actor.js';
import type { Cpu } from '../context.js';
import { rcuStateKey, type Kernel, type KGen } from '../kernel.js';
import type { Site } from '../site.js';

/**
 * RCU as a non-preemptible kernel has it: a read-side section is atomic (sleeping inside is a
 * bug), and synchronize_rcu() returns once every CPU that was inside a section when it started has left it.
 */
export function* rcu_read_lock(k: Kernel, site: Site): KGen {
  yield k.op('rcu_read_lock', null, site);
  k.touch(rcuStateKey(k.host.current.id), true);
  k.cpu.rcu_read_depth++;
}

export function* rcu_read_unlock(k: Kernel, site: Site): KGen {
  yield k.op('rcu_read_unlock', null, site);
  k.touch(rcuStateKey(k.host.current.id), true);
  const cpu = k.cpu;
  cpu.rcu_read_depth--;
  if (cpu.rcu_read_depth === 0) cpu.rcu_epoch++;
}

class GracePeriod implements Waitable {
  readonly deps: readonly number[];

  constructor(private readonly readers: readonly { cpu: Cpu; epoch: number }[]) {
    this.deps = readers.map((r) => rcuStateKey(r.cpu.actor.id));
  }

  ready(): boolean {
    return this.readers.every((r) => r.cpu.rcu_epoch !== r.epoch || r.cpu.rcu_read_depth === 0);
  }

  describe(): string {
    const waiting = this.readers.filter((r) => r.cpu.rcu_epoch === r.epoch && r.cpu.rcu_read_depth > 0);
    return `synchronize_rcu() waits for the read-side sections of ${waiting.map((r) => r.cpu.name).join(', ')}`;
  }
}

/** Process context only: may sleep. */
export function* synchronize_rcu(k: Kernel, site: Site): KGen {
  k.might_sleep(site, 'synchronize_rcu');
  const me = k.cpu;
  const cpus = k.host.actors.map((a) => a.local as Cpu);
  for (const c of cpus) if (c !== me) k.touch(rcuStateKey(c.actor.id), false);
  const readers = cpus.filter((c) => c !== me && c.rcu_read_depth > 0).map((cpu) => ({ cpu, epoch: cpu.rcu_epoch }));
  // It sleeps until a grace period has passed, even when no reader is in a section right now.
  k.may_schedule();
  yield k.op('synchronize_rcu', null, site, readers.length > 0 ? new GracePeriod(readers) : null);
}
