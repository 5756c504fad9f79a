import test from 'ava';
import { parsePatch } from '../../cfront/diff.js';
import { findStruct, functionDefinitions, wholeFunctions } from '../../cfront/functions.js';
import { heldTextsOf } from '../../cfront/heldText.js';
import { parseDefinition } from '../../cfront/parse.js';
import { preprocess } from '../../cfront/preprocess.js';
import { created, seedPatch } from './seed.js';

const seedC = () => heldTextsOf(seedPatch()).get('kernel/cgroup.c')!;
const made = (body: string[]) => heldTextsOf(parsePatch(created('m.c', body), 'm.diff')).get('m.c')!;

test('every function the seed shows whole parses, and its nodes know their lines in the file', async (t) => {
  const held = seedC();
  for (const d of wholeFunctions(held)) {
    const p = await parseDefinition(held, d);
    t.is(p.node.type, 'function_definition');
    t.is(p.lineOf(p.node), d.firstLine);
    t.is(p.lineOf(p.node.childForFieldName('body')!), d.openLine!);
  }
  const s = findStruct(held, 'cgroup_event')[0]!;
  t.is((await parseDefinition(held, s)).node.type, 'struct_specifier');
});

test('the macro rewriting keeps every newline', (t) => {
  const text = 'a = container_of(w,\n\t\tstruct e, m);\nlist_for_each_entry_safe(a, b,\n h, l) {\n}\nchar __user *p;';
  const out = preprocess(text);
  t.is(out.split('\n').length, text.split('\n').length);
  t.true(out.includes('struct_e'));
  t.true(out.includes('for (list_for_each_entry_safe(a, b,\n h, l);;) {'));
  t.false(out.includes('__user'));
});

test('a function with a syntax error is refused with its file and line', async (t) => {
  const held = made(['int f(int a)', '{', '\tint b = a +;', '\treturn b;', '}']);
  const d = functionDefinitions(held)[0]!;
  const e = await t.throwsAsync(parseDefinition(held, d), { name: 'CFrontError' });
  t.regex(e.message, /^m\.c:3: cannot parse f: /);
});
