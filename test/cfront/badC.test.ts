/** C the interpreter refuses, through the command line: one line naming the file, the line and what, exit 2. */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliIn } from '../helpers/cli.js';
import { created } from './seed.js';

/** A made-up patch creating kernel/cgroup.c with a cgroup_event_remove whose body is `body`. */
function patchWith(body: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'cgsim-badc-'));
  writeFileSync(join(dir, 'bad.diff'), created('kernel/cgroup.c', ['static void cgroup_event_remove(struct work_struct *work)', '{', ...body, '}']));
  return dir;
}

const explore = (dir: string) => cliIn(dir, 'explore', '--patch', 'bad.diff', '--scenario', 'close-vs-rmdir', '--runs', '1');

test('a syntax error: one line with its file and line, exit 2', async (t) => {
  const r = await explore(patchWith(['\tint x = 1;', '\tx = (x + ;']));
  t.is(r.code, 2);
  t.is(r.err.length, 1, r.err.join('\n'));
  t.regex(r.err[0]!, /^cgsim: kernel\/cgroup\.c:4: cannot parse cgroup_event_remove: /);
  t.deepEqual(r.out, []);
});

test('a function neither the patch defines nor the binding table binds: one line naming it, exit 2', async (t) => {
  const r = await explore(patchWith(['\tfrobnicate_widget(work);']));
  t.is(r.code, 2);
  t.deepEqual(r.err, ['cgsim: kernel/cgroup.c:3: cgroup_event_remove: unknown function frobnicate_widget: the patch does not define it whole and no binding maps it to the model']);
});

test('a construct outside the subset: one line naming it, exit 2', async (t) => {
  const r = await explore(patchWith(['\tint x = 0;', '\tswitch (x) {', '\tcase 0:', '\t\tbreak;', '\t}']));
  t.is(r.code, 2);
  t.is(r.err.length, 1, r.err.join('\n'));
  t.regex(r.err[0]!, /^cgsim: kernel\/cgroup\.c:4: cgroup_event_remove: unsupported construct: switch_statement/);
});

test('a patch file that is not there: one line, exit 2', async (t) => {
  const r = await cliIn(patchWith([]), 'explore', '--patch', 'nothing.diff', '--scenario', 'close-vs-rmdir', '--runs', '1');
  t.is(r.code, 2);
  t.deepEqual(r.err, ["cgsim: no patch file 'nothing.diff'"]);
});

test('a patch that shows none of the variant\'s functions whole is refused, not explored as its base', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cgsim-badc-'));
  writeFileSync(join(dir, 'other.diff'), created('kernel/other.c', ['static int unrelated(int a)', '{', '\treturn a;', '}']));
  const r = await cliIn(dir, 'explore', '--patch', 'other.diff', '--scenario', 'close-vs-rmdir', '--runs', '1');
  t.is(r.code, 2);
  t.is(r.err.length, 1, r.err.join('\n'));
  t.regex(r.err[0]!, /^cgsim: other\.diff: shows none of cgroup_event_wake, .* whole; nothing of it to interpret$/);
});
