import test from 'ava';
import { closing, codeRuns, maskC, nextCode } from '../../cfront/cCode.js';
import { parsePatch } from '../../cfront/diff.js';
import { functionDefinitions } from '../../cfront/functions.js';
import { heldTextsOf } from '../../cfront/heldText.js';
import { gitHeader, lines, seedPatch } from './seed.js';

test('comments, literals and preprocessor lines are blanked, columns kept', (t) => {
  const { code, strayCommentEnd } = maskC(['a = "{"; /* { */ b', "c = '}'; // }", '#define X {', '#define Y \\', '  }', 'd /* {', '} */ e'], false);
  t.deepEqual(code, ['a = " ";         b', "c = ' ';     ", '           ', '           ', '   ', 'd     ', '     e']);
  t.false(strayCommentEnd);
});

test('a run that begins inside a comment the gap before it opened is read as such', (t) => {
  const held = heldTextsOf(parsePatch(lines(...gitHeader('c.c'), '@@ -20,4 +20,4 @@', ' helper(x) below is {', ' */', ' int f(void)', '-{}', '+{ }'), 'c.diff')).get('c.c')!;
  const [run] = codeRuns(held);
  t.deepEqual(run!.code.slice(0, 2).map((l) => l.trim()), ['', '']);
  t.deepEqual(functionDefinitions(held).map((d) => d.name), ['f']);
  t.true(maskC(['x */', 'y'], false).strayCommentEnd);
  const deref = heldTextsOf(parsePatch(lines(...gitHeader('d.c'), '@@ -20,2 +20,2 @@', ' \t*p = 1;', '-}', '+ }'), 'd.diff')).get('d.c')!;
  t.is(codeRuns(deref)[0]!.code[0], '\t*p = 1;');
});

test("brackets match across lines in code, not in what is blanked; a bracket the run does not close has no partner", (t) => {
  const code = ['f(a, (b)', '  /*)*/ c)', 'g(', ''];
  const masked = maskC(code, false).code;
  t.deepEqual(closing(masked, { row: 0, col: 1 }), { row: 1, col: 9 });
  t.is(closing(masked, { row: 2, col: 1 }), null);
  t.deepEqual(nextCode(masked, { row: 0, col: 7 }), { row: 1, col: 8 });
  t.is(nextCode(masked, { row: 2, col: 1 }), null);
});

test("the seed's first hunk of kernel/cgroup.c begins inside the file's opening comment: nothing of it is code", (t) => {
  const [first] = codeRuns(heldTextsOf(seedPatch()).get('kernel/cgroup.c')!);
  t.true(first!.code.every((l) => l.trim() === ''));
});
