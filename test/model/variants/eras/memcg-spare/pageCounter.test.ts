import test from 'ava';
import { page_counter_memparse } from '../../../../../model/variants/eras/memcg-spare/pageCounter.js';
import { GFP_KERNEL, kfree, kmalloc_buf } from '../../../../../model/slab.js';
import { cstr, pause, runOne, T } from '../../../../helpers/modelFixtures.js';

test('page_counter_memparse: "-1" is no limit; whole-string memparse, rounded down to pages (in bytes here)', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    for (const s of ['4096', '4k', '1', '4097', '8191', '-1', '-2', '-1x', '12abc', '4k ', '18446744073709551615']) {
      const { ret, value } = page_counter_memparse(k, cstr(k, s), '-1');
      seen.push(`${s}=${ret === 0 ? value : ret}`);
    }
    yield* pause(k);
  });
  // No limit: LONG_MAX / PAGE_SIZE pages; 2^64 - 1 bytes is more than that, so it is clamped to it.
  const max = (((1n << 63n) - 1n) / 4096n) * 4096n;
  t.deepEqual(seen, ['4096=4096', '4k=4096', '1=0', '4097=4096', '8191=4096', `-1=${max}`, '-2=-22', '-1x=-22', '12abc=-22', '4k =-22', `18446744073709551615=${max}`]);
});

test('page_counter_memparse of a pointer past a slab string: KASAN names strcmp, its first reader, once', (t) => {
  const { outcome } = runOne(function* (k) {
    const buf = (yield* kmalloc_buf(k, 1, GFP_KERNEL, T))!;
    page_counter_memparse(k, { buf, off: 1 }, '-1');
    yield* kfree(k, buf, T);
  });
  t.deepEqual(
    outcome.findings.map((f) => f.title),
    ['BUG: KASAN: slab-out-of-bounds in strcmp'],
  );
});
