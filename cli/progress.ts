import type { Io } from './commands/explore.js';

/** Redraws at most this often: a terminal redrawn faster only flickers, and each redraw costs a write. */
export const REDRAW_MS = 150;

/** What a progress line counts, and how far the run goes: `exact` for explore and fuzz, `at most` for verify. */
export interface ProgressSpec {
  readonly command: string;
  /** The plural of what is counted: runs, executions, cases. */
  readonly unit: string;
  /** How many there will be (or at most, when `upper`); null when unknown. */
  readonly bound: number | null;
  readonly upper?: boolean;
}

/**
 * The one progress line of a long run on a terminal: executions so far, distinct bugs, rate, and what is left.
 * Drawn through `io.progress` (absent when stderr is not a terminal: then every method does nothing, so piped
 * and tested output never holds a progress line), no more often than every REDRAW_MS by `io.now()`.
 */
export class ProgressLine {
  private done = 0;
  private bound: number | null;
  private readonly bugs = new Set<string>();
  private readonly started: number;
  private lastDraw: number;
  private drawn = false;
  /** What the run is doing besides counting (fuzz: `shrinking`). */
  private phase = '';

  constructor(
    private readonly io: Io,
    private readonly spec: ProgressSpec,
  ) {
    this.bound = spec.bound;
    this.started = io.now();
    this.lastDraw = this.started;
  }

  /** `n` more done, with the keys (kind and site) of the bugs they found. */
  advance(n: number, bugKeys: Iterable<string> = []): void {
    if (this.io.progress === undefined) return;
    this.done += n;
    for (const k of bugKeys) this.bugs.add(k);
    this.redraw();
  }

  /** `n` of the bound will not happen after all (a scenario's search ended before its cap). */
  shrinkBound(n: number): void {
    if (this.bound !== null) this.bound -= n;
  }

  /** What the run is doing now instead of counting, shown after the counts (in place of the time left). */
  setPhase(phase: string): void {
    this.phase = phase;
  }

  /** Redraws if REDRAW_MS passed since the last time (also called by a timer while workers work). */
  redraw(): void {
    const progress = this.io.progress;
    if (progress === undefined) return;
    const now = this.io.now();
    if (now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    this.drawn = true;
    progress(this.line(now));
  }

  /** Wipes the line, before the final output is printed. */
  clear(): void {
    if (this.drawn) this.io.progress?.('');
    this.drawn = false;
  }

  private line(now: number): string {
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const { command, unit, upper } = this.spec;
    const most = upper === true ? '<=' : '';
    const parts = [
      this.bound !== null ? `${this.done} of ${most}${this.bound} ${unit}` : `${this.done} ${unit}`,
      `${this.bugs.size} distinct bug(s)`,
      `${Math.round(rate)}/s`,
    ];
    if (this.bound !== null && rate > 0 && this.phase === '') parts.push(`${most || '~'}${formatDuration(Math.max(0, this.bound - this.done) / rate)} left`);
    if (this.phase !== '') parts.push(this.phase);
    return `${command}: ${parts.join(', ')}`;
  }
}

/** `42 s`, `3 min 5 s`, `2 h 10 min`: what a person reads at a glance. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
