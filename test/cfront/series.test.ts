import test from 'ava';
import { parsePatch } from '../../cfront/diff.js';
import { findFunction, wholeFunctions } from '../../cfront/functions.js';
import { heldTextsOf, type HeldText } from '../../cfront/heldText.js';
import { applyPatch, applySeries, HunkRefused, type RefusalReason } from '../../cfront/series.js';
import { created, followUp, gitHeader, hunk, lines, seedPatch } from './seed.js';

const C = 'kernel/cgroup.c';
const seedHeld = () => heldTextsOf(seedPatch());
const seedC = () => seedHeld().get(C)!;
const fn = (held: HeldText, name: string) => findFunction(held, name)[0]!;
/** ' text' for held lines first..last: context lines of a hunk computed from the held text. */
const ctx = (held: HeldText, first: number, last: number) => [...held.range(first, last)].map((l) => ` ${l.text}`);
const apply = (text: string, source = 'f1.diff', held = seedHeld()) => applyPatch(held, parsePatch(text, source));

test('a follow-up that swaps two lines of a function is applied at its stated line; the numbers after it stay', (t) => {
  const before = seedC();
  const wake = fn(before, 'cgroup_event_wake');
  const a = wake.openLine! + 1;
  const [x, y] = [before.text(a)!, before.text(a + 1)!];
  const after = apply(followUp(C, hunk(a - 2, a - 2, [...ctx(before, a - 2, a - 1), `-${x}`, `-${y}`, `+${y}`, `+${x}`, ...ctx(before, a + 2, a + 4)]))).get(C)!;
  t.deepEqual([after.text(a), after.text(a + 1)], [y, x]);
  t.deepEqual(after.line(a)!.origin, { source: 'f1.diff', patchLine: 14, added: true });
  t.deepEqual(after.line(a - 1)!.origin, before.line(a - 1)!.origin);
  t.deepEqual(after.runs(), before.runs());
  for (const l of before.all()) if (l.number < a || l.number > a + 1) t.is(after.text(l.number), l.text);
  t.deepEqual(wholeFunctions(after).map((d) => [d.name, d.firstLine, d.lastLine]), wholeFunctions(before).map((d) => [d.name, d.firstLine, d.lastLine]));
});

test('a follow-up that adds a line moves every later line, gap and function down by one', (t) => {
  const before = seedC();
  const remove = fn(before, 'cgroup_event_remove');
  const at = remove.openLine! + 1;
  const after = apply(followUp(C, hunk(at - 3, at - 3, [...ctx(before, at - 3, at - 1), '+\t/* a line the test made up */', ...ctx(before, at, at + 2)]))).get(C)!;
  t.is(after.text(at), '\t/* a line the test made up */');
  for (const l of before.all()) t.is(after.text(l.number < at ? l.number : l.number + 1), l.text);
  t.is(after.size, before.size + 1);
  const moved = (n: number | null) => (n === null || n < at ? n : n + 1);
  t.deepEqual(after.gaps(), before.gaps().map((g) => ({ first: moved(g.first)!, last: moved(g.last) })));
  t.deepEqual(wholeFunctions(after).map((d) => [d.name, d.firstLine, d.lastLine]), wholeFunctions(before).map((d) => [d.name, moved(d.firstLine), moved(d.lastLine)]));
});

test('a hunk whose stated line is off is found nearby, and the next hunk is looked for with the same offset', (t) => {
  const before = seedC();
  const control = fn(before, 'cgroup_write_event_control');
  const [p, q] = [control.openLine! + 10, control.openLine! + 40];
  const text = followUp(C,
    hunk(p - 6, p - 6, [...ctx(before, p, p + 1), `-${before.text(p + 2)}`, ...ctx(before, p + 3, p + 4)]),
    hunk(q - 6, q - 7, [...ctx(before, q, q + 1), `+\t/* made up */`, ...ctx(before, q + 2, q + 3)]));
  const after = apply(text).get(C)!;
  t.is(after.text(p + 2), before.text(p + 3));
  t.is(after.text(q - 1 + 2), '\t/* made up */');
  t.is(after.text(q - 1 + 3), before.text(q + 2));
});

