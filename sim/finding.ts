/**
 * A bug found during an execution. The engine does not interpret findings; checkers build them and the engine
 * stamps where they happened. Two findings with the same kind and site are the same bug for deduplication.
 */
export interface Finding {
  /** Kind of bug, in the model's vocabulary (`use-after-free`, `deadlock`, ...). */
  readonly kind: string;
  /** Type of the object involved (`eventfd_ctx`, a lock class, ...). */
  readonly object: string;
  /** The code site(s) involved: with `kind`, the deduplication key. */
  readonly site: string;
  /** First line of the report, as the kernel's own tool would print it. */
  readonly title: string;
  /** The report's body. */
  readonly details: readonly string[];
  /** A fatal finding (an oops, a deadlock) ends the execution. */
  readonly fatal: boolean;
  /**
   * The run goes on from a state a kernel without the bug would not be in (memory used after free, a list
   * operation refused): later findings of the same run may be its consequences.
   */
  readonly corrupts: boolean;
  /**
   * Names of the memory blocks the report is about (the freed block, the leaked objects, the cgroup and eventfd of
   * a lost notification), so a view can show the steps that changed them. The engine does not read it.
   */
  readonly involves?: readonly string[];
  /** Other executions the finding also rests on (a lock order seen in an earlier run of the same exploration). */
  readonly priorRuns?: readonly PriorRun[];
  /** Stamped by the engine: the 0-based step during which the finding was made, and the actor running it. */
  step: number;
  actor: string;
}

/** An earlier execution whose observations a finding depends on, with what it contributed. */
export interface PriorRun {
  readonly run: number;
  readonly schedule: string;
  readonly what: string;
}

export function findingKey(f: Pick<Finding, 'kind' | 'site'>): string {
  return `${f.kind} | ${f.site}`;
}

/**
 * Thrown by a checker (through the model) for a fatal finding; the engine catches it and ends the execution.
 * Not an Error: it is always caught, and capturing a stack for every oops of an exploration would cost.
 */
export class FatalFinding {
  readonly name = 'FatalFinding';
  constructor(readonly finding: Finding) {}

  get message(): string {
    return this.finding.title;
  }
}
