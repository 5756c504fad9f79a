/**
 * A kernel function bound by name to the model's, and how the C call's arguments become the model function's:
 * the kernel first, the C arguments adapted, the statement's site last where the model takes one, and what the
 * model reads from elsewhere (the current task's files for fget, its uid for file_permission).
 */
import type { Kernel, KGen } from '../../model/kernel.js';
import type { Site } from '../../model/site.js';
import type { Expr, Scope } from '../interp/frame.js';
import type { Node } from '../parse.js';

export interface Binding {
  /** The C parameters, for the arity check and the docs. */
  readonly params: readonly string[];
  /** How many of the params a call may give at least, when the later ones may be left out (eventfd_signal). */
  readonly minParams?: number;
  /** Static information the call needs from its arguments (kzalloc: the struct sizeof measured). */
  prepare?(s: Scope, call: Node, args: readonly Expr[]): unknown;
  call(k: Kernel, site: Site, args: unknown[], prepared: unknown): KGen<unknown>;
}

/** A model generator `fn(k, ...cArgs, site)`. */
export function withSite(params: readonly string[], fn: (k: Kernel, ...rest: never[]) => KGen<unknown>): Binding {
  return {
    params,
    *call(k, site, args) {
      return yield* (fn as (k: Kernel, ...rest: unknown[]) => KGen<unknown>)(k, ...args, site);
    },
  };
}

/** A model function that does not schedule, `fn(...cArgs)`. */
export function plain(params: readonly string[], fn: (...args: never[]) => unknown): Binding {
  return {
    params,
    *call(_k, _site, args) {
      return (fn as (...a: unknown[]) => unknown)(...args);
    },
  };
}
