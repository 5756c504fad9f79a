import test from 'ava';
import type { Kernel } from '../../../model/kernel.js';
import { memparse, read_byte, simple_strtoull, strcmp, strstrip } from '../../../model/lib/string.js';
import { GFP_KERNEL, kfree, kzalloc_buf } from '../../../model/slab.js';
import { cstr, cstring, pause, runOne, T } from '../../helpers/modelFixtures.js';

/** Runs `f` inside an actor (the parsers touch checked memory) and returns what it returned. */
function inKernel<R>(f: (k: Kernel) => R): R {
  let out: { r: R } | null = null;
  runOne(function* (k) {
    out = { r: f(k) };
    yield* pause(k);
  });
  return out!.r;
}

/** `value@end` for each input: the parsed value and the offset where parsing stopped. */
function strtoull(inputs: string[], base: number): string[] {
  return inKernel((k) =>
    inputs.map((s) => {
      const { value, endp } = simple_strtoull(k, cstr(k, s), base, T);
      return `${value}@${endp.off}`;
    }),
  );
}

test('simple_strtoull in base 10 reads decimal digits and stops at the first other character', (t) => {
  t.deepEqual(strtoull(['4096', '123abc', '12 34', '', 'x1', '0x10'], 10), ['4096@4', '123@3', '12@2', '0@0', '0@0', '0@1']);
});

test('simple_strtoull in base 0 takes 0x as hex, a leading 0 as octal, anything else as decimal', (t) => {
  t.deepEqual(strtoull(['0x1F', '0X1f', '017', '42', '0', '09', '0xg'], 0), ['31@4', '31@4', '15@3', '42@2', '0@1', '0@1', '0@1']);
});

test('simple_strtoull in base 16 skips an optional 0x', (t) => {
  t.deepEqual(strtoull(['0x10', 'ff', 'fg'], 16), ['16@4', '255@2', '15@1']);
});

test('simple_strtoull wraps modulo 2^64 instead of checking for overflow', (t) => {
  t.deepEqual(strtoull(['18446744073709551615', '18446744073709551616', '18446744073709551617'], 10), [
    '18446744073709551615@20',
    '0@20',
    '1@20',
  ]);
});

test('strstrip cuts trailing whitespace with a NUL and returns a pointer past the leading whitespace', (t) => {
  const out = inKernel((k) =>
    ['  12 34 \n', 'abc', '', '   ', '\tx\t'].map((s) => {
      const p = strstrip(k, cstr(k, s), T);
      return `${p.off}:${JSON.stringify(cstring(p))}`;
    }),
  );
  t.deepEqual(out, ['2:"12 34"', '0:"abc"', '0:""', '0:""', '1:"x"']);
});

test('memparse reads a number with an optional K, M or G suffix, in either case', (t) => {
  const out = inKernel((k) =>
    ['4096', '4k', '4K', '1m', '2G', '0x10k', '4kb', '7x'].map((s) => {
      const { value, endp } = memparse(k, cstr(k, s), T);
      return `${value}@${endp.off}`;
    }),
  );
  t.deepEqual(out, ['4096@4', '4096@2', '4096@2', '1048576@2', '2147483648@2', '16384@5', '4096@2', '7@1']);
});

test('read_byte past the end of a slab buffer is reported as out-of-bounds and reads as NUL', (t) => {
  const seen: number[] = [];
  const { outcome, kinds } = runOne(function* (k) {
    const buf = (yield* kzalloc_buf(k, 2, GFP_KERNEL, T))!;
    buf.bytes.set([65, 66]);
    seen.push(read_byte(k, { buf, off: 0 }, 1, T), read_byte(k, { buf, off: 1 }, 1, T));
    yield* kfree(k, buf, T);
  });
  t.deepEqual(seen, [66, 0]);
  t.deepEqual(kinds, ['out-of-bounds']);
  t.is(outcome.findings[0]!.title, 'BUG: KASAN: slab-out-of-bounds in test_body');
});

test('strcmp against a constant: the sign of the first difference, 0 when equal', (t) => {
  t.deepEqual(
    inKernel((k) => ['-1', '-2', '-', '-10', '', 'a'].map((s) => strcmp(k, cstr(k, s), '-1'))),
    [0, 1, -1, 1, -1, 1],
  );
});
