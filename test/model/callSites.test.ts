import test from 'ava';
import { CallSites, type ModelFrame } from '../../model/callSites.js';
import { at } from '../../model/site.js';

const G10 = at('k.c', 'g', 10);
const F20 = at('k.c', 'f', 20);
const F30 = at('k.c', 'f', 30);

/** A chain, innermost first: each entry is [function, where that function is now]. */
const chain = (...frames: [string, string][]): ModelFrame[] => frames.map(([fn, where]) => ({ fn, where }));

test('each frame shows the last line it was labelled at, and keeps it while it calls deeper', (t) => {
  const s = new CallSites();
  s.note(0, chain(['f', 'm.ts:1']), F20);
  t.deepEqual(s.trace(0, chain(['kfree', 'slab.ts:5'], ['f', 'm.ts:2']), null), ['kfree', 'f (k.c:20)']);
  s.note(0, chain(['f', 'm.ts:3']), F30);
  t.deepEqual(s.trace(0, chain(['f', 'm.ts:3']), null), ['f (k.c:30)']);
});

test('a function called again from another line starts with no line, even with nothing noted in between', (t) => {
  const s = new CallSites();
  s.note(0, chain(['g', 'm.ts:10'], ['f', 'm.ts:1']), G10);
  // f calls g a second time, from its next line: the old line of g must not show.
  t.deepEqual(s.trace(0, chain(['kfree', 'slab.ts:5'], ['g', 'm.ts:12'], ['f', 'm.ts:2']), null), ['kfree', 'g', 'f']);
});

test('CPUs keep their own chains', (t) => {
  const s = new CallSites();
  s.note(0, chain(['f', 'm.ts:1']), F20);
  t.deepEqual(s.trace(1, chain(['f', 'm.ts:1']), null), ['f']);
  t.deepEqual(s.trace(0, chain(['f', 'm.ts:1']), null), ['f (k.c:20)']);
});
