import test from 'ava';
import type { Kernel } from '../../model/kernel.js';
import { load_byte, memcpy, read_byte, strstrip, write_byte } from '../../model/lib/string.js';
import { copy_from_user } from '../../model/lib/uaccess.js';
import type { char_buf } from '../../model/memory.js';
import { GFP_KERNEL, kfree, kmalloc_buf, kzalloc_buf } from '../../model/slab.js';
import { char_array_on_stack, stack_frame_return } from '../../model/stackFrame.js';
import { ofKind, site } from '../helpers/checkerKit.js';
import { pause, runOne } from '../helpers/modelFixtures.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const at0 = (buf: char_buf) => ({ buf, off: 0 });

function* heap(k: Kernel, size: number, fn = 'alloc_buf'): Generator<void, char_buf, void> {
  return (yield* kmalloc_buf(k, size, GFP_KERNEL, site(fn, 5)))!;
}

test('a branch on a byte of a kmalloc buffer that nothing wrote is uninit-value, once, with where it was created', (t) => {
  const seen: number[] = [];
  const r = runOne(function* (k) {
    const buf = yield* heap(k, 4);
    copy_from_user(k, at0(buf), bytes('ab'), site('fill', 7));
    for (let i = 0; i < 4; i++) seen.push(read_byte(k, at0(buf), i, site('parse', 9)));
    yield* kfree(k, buf, site('free_buf'));
  });
  // Written bytes read as written; the unwritten ones read as NUL (the model's choice), reported once.
  t.deepEqual(seen, [97, 98, 0, 0]);
  const uninit = ofKind(r, 'uninit-value');
  t.is(uninit.length, 1);
  t.like(uninit[0], {
    title: 'BUG: KMSAN: uninit-value in parse',
    object: 'char[]',
    site: 'parse uses uninitialised char[] allocated at alloc_buf (test/checkers.c:5) [parse (test/checkers.c:9)]',
    fatal: false,
    involves: ['char[]#1'],
  });
  t.deepEqual(uninit[0]!.details, [
    'Use of uninitialised byte 2 of char[]#1 by task cpu0 (step 2) in parse (test/checkers.c:9)',
    '',
    'Uninit was created at:',
    ' kmalloc',
    ' kmalloc_buf',
    ' alloc_buf (test/checkers.c:5)',
  ]);
  t.deepEqual(r.kinds, ['uninit-value']);
});

test("a stack frame's bytes are uninitialised until written: KMSAN names the local variable and its function", (t) => {
  const r = runOne(function* (k) {
    const local = char_array_on_stack(k, 'local_buffer', 8, site('frame_fn', 3));
    write_byte(k, at0(local), 0, 49, site('frame_fn', 4));
    read_byte(k, at0(local), 0, site('parse', 9));
    read_byte(k, at0(local), 1, site('parse', 10));
    read_byte(k, at0(local), 2, site('parse', 11));
    stack_frame_return(k, local, site('frame_fn', 12));
    yield* pause(k);
  });
  const uninit = ofKind(r, 'uninit-value');
  t.is(uninit.length, 1, 'once per frame');
  t.is(uninit[0]!.site, 'parse uses uninitialised local_buffer of frame_fn [parse (test/checkers.c:10)]');
  t.deepEqual(uninit[0]!.details, [
    'Use of uninitialised byte 1 of char[]#1 by task cpu0 (step 1) in parse (test/checkers.c:10)',
    '',
    'Local variable local_buffer created at:',
    ' frame_fn (test/checkers.c:3)',
  ]);
});

