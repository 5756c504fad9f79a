import test from 'ava';
import { parsePatch, pathOf, PatchSyntaxError, readPatch } from '../../cfront/diff.js';
import { gitHeader, lines, SEED, seedPatch, seedText } from './seed.js';

test('the seed touches three files, in the order of its diff, with 2, 2 and 8 hunks', (t) => {
  const p = seedPatch();
  t.is(p.source, SEED);
  t.deepEqual(p.files.map(pathOf), ['Documentation/cgroups/cgroups.txt', 'include/linux/cgroup.h', 'kernel/cgroup.c']);
  t.deepEqual(p.files.map((f) => f.hunks.length), [2, 2, 8]);
  t.true(p.files.every((f) => f.oldPath === f.newPath && !f.binary));
  t.deepEqual(readPatch(SEED), p);
});

test("every hunk of the seed holds the lines its header counts, in order, each new start following from the hunks before", (t) => {
  for (const f of seedPatch().files) {
    let shift = 0;
    let oldEnd = 0;
    for (const h of f.hunks) {
      t.is(h.lines.filter((l) => l.kind !== 'added').length, h.oldCount);
      t.is(h.lines.filter((l) => l.kind !== 'removed').length, h.newCount);
      t.true(h.oldStart > oldEnd);
      t.is(h.newStart, h.oldStart + shift);
      shift += h.newCount - h.oldCount;
      oldEnd = h.oldStart + h.oldCount - 1;
    }
  }
});

test("the seed's hunks add and remove as many lines as its own diffstat says", (t) => {
  const stat = /(\d+) files? changed, (\d+) insertions?\(\+\), (\d+) deletions?\(-\)/.exec(seedText());
  t.not(stat, null);
  const all = seedPatch().files.flatMap((f) => f.hunks.flatMap((h) => h.lines));
  t.is(seedPatch().files.length, Number(stat![1]));
  t.is(all.filter((l) => l.kind === 'added').length, Number(stat![2]));
  t.is(all.filter((l) => l.kind === 'removed').length, Number(stat![3]));
});

test("each line keeps its place in the patch text; the mail header, the prose and the trailing '-- ' signature are not read", (t) => {
  const raw = seedText().split('\n');
  const p = seedPatch();
  t.is(p.files[0]!.patchLine, raw.findIndex((l) => l.startsWith('diff --git ')) + 1);
  for (const l of p.files.flatMap((f) => f.hunks.flatMap((h) => h.lines))) t.is(raw[l.patchLine - 1], `${{ context: ' ', removed: '-', added: '+' }[l.kind]}${l.text}`);
  const last = p.files[2]!.hunks[7]!;
  t.is(raw[last.lines[last.lines.length - 1]!.patchLine], '-- ');
});

test("a '\\ No newline at end of file' marks the line before it; an empty line in a hunk is an empty context line", (t) => {
  const p = parsePatch(lines(...gitHeader('a.c'), '@@ -1,3 +1,3 @@', ' x', '', '-y', '\\ No newline at end of file', '+z', '\\ No newline at end of file'), 'n.diff');
  const [x, empty, y, z] = p.files[0]!.hunks[0]!.lines;
  t.deepEqual([x!.kind, x!.noNewlineAtEnd, empty!.kind, empty!.text], ['context', false, 'context', '']);
  t.deepEqual([y!.kind, y!.noNewlineAtEnd, y!.patchLine, z!.kind, z!.noNewlineAtEnd, z!.patchLine], ['removed', true, 8, 'added', true, 10]);
});

test('several files, bare ---/+++ sections, created and deleted files, and CRLF text are read', (t) => {
  const text = lines(
    'Subject: two files', '', '--- old/x.c\t2009-12-26', '+++ new/x.c\t2009-12-27', '@@ -1 +1 @@', '-a', '+b',
    'diff --git a/n.c b/n.c', 'new file mode 100644', 'index 0000000..1111111', '--- /dev/null', '+++ b/n.c', '@@ -0,0 +1,2 @@', '+one', '+two',
    'diff --git a/d.c b/d.c', 'deleted file mode 100644', '--- a/d.c', '+++ /dev/null', '@@ -1 +0,0 @@', '-gone',
    'diff --git a/e.c b/e.c', 'new file mode 100644', 'index 0000000..e69de29',
  );
  for (const p of [parsePatch(text, 'm.diff'), parsePatch(text.replace(/\n/g, '\r\n'), 'm.diff')]) {
    t.deepEqual(p.files.map((f) => [f.oldPath, f.newPath, f.hunks.length, f.patchLine]), [
      ['old/x.c', 'new/x.c', 1, 3], [null, 'n.c', 1, 8], ['d.c', null, 1, 16], [null, 'e.c', 0, 22],
    ]);
    t.deepEqual(p.files[1]!.hunks[0]!.lines.map((l) => l.text), ['one', 'two']);
  }
});

