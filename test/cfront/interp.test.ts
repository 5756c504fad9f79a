import test from 'ava';
import { parsePatch } from '../../cfront/diff.js';
import { heldTextsOf } from '../../cfront/heldText.js';
import type { ModelFunction } from '../../cfront/interp/frame.js';
import { compilePatch } from '../../cfront/program.js';
import type { Kernel } from '../../model/kernel.js';
import { created } from './seed.js';

/** Compiles made-up C of a file m.c and returns its function `name`, rooted there. */
async function compiled(body: string[], name: string): Promise<ModelFunction> {
  const held = heldTextsOf(parsePatch(created('m.c', body), 'm.diff'));
  const c = await compilePatch(held, () => [name]);
  return c.program.functions.get(name)!;
}

/** Runs a function that never schedules (no model call) to its return value. */
function run(fn: ModelFunction, ...args: unknown[]): unknown {
  const g = fn({} as Kernel, ...args);
  const r = g.next();
  if (r.done !== true) throw new Error('the function scheduled');
  return r.value;
}

test('integer arithmetic, comparisons, bit and logical operators, conversions', async (t) => {
  const f = await compiled(['static int f(int a, unsigned int b)', '{', '\tint x = a * 3 + (b & 6) - (a << 1);', '\tunsigned int u = -1;', '\tif (x > 2 && !(u != 4294967295U))', '\t\treturn x % 5;', '\treturn ~x | 1;', '}'], 'f');
  t.is(run(f, 4, 7), (4 * 3 + 6 - 8) % 5);
  t.is(run(f, 0, 0), ~0 | 1);
});

test('goto unwinds to a label of the function body, as `goto fail` does', async (t) => {
  const f = await compiled(['static int f(int n)', '{', '\tint ret = 0;', '\tif (n < 0) {', '\t\tret = -22;', '\t\tgoto fail;', '\t}', '\tret = n;', '\treturn ret;', 'fail:', '\tret = ret - 1;', '\treturn ret;', '}'], 'f');
  t.is(run(f, 5), 5);
  t.is(run(f, -1), -23);
});

test('loops: for, while, break and continue; the patch\'s own functions call each other', async (t) => {
  const f = await compiled(
    ['static int sq(int v)', '{', '\treturn v * v;', '}', '', 'static int f(int n)', '{', '\tint i, s = 0;', '\tfor (i = 0; i < n; i++) {', '\t\tif (i == 2)', '\t\t\tcontinue;', '\t\ts += sq(i);', '\t}', '\twhile (s > 10) {', '\t\ts -= 10;', '\t\tif (s < 15)', '\t\t\tbreak;', '\t}', '\treturn s;', '}'],
    'f',
  );
  // 0 + 1 + 9 + 16 = 26, less 10 once: 16 >= 15 goes on, 6 < 15 stops.
  t.is(run(f, 5), 6);
});
