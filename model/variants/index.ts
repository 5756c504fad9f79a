import type { Variant } from '../variant.js';
import { v2_6_34 } from './v2_6_34/index.js';
import { v3_8 } from './v3_8/index.js';
import { v3_11 } from './v3_11/index.js';
import { v3_12 } from './v3_12/index.js';
import { v6_10 } from './v6_10/index.js';
import { v4 } from './v4/index.js';

/** The seed patch: the variant every command explores when told none. */
export const SEED_VARIANT = v4.name;

/** Every shipped variant, oldest first. */
export const variants: readonly Variant[] = [v4, v2_6_34, v3_8, v3_11, v3_12, v6_10];

export function findVariant(name: string): Variant | undefined {
  return variants.find((v) => v.name === name);
}
