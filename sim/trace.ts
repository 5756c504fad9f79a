import type { Site } from './site.js';

/** One step of a traced execution: who ran, which operation, on what, and the source line it mirrors. */
export interface TraceStep {
  readonly step: number;
  readonly actor: number;
  readonly op: string;
  readonly obj: string;
  readonly site: Site | null;
  /** Where the model's code for the step is (a file:line of the model), when the model tells. */
  readonly where: string | null;
  /** Indices into the outcome's findings made during this step. */
  readonly findings: number[];
}

/** Names an operation's object for the trace: strings as they are, objects by their `name`. */
export function describeObject(o: unknown): string {
  if (o === null || o === undefined) return '';
  if (typeof o === 'string') return o;
  if (typeof o === 'object' && 'name' in o && typeof (o as { name: unknown }).name === 'string') {
    return (o as { name: string }).name;
  }
  return String(o);
}
