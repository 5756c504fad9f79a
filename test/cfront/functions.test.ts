import test from 'ava';
import { parsePatch } from '../../cfront/diff.js';
import { allDefinitions, findFunction, findStruct, functionDefinitions, typeDefinitions, wholeFunctions } from '../../cfront/functions.js';
import { heldTextsOf } from '../../cfront/heldText.js';
import { created, gitHeader, lines, seedPatch } from './seed.js';

const seedC = () => heldTextsOf(seedPatch()).get('kernel/cgroup.c')!;
const made = (body: string[]) => heldTextsOf(parsePatch(created('m.c', body), 'm.diff')).get('m.c')!;

test('the seed shows six functions of kernel/cgroup.c whole; five of them it adds', (t) => {
  const held = seedC();
  const whole = wholeFunctions(held);
  t.deepEqual(whole.map((d) => d.name), ['cgroup_call_pre_destroy', '__file_cft', 'cgroup_event_remove', 'cgroup_event_wake', 'cgroup_event_ptable_queue_proc', 'cgroup_write_event_control']);
  const added = whole.filter((d) => [...held.range(d.firstLine, d.lastLine!)].every((l) => l.origin.added));
  t.deepEqual(added.map((d) => d.name), whole.slice(1).map((d) => d.name));
  for (const d of whole) {
    t.true(held.text(d.firstLine)!.includes(`${d.name}(`));
    t.true(held.text(d.openLine!)!.startsWith('{'));
    t.is(held.text(d.lastLine!), '}');
    t.true(held.holds(d.firstLine, d.lastLine!));
    t.is(d.cutBy, null);
  }
});

test("the first function the seed adds starts where its hunk header and its place in the hunk put it", (t) => {
  const first = wholeFunctions(seedC()).find((d) => seedC().line(d.firstLine)!.origin.added)!;
  // Walk the hunks of the diff itself: the new line of the first added line that declares the function.
  let found: number | null = null;
  for (const h of seedPatch().files[2]!.hunks) {
    const shown = h.lines.filter((l) => l.kind !== 'removed');
    const offset = shown.findIndex((l) => l.kind === 'added' && /^[A-Za-z_]/.test(l.text) && l.text.includes(`${first.name}(`));
    if (offset >= 0 && found === null) found = h.newStart + offset;
  }
  t.not(found, null);
  t.is(first.firstLine, found!);
});

test("the seed's functions cut by a gap are reported incomplete, with the gap", (t) => {
  const held = seedC();
  const cut = functionDefinitions(held).filter((d) => !d.whole);
  t.deepEqual(cut.map((d) => d.name), ['init_cgroup_root', 'cgroup_create_file']);
  const [root, createFile] = cut;
  // init_cgroup_root: its declarator is the hunk's last line, the brace is not shown.
  t.is(root!.openLine, null);
  t.deepEqual(root!.cutBy, held.gaps().find((g) => g.first === root!.firstLine + 1));
  // cgroup_create_file: its opening brace is the hunk's last line.
  t.is(createFile!.lastLine, null);
  t.is(createFile!.cutBy!.first, createFile!.openLine! + 1);
  t.deepEqual(findFunction(held, 'cgroup_create_file'), [createFile]);
  t.deepEqual(findFunction(held, 'no_such_function'), []);
});

test('the documentation the seed changes holds no C definitions', (t) => {
  t.deepEqual(allDefinitions(heldTextsOf(seedPatch()).get('Documentation/cgroups/cgroups.txt')!), []);
});

test('braces in strings, character literals, comments and preprocessor lines do not end a body', (t) => {
  const held = made([
    '/* a comment { that opens', '   and { goes on */', 'static int f(int a)', '{', '\tchar *s = "}}\\"}";', "\tchar c = '}';", "\tchar d = '\\'';",
    '\t// } a line comment', '#define CLOSE }', '\treturn a; /* } */', '}', '', 'int g(void) { return 0; }',
  ]);
  t.deepEqual(wholeFunctions(held).map((d) => [d.name, d.firstLine, d.openLine, d.lastLine]), [['f', 3, 4, 11], ['g', 13, 13, 13]]);
});

