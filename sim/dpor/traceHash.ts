import type { CausalOrder } from './causal.js';

/**
 * A name for the Mazurkiewicz trace of an execution: two executions that differ only in the order of
 * independent steps get the same name, two that order some dependent pair differently get different ones. A
 * trace is its steps with their causal pasts, and a step's vector clock is exactly its causal past, so the name
 * is a hash of every step's (actor, clock), taken actor by actor in program order: 64 bits, as hex.
 */
export function traceHash(order: CausalOrder, actors: number): string {
  const byActor: number[][] = Array.from({ length: actors }, () => []);
  for (let i = 0; i < order.length; i++) byActor[order.steps[i]!.actor]!.push(i);
  // Two 32-bit FNV-1a streams with different seeds: 64 bits without BigInt arithmetic on the hot path.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x9e3779b9;
  const mix = (x: number): void => {
    for (let k = 0; k < 4; k++) {
      const byte = (x >>> (8 * k)) & 0xff;
      h1 = Math.imul(h1 ^ byte, 0x01000193);
      h2 = Math.imul(h2 ^ byte, 0x01000193);
    }
    h2 = Math.imul(h2 ^ (h1 >>> 15), 0x85ebca6b);
  };
  for (let a = 0; a < actors; a++) {
    mix(0x7fffffff);
    mix(a);
    for (const i of byActor[a]!) for (const c of order.clock(i)) mix(c);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
