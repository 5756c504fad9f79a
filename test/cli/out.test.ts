import test from 'ava';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'cgsim-out-'));

test('--out writes to the file exactly what stdout would show, and nothing to stdout', async (t) => {
  const given: Record<string, string[]> = {
    explore: ['--scenario', 'bad-write:no-args', '--runs', '5'],
    verify: ['--scenario', 'bad-write:no-args'],
    fuzz: ['--runs', '20'],
  };
  for (const [command, json] of [['explore', false], ['explore', true], ['verify', false], ['fuzz', true]] as const) {
    const file = join(scratch(), 'report');
    const extra = given[command]!;
    const plain = await cli(command, ...extra, ...(json ? ['--json'] : []));
    const written = await cli(command, ...extra, ...(json ? ['--json'] : []), '--out', file);
    t.is(written.code, plain.code, command);
    t.deepEqual(written.out, [], command);
    t.is(readFileSync(file, 'utf8'), plain.out.map((l) => `${l}\n`).join(''), command);
  }
});

test('--out to a directory that does not exist exits 2 before running anything', async (t) => {
  for (const command of ['explore', 'verify', 'fuzz']) {
    const file = join(scratch(), 'missing', 'report.txt');
    const r = await cli(command, command === 'verify' ? '--max-executions' : '--runs', '100000', '--out', file);
    t.is(r.code, 2, command);
    t.deepEqual(r.out, [], command);
    t.regex(r.err[0] ?? '', /^cgsim: cannot write .*missing\/report\.txt: directory .*missing: no such file or directory$/, command);
    // No summary line: the run never started.
    t.is(r.err.length, 1, command);
    t.false(existsSync(file));
  }
});

test('a write that fails at the end prints the whole report on stdout as well as the error, exit 2', async (t) => {
  const dir = scratch();
  const file = join(dir, 'report.txt');
  // The directory passes the check before the run; the temporary file's name is taken by a directory.
  mkdirSync(join(dir, `.report.txt.${process.pid}.tmp`));
  const args = ['explore', '--scenario', 'bad-write:no-args', '--runs', '5'];
  const r = await cli(...args, '--out', file);
  t.is(r.code, 2);
  t.deepEqual(r.out, (await cli(...args)).out);
  t.regex(r.err.join('\n'), /^cgsim: cannot write .*report\.txt: /m);
  t.false(existsSync(file));
});
