import { actorLetter } from './actor.js';

/**
 * Schedule strings.
 *
 * A schedule is the actor chosen at every step of an execution, forced steps included, so that replay can check
 * each step against the scenario instead of trusting it. Format, version 1:
 *
 *     s1:<run>[<run>...]      run = <letter>[<count>]
 *
 * `letter` is the actor (a..z for actors 0..25, A..Z for 26..51, in the scenario's actor order, which
 * `cgsim replay` prints), `count` how many consecutive steps it takes (omitted when 1). Example: `s1:a14cb3d`
 * is 14 steps of actor a, then one of c, three of b and one of d. Only letters, digits and one colon: it survives
 * shells, mail and Markdown without quoting.
 */
export const SCHEDULE_PREFIX = 's1:';

export class ScheduleSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleSyntaxError';
  }
}

export function encodeSchedule(steps: ArrayLike<number>, length = steps.length): string {
  let out = SCHEDULE_PREFIX;
  let i = 0;
  while (i < length) {
    const id = steps[i]!;
    let j = i + 1;
    while (j < length && steps[j] === id) j++;
    out += actorLetter(id);
    if (j - i > 1) out += String(j - i);
    i = j;
  }
  return out;
}

function letterId(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 65 && c <= 90) return c - 65 + 26;
  return -1;
}

/** Parses a schedule string; throws ScheduleSyntaxError naming the offending position. */
export function decodeSchedule(text: string): number[] {
  const s = text.trim();
  const colon = s.indexOf(':');
  if (colon < 0) throw new ScheduleSyntaxError(`malformed schedule '${s}': expected '${SCHEDULE_PREFIX}' followed by steps`);
  const version = s.slice(0, colon + 1);
  if (version !== SCHEDULE_PREFIX) {
    throw new ScheduleSyntaxError(`unsupported schedule version '${version}' (this cgsim reads '${SCHEDULE_PREFIX}')`);
  }
  const steps: number[] = [];
  let i = colon + 1;
  if (i === s.length) throw new ScheduleSyntaxError('malformed schedule: it has no steps');
  while (i < s.length) {
    const id = letterId(s[i]!);
    if (id < 0) throw new ScheduleSyntaxError(`malformed schedule: unexpected '${s[i]}' at position ${i + 1}, expected an actor letter`);
    i++;
    let j = i;
    while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    const count = j > i ? Number(s.slice(i, j)) : 1;
    if (count < 1 || !Number.isSafeInteger(count) || (j > i && s[i] === '0')) {
      throw new ScheduleSyntaxError(`malformed schedule: bad step count '${s.slice(i, j)}' at position ${i + 1}`);
    }
    if (steps.length + count > 10_000_000) throw new ScheduleSyntaxError('malformed schedule: more than 10,000,000 steps');
    for (let k = 0; k < count; k++) steps.push(id);
    i = j;
  }
  return steps;
}

/** Number of context switches: steps whose actor differs from the previous step's. */
export function contextSwitches(steps: ArrayLike<number>, length = steps.length): number {
  let n = 0;
  for (let i = 1; i < length; i++) if (steps[i] !== steps[i - 1]) n++;
  return n;
}