test('a series is applied in order, each follow-up computed against the held text the one before left', (t) => {
  const seed = seedC();
  const wake = fn(seed, 'cgroup_event_wake');
  const first = followUp(C, hunk(wake.firstLine, wake.firstLine, [...ctx(seed, wake.firstLine, wake.firstLine + 1), '+\t/* one */', ...ctx(seed, wake.firstLine + 2, wake.firstLine + 3)]));
  const middle = applyPatch(seedHeld(), parsePatch(first, 'f1.diff')).get(C)!;
  const n = wake.firstLine + 2;
  const second = followUp(C, hunk(n - 1, n - 1, [...ctx(middle, n - 1, n - 1), '-\t/* one */', '+\t/* two */', ...ctx(middle, n + 1, n + 2)]));
  const held = applySeries([seedPatch(), parsePatch(first, 'f1.diff'), parsePatch(second, 'f2.diff')]);
  t.deepEqual([...held.keys()], [...seedHeld().keys()]);
  t.deepEqual(held.get(C)!.line(n), { number: n, text: '\t/* two */', origin: { source: 'f2.diff', patchLine: 12, added: true } });
  t.is(fn(held.get(C)!, 'cgroup_event_wake').lastLine, wake.lastLine! + 1);
  t.deepEqual(applySeries([]), new Map());
});

test('a follow-up may create, rename and delete files; a refused one leaves the held text as it was', (t) => {
  const held = seedHeld();
  const made = applyPatch(held, parsePatch(created('kernel/new.c', ['int x;']), 'f1.diff'));
  t.deepEqual(made.get('kernel/new.c')!.all().map((l) => l.text), ['int x;']);
  const rename = parsePatch(lines('diff --git a/kernel/cgroup.c b/kernel/cg.c', 'similarity index 100%', 'rename from kernel/cgroup.c', 'rename to kernel/cg.c'), 'f2.diff');
  const renamed = applyPatch(held, rename);
  t.deepEqual([...renamed.keys()], ['Documentation/cgroups/cgroups.txt', 'include/linux/cgroup.h', 'kernel/cg.c']);
  t.deepEqual(renamed.get('kernel/cg.c')!.all(), held.get(C)!.all());
  const remove = parsePatch(lines('diff --git a/kernel/new.c b/kernel/new.c', 'deleted file mode 100644', '--- a/kernel/new.c', '+++ /dev/null', '@@ -1 +0,0 @@', '-int x;'), 'f3.diff');
  t.false(applyPatch(made, remove).has('kernel/new.c'));
  // The file it creates is not kept when a hunk of the next file is refused (line 1 of kernel/cgroup.c is not held).
  const bad = parsePatch(created('kernel/new.c', ['int x;']) + lines(...gitHeader(C), ...hunk(1, 1, [' not held'])), 'f4.diff');
  t.is(t.throws(() => applyPatch(held, bad), { instanceOf: HunkRefused })!.reason, 'gap');
  t.false(held.has('kernel/new.c'));
  t.deepEqual([...held.keys()], [...seedHeld().keys()]);
});

/** The refusal of `text` as a follow-up to the seed: one line, naming the follow-up and the hunk's line. */
function refusal(t: import('ava').ExecutionContext, text: string, reason: RefusalReason, held = seedHeld()): string {
  const e = t.throws(() => apply(text, 'f.diff', held), { instanceOf: HunkRefused })!;
  t.is(e.reason, reason);
  t.false(e.message.includes('\n'));
  t.is(e.message, `f.diff:${e.patchLine}: ${e.problem}`);
  return e.message;
}

test('refused: a file the held text does not have, or a created file it already has', (t) => {
  t.is(refusal(t, followUp('kernel/other.c', hunk(5, 5, [' a', '-b', '+c'])), 'file-not-held'), 'f.diff:9: kernel/other.c is not held: the patches before this one do not show it');
  t.is(refusal(t, created(C, ['x']), 'already-held'), 'f.diff:5: kernel/cgroup.c is created by this patch but is already held');
});

