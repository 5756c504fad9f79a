import test from 'ava';
import { parsePatch } from '../../cfront/diff.js';
import { HeldText, heldTextsOf } from '../../cfront/heldText.js';
import { gitHeader, lines, SEED, seedPatch } from './seed.js';

test('the seed holds its three files, each with as many lines as its hunks show of the new file', (t) => {
  const held = heldTextsOf(seedPatch());
  t.deepEqual([...held.keys()], ['Documentation/cgroups/cgroups.txt', 'include/linux/cgroup.h', 'kernel/cgroup.c']);
  for (const f of seedPatch().files) {
    const text = held.get(f.newPath!)!;
    t.is(text.size, f.hunks.reduce((n, h) => n + h.newCount, 0));
    t.is(text.length, null);
  }
});

test("each held line of the seed is the hunk's line at the number its header gives, and knows where in the patch it was shown", (t) => {
  const held = heldTextsOf(seedPatch());
  for (const f of seedPatch().files) {
    const text = held.get(f.newPath!)!;
    for (const h of f.hunks) {
      const shown = h.lines.filter((l) => l.kind !== 'removed');
      shown.forEach((l, i) => {
        const line = text.line(h.newStart + i)!;
        t.is(line.text, l.text);
        t.deepEqual(line.origin, { source: SEED, patchLine: l.patchLine, added: l.kind === 'added' });
      });
    }
  }
});

test("the seed's runs are its hunks' new ranges and its gaps are what lies between, up to an end nobody showed", (t) => {
  const f = seedPatch().files[2]!;
  const text = heldTextsOf(seedPatch()).get('kernel/cgroup.c')!;
  t.deepEqual(text.runs(), f.hunks.map((h) => ({ first: h.newStart, last: h.newStart + h.newCount - 1 })));
  const gaps = text.gaps();
  t.is(gaps.length, f.hunks.length + 1);
  t.deepEqual(gaps[0], { first: 1, last: f.hunks[0]!.newStart - 1 });
  const end = f.hunks[f.hunks.length - 1]!;
  t.deepEqual(gaps[gaps.length - 1], { first: end.newStart + end.newCount, last: null });
  for (const g of gaps) {
    t.false(text.has(g.first));
    if (g.last !== null) t.false(text.has(g.last));
  }
});

test('a range of held text yields only the held lines in it; gapsIn and holds tell the reader what it skipped', (t) => {
  const text = heldTextsOf(seedPatch()).get('kernel/cgroup.c')!;
  const [a, b] = text.runs();
  const got = [...text.range(a!.last - 1, b!.first + 1)].map((l) => l.number);
  t.deepEqual(got, [a!.last - 1, a!.last, b!.first, b!.first + 1]);
  t.deepEqual(text.gapsIn(a!.last - 1, b!.first + 1), [{ first: a!.last + 1, last: b!.first - 1 }]);
  t.true(text.holds(b!.first, b!.last));
  t.false(text.holds(a!.last, b!.first));
  t.deepEqual(text.runAt(b!.first + 1), b);
  t.is(text.runAt(a!.last + 1), undefined);
  t.is(text.text(a!.last + 1), undefined);
});

test('a created file is held whole; a last line without a newline ends the file; deleted and binary files are not held', (t) => {
  const p = parsePatch(lines(
    'diff --git a/n.c b/n.c', 'new file mode 100644', '--- /dev/null', '+++ b/n.c', '@@ -0,0 +1,2 @@', '+one', '+two',
    ...gitHeader('e.c'), '@@ -8,2 +8,2 @@', ' x', '-y', '\\ No newline at end of file', '+z', '\\ No newline at end of file',
    'diff --git a/d.c b/d.c', 'deleted file mode 100644', '--- a/d.c', '+++ /dev/null', '@@ -1 +0,0 @@', '-gone',
    'diff --git a/b.png b/b.png', 'index 1111111..2222222 100644', 'Binary files a/b.png and b/b.png differ',
  ), 'made.diff');
  const held = heldTextsOf(p);
  t.deepEqual([...held.keys()], ['n.c', 'e.c']);
  t.is(held.get('n.c')!.length, 2);
  t.deepEqual(held.get('n.c')!.gaps(), []);
  t.is(held.get('e.c')!.length, 9);
  t.deepEqual(held.get('e.c')!.gaps(), [{ first: 1, last: 7 }]);
  t.deepEqual(held.get('e.c')!.gapsIn(5, 20), [{ first: 5, last: 7 }]);
});

test('held text refuses lines out of order or past a known end', (t) => {
  const at = (number: number) => ({ number, text: '', origin: { source: 's', patchLine: 1, added: false } });
  t.throws(() => new HeldText('x.c', [at(2), at(2)], null));
  t.throws(() => new HeldText('x.c', [at(3)], 2));
  t.throws(() => new HeldText('x.c', [at(0)], null));
  t.notThrows(() => new HeldText('x.c', [at(1), at(5)], 5));
});
