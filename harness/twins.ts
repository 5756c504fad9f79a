import type { Variant } from '../model/variant.js';

// A user-written variant module is imported twice (loadVariant.ts): the instance the search runs, and a twin that
// runs nothing but the replays of witnesses (witnessCheck.ts). A shipped variant has no twin: it is the project's
// own code, held deterministic by the lint and the tests.
const twins = new WeakMap<Variant, Variant>();

export function rememberTwin(variant: Variant, twin: Variant): void {
  twins.set(variant, twin);
}

/** The instance that replays witnesses: the module's fresh twin, or the variant itself. */
export function replayInstance(variant: Variant): Variant {
  return twins.get(variant) ?? variant;
}