test('refused: context that is nowhere in the held text, with what differs at the stated line', (t) => {
  const s = seedC();
  const wake = fn(s, 'cgroup_event_wake');
  const msg = refusal(t, followUp(C, hunk(wake.firstLine, wake.firstLine, [' not in the held text', `-${s.text(wake.firstLine + 1)}`])), 'context-not-found');
  t.regex(msg, new RegExp(`^f\\.diff:9: hunk @@ -${wake.firstLine},2 \\+${wake.firstLine},1 @@ of kernel/cgroup\\.c does not apply: its context and removed lines are nowhere in the held text \\(line ${wake.firstLine} holds '.+', the hunk expects 'not in the held text'\\)$`));
});

test('refused: context held at two places, neither of them the stated line', (t) => {
  const held = heldTextsOf(parsePatch(created('r.c', ['a', 'b', 'c', 'x', 'b', 'c', 'y']), 'made.diff'));
  t.is(refusal(t, followUp('r.c', hunk(1, 1, [' b', '-c', '+d'])), 'ambiguous', held), 'f.diff:9: hunk @@ -1,2 +1,2 @@ of r.c matches the held text at lines 2 and 5, none of them its stated line 1; refusing to guess');
  t.notThrows(() => apply(followUp('r.c', hunk(5, 5, [' b', '-c', '+d'])), 'f.diff', held));
});

test('refused: a hunk at lines the held text does not have, or held elsewhere but with unheld lines nearer', (t) => {
  const s = seedC();
  const [, second] = s.runs();
  // Wholly in the gap after the second run.
  t.is(refusal(t, followUp(C, hunk(second!.last + 10, second!.last + 10, [' a', '-b', '+c'])), 'gap'), `f.diff:9: hunk @@ -${second!.last + 10},2 +${second!.last + 10},2 @@ of kernel/cgroup.c touches lines ${second!.last + 10}-${second!.last + 11} at its stated lines ${second!.last + 10}-${second!.last + 11}, which the held text does not have`);
  // Running off the end of the second run: the held lines agree, the rest is unknown.
  const end = second!.last;
  t.regex(refusal(t, followUp(C, hunk(end - 1, end - 1, [...ctx(s, end - 1, end), ' unknown', '+added'])), 'gap'), new RegExp(`touches lines ${end + 1} at its stated lines ${end - 1}-${end + 1}, which the held text does not have$`));
  // The context is held in the second run, but the stated line is in the gap before it, nearer than the match.
  const stated = second!.first - 5;
  t.regex(refusal(t, followUp(C, hunk(stated, stated, [...ctx(s, second!.first + 1, second!.first + 2), '+added'])), 'gap'), new RegExp(`touches lines ${stated}-${stated + 1} at its stated lines`));
  const wake = fn(s, 'cgroup_event_wake');
  const run = s.runAt(wake.firstLine)!;
  const near = run.first + 2;
  t.regex(refusal(t, followUp(C, hunk(near, near, [...ctx(s, wake.firstLine, wake.firstLine + 1), '+added'])), 'gap'), new RegExp(`matches the held text at line ${wake.firstLine}, but lines ${run.first - 2}-${run.first - 1}, nearer its stated line ${near}, are not all held and might match there$`));
  // The same hunk stated nearer its match than the gap is applied with an offset.
  const nearer = wake.firstLine - 5;
  t.true(near < nearer && nearer - run.first > 5);
  t.is(apply(followUp(C, hunk(nearer, nearer, [...ctx(s, wake.firstLine, wake.firstLine + 1), '+added']))).get(C)!.text(wake.firstLine + 2), 'added');
  // An insertion with no context after a line that is not held.
  t.is(refusal(t, followUp(C, ['@@ -1000,0 +1001,1 @@', '+added']), 'gap'), 'f.diff:9: hunk @@ -1000,0 +1001,1 @@ of kernel/cgroup.c inserts after line 1000, which the held text does not have');
});
