/**
 * A C error met while a run executes interpreted code (a member the model's object lacks, a cast to the wrong
 * struct): the C's fault, not cgsim's, so it is named where the user wrote it, the patch file and its line, with
 * the line's number in the file as the series leaves it. The held text of each variant built from patches is kept
 * here by its ref, which a worker thread resolves too, so the crash path finds it in either thread.
 */
import { CFrontError } from './cfrontError.js';
import type { HeldText } from './heldText.js';

const heldByRef = new Map<string, ReadonlyMap<string, HeldText>>();

export function registerHeldText(ref: string, held: ReadonlyMap<string, HeldText>): void {
  heldByRef.set(ref, held);
}

/** `PATCH:LINE` of the C an error is at (the patch that showed the line), or null when `e` is no C error. */
export function patchLineOf(ref: string, e: unknown): string | null {
  if (!(e instanceof CFrontError)) return null;
  const origin = heldByRef.get(ref)?.get(e.file)?.line(e.line)?.origin;
  return origin === undefined ? `${e.file}:${e.line}` : `${origin.source}:${origin.patchLine}`;
}
