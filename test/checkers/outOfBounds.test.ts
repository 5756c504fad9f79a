import test from 'ava';
import { char_buf } from '../../model/memory.js';
import { read_byte, strstrip } from '../../model/lib/string.js';
import { GFP_KERNEL, kfree, kmalloc_buf } from '../../model/slab.js';
import { ofKind, site } from '../helpers/checkerKit.js';
import { runKernel } from '../helpers/kernelHarness.js';

test('a byte read just past a kmalloc(4) buffer is slab-out-of-bounds', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'parser',
        body: function* (k) {
          const buf = yield* kmalloc_buf(k, 4, GFP_KERNEL, site('alloc_buf', 5));
          read_byte(k, { buf: buf!, off: 0 }, 4, site('parse', 9));
          yield* kfree(k, buf, site('free_buf'));
        },
      },
    ],
  });
  const oob = ofKind(r, 'out-of-bounds');
  t.is(oob.length, 1);
  t.like(oob[0], {
    title: 'BUG: KASAN: slab-out-of-bounds in parse',
    object: 'char[]',
    site: 'parse past the end of char[] [parse (test/checkers.c:9)]',
    actor: 'parser',
    step: 1,
  });
  t.deepEqual(oob[0]!.details, [
    'Read of size 1 at offset 4 of char[]#1 by task parser (step 2) in parse (test/checkers.c:9)',
    'Allocated by task parser at step 2:',
    ' kmalloc',
    ' kmalloc_buf',
    ' alloc_buf (test/checkers.c:5)',
    'The buggy address is located 0 byte(s) to the right of the 4-byte region of char[]#1',
  ]);
});

test('strstrip() on a buffer without a NUL runs off its end', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'parser',
        body: function* (k) {
          const buf = yield* kmalloc_buf(k, 3, GFP_KERNEL, site('alloc_buf'));
          buf!.bytes.set([49, 50, 51]);
          strstrip(k, { buf: buf!, off: 0 }, site('strip_it'));
          yield* kfree(k, buf, site('free_buf'));
        },
      },
    ],
  });
  const oob = ofKind(r, 'out-of-bounds');
  t.is(oob.length, 1, 'one report per allocation');
  t.regex(oob[0]!.details[0]!, /^(Read|Write) of size 1 at offset 3 of char\[\]#1/);
});

test('each allocation is reported once per run, as KASAN reports only the first bad access', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'parser',
        body: function* (k) {
          const a = yield* kmalloc_buf(k, 2, GFP_KERNEL, site('alloc_buf'));
          const b = yield* kmalloc_buf(k, 2, GFP_KERNEL, site('alloc_buf'));
          for (let i = 2; i < 5; i++) read_byte(k, { buf: a!, off: 0 }, i, site('parse', 9));
          read_byte(k, { buf: a!, off: 0 }, 6, site('parse', 10));
          read_byte(k, { buf: b!, off: 0 }, 2, site('parse', 11));
          yield* kfree(k, a, site('free_buf'));
          yield* kfree(k, b, site('free_buf'));
        },
      },
    ],
  });
  t.deepEqual(
    ofKind(r, 'out-of-bounds').map((f) => f.site),
    ['parse past the end of char[] [parse (test/checkers.c:9)]', 'parse past the end of char[] [parse (test/checkers.c:11)]'],
  );
});

test('reads inside the buffer, and reads of static buffers, are not out of bounds', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'parser',
        body: function* (k) {
          const buf = yield* kmalloc_buf(k, 4, GFP_KERNEL, site('alloc_buf'));
          for (let i = 0; i < 4; i++) read_byte(k, { buf: buf!, off: 0 }, i, site('parse'));
          const fixed = new char_buf(k.newAllocation('static_chars', 2, 'static', null), new Uint8Array(2));
          read_byte(k, { buf: fixed, off: 0 }, 7, site('parse_static'));
          yield* kfree(k, buf, site('free_buf'));
        },
      },
    ],
  });
  t.deepEqual(r.kinds, []);
});
