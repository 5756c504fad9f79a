import type { Actor } from './actor.js';

/**
 * Why an actor cannot take the next step, in words for reports: finished, interrupted, waiting to start, or
 * blocked on what its pending operation waits for. Null when it can run.
 */
export function whyNotRunnable(a: Actor): string | null {
  if (a.done) return 'has finished';
  const irq = a.interrupters.find((i) => i.started && !i.done);
  if (irq !== undefined) return `is interrupted by ${irq.name}`;
  if (!a.started) {
    const waiting = a.after.filter((d) => !d.done).map((d) => d.name);
    if (waiting.length > 0) return `has not started (it waits for ${waiting.join(', ')})`;
    if (a.host !== null && !a.host.done && !a.host.interruptible) return 'has not started (it waits for its CPU to take interrupts)';
    return null;
  }
  if (a.waitOn !== null && !a.waitOn.ready()) return `is blocked: ${a.waitOn.describe()}`;
  return null;
}
