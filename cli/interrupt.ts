import { Checkpoint } from '../harness/checkpoint.js';
import type { Io } from './commands/explore.js';

/** The signals that ask a long run to stop and report what it found so far. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** What a shell shows for a process a signal ended: 128 + the signal's number. */
const SIGNAL_STATUS: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

/** The checkpoint of a run driven by this Io: stops when a signal asked (never, when the Io has no signals). */
export function checkpointOf(io: Io): Checkpoint {
  return new Checkpoint(io.now, () => (io.stopSignal?.() ?? null) !== null);
}

/** An interrupted run exits 1 when it found a bug (that matters more than the interruption), else as the signal would. */
export function interruptedStatus(signal: StopSignal, bugs: number): number {
  return bugs > 0 ? 1 : SIGNAL_STATUS[signal];
}

/**
 * The line an interrupted run ends with, so that nobody takes it for a finished one: after how much work it
 * stopped, and which scenarios it did not finish (those it did not start, and the one it was in).
 */
export function interruptedLine(signal: StopSignal, executions: number, unit: string, unfinished: readonly string[]): string {
  const which = unfinished.length === 0 ? '' : `; ${unfinished.length} scenario(s) not finished: ${unfinished.join(', ')}`;
  return `interrupted (${signal}) after ${executions} ${unit}: the results are incomplete${which}`;
}
