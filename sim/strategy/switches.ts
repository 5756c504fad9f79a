import type { Strategy } from './strategy.js';

/** One context switch a schedule asks for: after `after` more steps, the CPU goes to actor `to`. */
export interface Switch {
  readonly after: number;
  readonly to: number;
}

/**
 * A schedule as a list of context switches, the shape a property-based test generates and shrinks: fewer
 * switches, earlier switches and lower actor ids are all "smaller", and every list is a valid schedule.
 *
 * Between switches nothing preempts: the actor that ran last keeps the CPU while it can run, and when it
 * blocks or ends the lowest-numbered runnable actor goes next. A switch happens once the actor on the CPU has
 * taken `after` more steps with a choice (more than one actor runnable) after the step it got the CPU with, so
 * that steps where only one actor can run (a sequential setup) do not use a schedule up; it goes to `to` if that
 * actor can run, else to the next one that can, in id order, wrapping around. Once the list is used up, the run goes on without
 * preemption.
 */
export class SwitchStrategy implements Strategy {
  readonly name = 'switches';
  private next = 0;
  private sinceSwitch = 0;
  private last = -1;

  constructor(private readonly switches: readonly Switch[]) {}

  pick(runnable: ArrayLike<number>, count: number): number {
    let chosen = -1;
    if (count === 1) {
      if (runnable[0] !== this.last) this.sinceSwitch = 0;
      this.last = runnable[0]!;
      return this.last;
    }
    const due = this.next < this.switches.length && this.sinceSwitch >= this.switches[this.next]!.after;
    if (due) {
      const to = this.switches[this.next++]!.to;
      chosen = runnable[0]!;
      for (let i = 0; i < count; i++) {
        if (runnable[i]! >= to) {
          chosen = runnable[i]!;
          break;
        }
      }
    } else {
      for (let i = 0; i < count; i++) if (runnable[i] === this.last) chosen = this.last;
      if (chosen < 0) chosen = runnable[0]!;
    }
    this.sinceSwitch = due || chosen !== this.last ? 0 : this.sinceSwitch + 1;
    this.last = chosen;
    return chosen;
  }
}
