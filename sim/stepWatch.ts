import type { Site } from './site.js';

/**
 * Whoever needs to know, from outside the thread, which step is running (a watchdog that must name the actor
 * and the step when model code does not come back). The engine tells it before and after every run of an
 * actor's code; it must be cheap, and it must not change what runs (it only records).
 */
export interface StepWatch {
  /** An execution starts: its actors, by id. */
  execution(actorNames: readonly string[]): void;
  /** Step `step` (0-based) runs actor `actor`'s code from its pending operation (`after`, null before its first). */
  enter(step: number, actor: number, after: Site | null): void;
  /** The actor's code came back to the scheduler (it yielded, returned or threw). */
  leave(): void;
}

let watch: StepWatch | null = null;

/** Installs the watch of this thread (null: none, the default; library use and tests run without one). */
export function watchSteps(w: StepWatch | null): void {
  watch = w;
}

export function currentStepWatch(): StepWatch | null {
  return watch;
}
