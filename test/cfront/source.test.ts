/** --source FILE[:fn,...]: a whole C file of the user's tree, its functions by name over the base. */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wholeFunctions } from '../../cfront/functions.js';
import { heldTextOfFile } from '../../cfront/wholeFile.js';
import { parseSourcePick, patchSpec, variantArgs } from '../../harness/patchSpec.js';
import { cli } from '../helpers/cli.js';
import { quotedC } from './versionsC.js';

const dir = mkdtempSync(join(tmpdir(), 'cgsim-source-'));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

test('a whole file is held text with no gaps, each line at its own number', (t) => {
  const held = heldTextOfFile('kernel/x.c', 'int a;\n\nstatic int f(void)\n{\n\treturn 0;\n}\n');
  t.is(held.length, 6);
  t.deepEqual(held.gaps(), []);
  t.is(held.text(3), 'static int f(void)');
  t.deepEqual(
    wholeFunctions(held).map((d) => [d.name, d.firstLine, d.lastLine]),
    [['f', 3, 6]],
  );
});

test('FILE:fn1,fn2 picks functions; a bare FILE picks every slot; the spec prints --source back', (t) => {
  t.deepEqual(parseSourcePick('kernel/cgroup.c'), { file: 'kernel/cgroup.c', functions: null });
  t.deepEqual(parseSourcePick('kernel/cgroup.c:cgroup_event_wake,cgroup_event_remove'), { file: 'kernel/cgroup.c', functions: ['cgroup_event_wake', 'cgroup_event_remove'] });
  t.is(variantArgs(patchSpec(['a.patch'], 'v3.11', ['b.c', 'c.c:cgroup_event_wake'])), '--patch a.patch --source b.c --source c.c:cgroup_event_wake --base v3.11');
  // Without sources the spec is spelled as before.
  t.is(patchSpec(['a.patch']), 'patch:{"patches":["a.patch"],"base":"v4"}');
});

test('explore --source prints replay commands with --source, and each replays its bug through the C', async (t) => {
  const c = quotedC('### 2c.');
  const r = await cli('explore', '--source', c.file, '--base', 'v2.6.34', '--scenario', 'close-vs-rmdir', '--runs', '60');
  t.is(r.code, 1, r.err.join('\n'));
  t.regex(r.out[0]!, /from the patch: cgroup_event_remove \(.*:314-325\), cgroup_event_wake \(.*:332-353\); from base v2\.6\.34: the rest/);
  const replays = r.out.filter((l) => l.includes('replay: ')).map((l) => l.slice(l.indexOf('replay: ') + 8));
  t.true(replays.length > 0);
  for (const cmd of replays) {
    t.true(cmd.startsWith(`cgsim replay --source ${c.file} --base v2.6.34 --scenario close-vs-rmdir --schedule `), cmd);
    const again = await cli(...cmd.split(' ').slice(1));
    t.is(again.code, 1, again.err.join('\n'));
    // The trace names the file's own lines.
    t.true(again.out.some((l) => /cgroup_event_wake:34\d/.test(l)));
  }
});

test('usage errors, one line, exit 2: no such file, no slot in it, a picked function not in it, --variant too', async (t) => {
  const one = async (...argv: string[]) => {
    const r = await cli('explore', ...argv, '--runs', '1');
    t.is(r.code, 2, r.out.join('\n'));
    t.is(r.err.length, 1);
    return r.err[0]!;
  };
  t.is(await one('--source', 'no/such/file.c'), "cgsim: no source file 'no/such/file.c'");
  const plain = write('plain.c', 'static int helper(void)\n{\n\treturn 0;\n}\n');
  t.regex(await one('--source', plain), /^cgsim: .*plain\.c: defines none of cgroup_event_wake, .* whole; nothing of it to interpret$/);
  t.regex(await one('--source', `${plain}:cgroup_event_wake`), /^cgsim: .*plain\.c: defines no function cgroup_event_wake whole$/);
  t.regex(await one('--source', `${plain}:helper`), /^cgsim: .*plain\.c: helper is not one of the variant's functions/);
  t.regex(await one('--variant', 'v4', '--source', plain), /^cgsim: --variant and --source both name the variant/);
  const replay = await cli('replay', '--variant', 'v4', '--source', plain, '--scenario', 'close-vs-rmdir', '--schedule', 's1:a1');
  t.is(replay.code, 2);
  t.regex(replay.err[0]!, /^cgsim: --variant and --source both name the variant/);
});
