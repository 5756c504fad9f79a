/**
 * What a name that is no variable stands for: a function (the patch's, interpreted, or the variant's slot, which
 * the core calls through k.v, so a reference to cgroup_event_wake is `k.v.cgroup_event_wake` as in the hand
 * model), or a kernel constant the binding table knows.
 */
import { KERNEL_CONSTANTS } from '../bindings/constants.js';
import type { Frame, Scope } from './frame.js';

export function referenceOf(s: Scope, name: string): ((f: Frame) => unknown) | null {
  const { program } = s;
  if (program.slots.has(name)) return (f) => (f.k.v as unknown as Record<string, unknown>)[name];
  if (program.declared.has(name)) {
    program.want(name);
    return () => program.functions.get(name);
  }
  return null;
}

export function constantValue(name: string): unknown {
  return Object.hasOwn(KERNEL_CONSTANTS, name) ? KERNEL_CONSTANTS[name] : undefined;
}