test('a copy of the user bytes initialises exactly the bytes it writes; the NUL after them too', (t) => {
  const r = runOne(function* (k) {
    const local = char_array_on_stack(k, 'local_buffer', 16, site('frame_fn'));
    copy_from_user(k, at0(local), bytes(' 12 '), site('frame_fn'));
    write_byte(k, at0(local), 4, 0, site('frame_fn'));
    strstrip(k, at0(local), site('strip'));
    stack_frame_return(k, local, site('frame_fn'));
    const buf = yield* heap(k, 3);
    copy_from_user(k, at0(buf), bytes('xyz'), site('fill'));
    for (let i = 0; i < 3; i++) read_byte(k, at0(buf), i, site('parse'));
    yield* kfree(k, buf, site('free_buf'));
  });
  t.deepEqual(r.kinds, []);
});

test("kzalloc'd bytes are initialised (zero), kmalloc'd ones are not", (t) => {
  const r = runOne(function* (k) {
    const zeroed = (yield* kzalloc_buf(k, 4, GFP_KERNEL, site('zalloc_buf')))!;
    for (let i = 0; i < 4; i++) read_byte(k, at0(zeroed), i, site('parse_zeroed'));
    const raw = yield* heap(k, 4);
    read_byte(k, at0(raw), 3, site('parse_raw'));
    yield* kfree(k, zeroed, site('free_buf'));
    yield* kfree(k, raw, site('free_buf'));
  });
  t.deepEqual(
    ofKind(r, 'uninit-value').map((f) => f.title),
    ['BUG: KMSAN: uninit-value in parse_raw'],
  );
});

test('a load that decides nothing, and a memcpy of uninitialised bytes, are no report; the copy carries the origin', (t) => {
  const r = runOne(function* (k) {
    const src = yield* heap(k, 4, 'alloc_src');
    const dst = (yield* kzalloc_buf(k, 4, GFP_KERNEL, site('alloc_dst')))!;
    load_byte(k, at0(src), 0, site('peek'));
    memcpy(k, at0(dst), at0(src), 4);
    read_byte(k, at0(dst), 2, site('parse_copy', 9));
    // The same uninitialised value, used again where it was created: the same bug.
    read_byte(k, at0(src), 2, site('parse_src'));
    yield* kfree(k, src, site('free_buf'));
    yield* kfree(k, dst, site('free_buf'));
  });
  // One report, at the first use: neither the load nor the copy reported (each would have been first).
  const uninit = ofKind(r, 'uninit-value');
  t.is(uninit.length, 1);
  t.like(uninit[0], {
    title: 'BUG: KMSAN: uninit-value in parse_copy',
    site: 'parse_copy uses uninitialised char[] allocated at alloc_src (test/checkers.c:5) [parse_copy (test/checkers.c:9)]',
    involves: ['char[]#2', 'char[]#1'],
  });
  t.deepEqual(uninit[0]!.details, [
    'Use of uninitialised byte 2 of char[]#2 by task cpu0 (step 3) in parse_copy (test/checkers.c:9)',
    '',
    'Uninit was stored to memory at:',
    ' memcpy (lib/string.c)',
    '',
    'Uninit was created at:',
    ' kmalloc',
    ' kmalloc_buf',
    ' alloc_src (test/checkers.c:5)',
  ]);
});

test('a byte past the end is out-of-bounds only; each block with uninitialised bytes is its own report', (t) => {
  const r = runOne(function* (k) {
    const a = yield* heap(k, 2, 'alloc_a');
    const b = yield* heap(k, 2, 'alloc_b');
    write_byte(k, at0(a), 0, 1, site('fill'));
    write_byte(k, at0(a), 1, 1, site('fill'));
    read_byte(k, at0(a), 2, site('parse_a'));
    read_byte(k, at0(b), 0, site('parse_b'));
    read_byte(k, at0(b), 1, site('parse_b'));
    yield* kfree(k, a, site('free_buf'));
    yield* kfree(k, b, site('free_buf'));
  });
  t.deepEqual(
    r.outcome.findings.map((f) => f.title),
    ['BUG: KASAN: slab-out-of-bounds in parse_a', 'BUG: KMSAN: uninit-value in parse_b'],
  );
});
