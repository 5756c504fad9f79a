import test from 'ava';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertWritable, writeFileAtomic, writeFilesAtomic, WriteError } from '../../harness/atomicWrite.js';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'cgsim-atomic-'));
}

test('the target is replaced whole, and no temporary file stays behind', (t) => {
  const dir = scratch();
  const target = join(dir, 'report.txt');
  writeFileSync(target, 'old report\n');
  writeFileAtomic(target, 'new report\nsecond line\n');
  t.is(readFileSync(target, 'utf8'), 'new report\nsecond line\n');
  t.deepEqual(readdirSync(dir), ['report.txt']);
});

test('a failed write leaves the old file as it was', (t) => {
  const dir = scratch();
  const target = join(dir, 'report.txt');
  writeFileSync(target, 'old report\n');
  // A directory where the temporary file goes: the write fails before the target is touched.
  mkdirSync(join(dir, `.report.txt.${process.pid}.tmp`));
  const e = t.throws(() => writeFileAtomic(target, 'new report\n'), { instanceOf: WriteError });
  t.is(e!.path, target);
  t.is(readFileSync(target, 'utf8'), 'old report\n');
});

test('a failed rename removes the temporary file', (t) => {
  const dir = scratch();
  // A non-empty directory cannot be renamed over: the temporary file is written, then must go.
  const target = join(dir, 'taken');
  mkdirSync(target);
  writeFileSync(join(target, 'inside'), 'kept\n');
  t.throws(() => writeFileAtomic(target, 'report\n'), { instanceOf: WriteError, message: new RegExp(`^cannot write ${target}: `) });
  t.deepEqual(readdirSync(dir), ['taken']);
  t.is(readFileSync(join(target, 'inside'), 'utf8'), 'kept\n');
});

test('a missing directory is a clear error, before and at the write', (t) => {
  const target = join(scratch(), 'no-such-dir', 'report.txt');
  t.throws(() => assertWritable(target), { instanceOf: WriteError, message: /^cannot write .*report\.txt: directory .*no-such-dir: no such file or directory$/ });
  t.throws(() => writeFileAtomic(target, 'x'), { instanceOf: WriteError, message: /^cannot write .*report\.txt: no such file or directory$/ });
});

test('assertWritable refuses a directory as the target, and a file as the directory', (t) => {
  const dir = scratch();
  t.throws(() => assertWritable(dir), { instanceOf: WriteError, message: /it is a directory/ });
  writeFileSync(join(dir, 'plain'), '');
  t.throws(() => assertWritable(join(dir, 'plain', 'report.txt')), { instanceOf: WriteError, message: /is not a directory/ });
  t.notThrows(() => assertWritable(join(dir, 'new-report.txt')));
});

test('files written together: when one cannot be written, none is replaced and no temporary file stays', (t) => {
  const dir = scratch();
  const page = join(dir, 'page.html');
  writeFileSync(page, 'old page\n');
  const blocked = join(dir, 'gone', 'report.txt');
  t.throws(() => writeFilesAtomic([{ path: page, text: 'new page\n' }, { path: blocked, text: 'report\n' }]), { instanceOf: WriteError, message: /gone/ });
  t.is(readFileSync(page, 'utf8'), 'old page\n');
  t.deepEqual(readdirSync(dir), ['page.html']);
  writeFilesAtomic([{ path: page, text: 'new page\n' }, { path: join(dir, 'report.txt'), text: 'report\n' }]);
  t.deepEqual(readdirSync(dir).sort(), ['page.html', 'report.txt']);
  t.is(readFileSync(page, 'utf8'), 'new page\n');
});