test('prototypes, calls and initializers at column 0 are not definitions; attributes and a type on its own line are', (t) => {
  const held = made([
    'int proto(int a);', 'module_init(start);', 'static struct ops o = { .f = f };', 'static int (*fp)(int) = 0;', 'typedef int (*fn_t)(int);',
    'static int', 'split(void)', '{', 'out:', '\treturn 0;', '}', 'static void locked(void) __releases(lock)', '{', '}',
    'static int params(int a,', '\t\tint b)', '{', '\tif (a) {', '\t}', '}',
  ]);
  t.deepEqual(functionDefinitions(held).map((d) => [d.name, d.firstLine, d.lastLine, d.whole]), [['split', 6, 11, true], ['locked', 12, 14, true], ['params', 15, 20, true]]);
});

test('a function whose body or start lies in a gap is incomplete; a line at column 0 inside a body is not a definition', (t) => {
  const held = heldTextsOf(parsePatch(lines(
    ...gitHeader('g.c'), '@@ -10,4 +10,4 @@', ' int body_cut(void)', ' {', '-\tint a;', '+\tint b;', ' \tb = 1;',
    '@@ -50,4 +50,4 @@', ' start_cut(void)', ' {', '-}', '+}', ' ', '@@ -90,4 +90,4 @@', ' int outer(void)', ' {', '-MACRO(x);', '+inner(x)', ' }',
  ), 'g.diff')).get('g.c')!;
  const defs = functionDefinitions(held);
  t.deepEqual(defs.map((d) => [d.name, d.whole, d.lastLine, d.cutBy]), [
    ['body_cut', false, null, { first: 14, last: 49 }],
    ['start_cut', false, 52, { first: 14, last: 49 }],
    ['outer', true, 93, null],
  ]);
});

test("the seed's struct cgroup_event is found whole, where its added lines put it", (t) => {
  const held = heldTextsOf(seedPatch()).get('kernel/cgroup.c')!;
  const [event, ...more] = findStruct(held, 'cgroup_event');
  t.is(more.length, 0);
  t.true(event!.whole);
  t.regex(held.text(event!.firstLine)!, /^struct cgroup_event\b/);
  t.regex(held.text(event!.lastLine!)!, /^\}/);
  t.true([...held.range(event!.firstLine, event!.lastLine!)].every((l) => l.origin.added));
  const hunk = seedPatch().files[2]!.hunks.find((h) => h.newStart <= event!.firstLine && event!.firstLine < h.newStart + h.newCount)!;
  const shown = hunk.lines.filter((l) => l.kind !== 'removed');
  t.is(event!.firstLine, hunk.newStart + shown.findIndex((l) => /^struct cgroup_event\b/.test(l.text)));
  t.deepEqual(typeDefinitions(held).map((d) => d.name), ['cgroup_event']);
});

test("include/linux/cgroup.h ends its last hunk on the first line of struct cgroup_scanner: incomplete, cut by the unknown rest", (t) => {
  const held = heldTextsOf(seedPatch()).get('include/linux/cgroup.h')!;
  const [scanner] = findStruct(held, 'cgroup_scanner');
  t.deepEqual([scanner!.whole, scanner!.lastLine, scanner!.cutBy], [false, null, { first: scanner!.firstLine + 1, last: null }]);
  // Its struct cgroup and struct cftype are shown only from inside: no definition of them is found.
  t.deepEqual(findStruct(held, 'cgroup'), []);
  t.deepEqual(findStruct(held, 'cftype'), []);
});

test('struct, union and enum definitions, typedef and a brace on the next line; pointers to and variables of a struct are not', (t) => {
  const held = heldTextsOf(parsePatch(created('s.h', [
    'struct a *make_a(void);', 'struct a x;', 'static struct a y = {', '\t.n = 1,', '};', 'typedef struct b {', '\tchar c; /* } */', '} b_t;',
    'struct c', '{', '\tunion { int i; } u;', '};', 'union d { int i; };', 'enum e { E1, E2 };',
  ]), 's.diff')).get('s.h')!;
  t.deepEqual(typeDefinitions(held).map((d) => [d.kind, d.name, d.firstLine, d.openLine, d.lastLine, d.whole]), [
    ['struct', 'b', 6, 6, 8, true], ['struct', 'c', 9, 10, 12, true], ['union', 'd', 13, 13, 13, true], ['enum', 'e', 14, 14, 14, true],
  ]);
});
