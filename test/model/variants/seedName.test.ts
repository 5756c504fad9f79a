import test from 'ava';
import { SEED_VARIANT } from '../../../model/variants/index.js';
import { SEED_VARIANT_NAME } from '../../../model/variants/seedName.js';

test('the light name of the seed variant is the seed variant\'s name', (t) => {
  t.is(SEED_VARIANT_NAME, SEED_VARIANT);
});