/** The one-line message a malformed patch is refused with. */
function refusal(t: import('ava').ExecutionContext, text: string): string {
  const e = t.throws(() => parsePatch(text, 'bad.diff'), { instanceOf: PatchSyntaxError })!;
  t.false(e.message.includes('\n'));
  t.is(e.message, `bad.diff:${e.patchLine}: ${e.problem}`);
  return e.message;
}

const h = gitHeader('a.c');

test('a malformed hunk header, or one outside a file, is refused at its line', (t) => {
  t.is(refusal(t, lines(...h, '@@ -1,2 +1,2', ' a')), "bad.diff:5: malformed hunk header '@@ -1,2 +1,2' (expected '@@ -a,b +c,d @@')");
  t.is(refusal(t, lines('prose', '@@ -1 +1 @@', '-a', '+b')), "bad.diff:2: a hunk header outside any file's diff (no '--- '/'+++ ' lines before it)");
  t.is(refusal(t, lines(...h, '@@ -0,2 +1,2 @@', ' a', ' b')), 'bad.diff:5: the hunk at line 5 (@@ -0,2 +1,2 @@) starts at line 0 but counts lines; only an empty side starts at 0');
});

test('a hunk with fewer lines than its header counts is refused where it stops', (t) => {
  t.is(refusal(t, lines(...h, '@@ -1,3 +1,3 @@', ' a', ' b')), 'bad.diff:7: the patch ends inside the hunk at line 5 (@@ -1,3 +1,3 @@): 1 old and 1 new lines are missing');
  t.is(refusal(t, lines(...h, '@@ -1,3 +1,3 @@', ' a', ' b', 'prose')), "bad.diff:8: 'prose' is not a hunk line, but the hunk at line 5 (@@ -1,3 +1,3 @@) still counts 1 old and 1 new lines");
});

test('a hunk with more lines than its header counts is refused at the first line too many', (t) => {
  t.is(refusal(t, lines(...h, '@@ -1,1 +1,3 @@', ' a', ' b')), 'bad.diff:7: a context line, but the hunk at line 5 (@@ -1,1 +1,3 @@) has no old lines left (its header counts too few)');
  t.is(refusal(t, lines(...h, '@@ -1,3 +1,1 @@', ' a', '+b')), 'bad.diff:7: an added line, but the hunk at line 5 (@@ -1,3 +1,1 @@) has no new lines left (its header counts too few)');
  t.is(refusal(t, lines(...h, '@@ -1,2 +1,2 @@', ' a', ' b', '-c')), "bad.diff:8: '-c' follows the hunk at line 5 (@@ -1,2 +1,2 @@), whose header counts no more lines");
});

test('hunks out of order, overlapping, or whose new start does not follow from the hunks before are refused', (t) => {
  const two = (second: string): string => lines(...h, '@@ -10,2 +10,3 @@', ' a', '+b', ' c', second, ' d');
  t.is(refusal(t, two('@@ -5,1 +6,1 @@')), 'bad.diff:9: the hunk @@ -5,1 +6,1 @@ starts at old line 5, inside or before the hunk at line 5 (@@ -10,2 +10,3 @@)');
  t.is(refusal(t, two('@@ -11,1 +12,1 @@')), 'bad.diff:9: the hunk @@ -11,1 +12,1 @@ starts at old line 11, inside or before the hunk at line 5 (@@ -10,2 +10,3 @@)');
  t.is(refusal(t, two('@@ -20,1 +20,1 @@')), 'bad.diff:9: the hunk @@ -20,1 +20,1 @@ has new start 20, but its old start and the hunks before it put it at 21');
  t.is(refusal(t, lines(...h, '@@ -3,1 +4,1 @@', ' a')), 'bad.diff:5: the hunk @@ -3,1 +4,1 @@ has new start 4, but its old start and the hunks before it put it at 3');
  t.notThrows(() => parsePatch(two('@@ -20,1 +21,1 @@'), 'good.diff'));
});

test('a file header without its +++ line or without hunks, and a text with no diff at all, are refused', (t) => {
  t.is(refusal(t, lines('diff --git a/a.c b/a.c', '--- a/a.c', 'oops')), "bad.diff:3: '--- ' at line 2 is not followed by a '+++ ' line");
  t.is(refusal(t, lines(...h, 'prose')), "bad.diff:5: no hunk after the '+++ ' line 4");
  t.is(refusal(t, lines(...h)), "bad.diff:4: no hunk after the '+++ ' line 4");
  t.is(refusal(t, lines('--- /dev/null', '+++ /dev/null', '@@ -0,0 +0,0 @@')), "bad.diff:2: both '--- ' and '+++ ' name /dev/null");
  t.is(refusal(t, lines('just a mail', 'with no diff')), "bad.diff:1: no unified diff in it (no 'diff --git' or '--- '/'+++ ' lines)");
});
