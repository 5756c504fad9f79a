import test from 'ava';
import { registerUserModule, sourceLinesOf, userFrameOf } from '../../harness/userModules.js';

test('sourceLinesOf maps each generated line to the source line of its first segment', (t) => {
  // Generated line 0 from source line 0; line 1 from source line 3 (+3); line 2 empty; line 3 from line 5 (+2).
  t.deepEqual(sourceLinesOf('AAAA;AAGA,IAAI;;AAEA'), [0, 3, 3, 5]);
});

test('userFrameOf finds the innermost frame of a registered module and maps its line', (t) => {
  registerUserModule('file:///tmp/mine.ts', { spec: './mine.ts', lineMap: [0, 4, 9] });
  const e = new TypeError('boom');
  e.stack = ['TypeError: boom', '    at inner (file:///work/model/wait.js:3:1)', '    at Module.my_fn (file:///tmp/mine.ts:3:7)', '    at outer (file:///tmp/mine.ts:1:1)'].join('\n');
  t.is(userFrameOf(e), 'my_fn (./mine.ts:10)');
  const ours = new Error('x');
  ours.stack = 'Error: x\n    at f (file:///work/model/wait.js:3:1)';
  t.is(userFrameOf(ours), null);
  t.is(userFrameOf('not an error'), null);
});
