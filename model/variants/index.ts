import type { Variant } from '../variant.js';
import { v4 } from './v4/index.js';

/** Every shipped variant, oldest first. */
export const variants: readonly Variant[] = [v4];

export function findVariant(name: string): Variant | undefined {
  return variants.find((v) => v.name === name);
}
