import test from 'ava';
import { char_buf } from '../../model/memory.js';
import { read_byte, strstrip, write_byte } from '../../model/lib/string.js';
import { GFP_KERNEL, kfree, kmalloc_buf, kzalloc_buf } from '../../model/slab.js';
import { char_array_on_stack, stack_frame_return } from '../../model/stackFrame.js';
import { ofKind, site } from '../helpers/checkerKit.js';
import { pause } from '../helpers/modelFixtures.js';
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
          const buf = yield* kzalloc_buf(k, 4, GFP_KERNEL, site('alloc_buf'));
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

test('a byte access past a local array of a stack frame is stack-out-of-bounds, described by its frame', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'parser',
        body: function* (k) {
          const local = char_array_on_stack(k, 'local_buffer', 8, site('frame_fn', 3));
          for (let i = 0; i < 8; i++) write_byte(k, { buf: local, off: 0 }, i, 0, site('frame_fn', 4));
          read_byte(k, { buf: local, off: 0 }, 8, site('parse', 9));
          read_byte(k, { buf: local, off: 0 }, 9, site('parse', 10));
          stack_frame_return(k, local, site('frame_fn', 12));
          yield* pause(k);
        },
      },
    ],
  });
  const oob = ofKind(r, 'out-of-bounds');
  t.is(oob.length, 1, 'once per frame');
  t.like(oob[0], {
    title: 'BUG: KASAN: stack-out-of-bounds in parse',
    object: 'char[]',
    site: 'parse past the end of local_buffer of frame_fn [parse (test/checkers.c:9)]',
  });
  t.deepEqual(oob[0]!.details, [
    'Read of size 1 at offset 8 of char[]#1 by task parser (step 1) in parse (test/checkers.c:9)',
    'The buggy address belongs to stack of task parser',
    ' and is located at offset 8 in frame:',
    ' frame_fn (test/checkers.c:3)',
    'This frame has 1 object:',
    " [0, 8) 'local_buffer'",
  ]);
  t.deepEqual(r.kinds, ['out-of-bounds']);
});
