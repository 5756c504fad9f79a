import test from 'ava';
import type { cftype, write_string_t } from '../../../../../model/cgroup/cgroup.js';
import { cgroup_file_write } from '../../../../../model/variants/eras/core-2.6.33/fileWrite.js';
import { cgroup_file_operations } from '../../../../../model/cgroup/files.js';
import { file } from '../../../../../model/fs/file.js';
import type { Kernel } from '../../../../../model/kernel.js';
import { read_byte } from '../../../../../model/lib/string.js';
import { Userspace } from '../../../../../scenarios/userspace.js';
import { runKernel } from '../../../../helpers/kernelHarness.js';
import { cstring, pause, staticMem, T } from '../../../../helpers/modelFixtures.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** An open control file of the root cgroup whose cftype has `write_string` as its handler. */
function controlFile(k: Kernel, write_string: write_string_t): file {
  const cft: cftype = { name: 'test.control', mode: { uid: 0, user: 6, other: 6 }, private: 0, subsys_id: null, write_string };
  const f = new file(staticMem(k, 'file'), cgroup_file_operations, cft.mode, '/test.control');
  f.f_fsdata = { cgrp: k.s.root, cft };
  return f;
}

test('the handler gets a heap buffer of exactly nbytes + 1, NUL-terminated, and reading past it is out-of-bounds', (t) => {
  const seen: string[] = [];
  const { outcome, kinds } = runKernel({
    actors: [
      {
        name: 'writer',
        body: function* (k) {
          const f = controlFile(k, function* (k2, cgrp, cft, buf) {
            seen.push(`${buf.buf.mem.type} size=${buf.buf.mem.size} kind=${buf.buf.mem.kind} off=${buf.off} text=${cstring(buf)} nul=${read_byte(k2, buf, 3, T)}`);
            read_byte(k2, buf, 4, T);
            return 0;
          });
          seen.push(`ret=${yield* cgroup_file_write(k, f, bytes('abc'))}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['char[] size=4 kind=slab off=0 text=abc nul=0', 'ret=3']);
  t.deepEqual(kinds, ['out-of-bounds']);
  t.true(outcome.findings[0]!.details.includes('Read of size 1 at offset 4 of char[]#1 by task writer (step 3) in test_body (test)'));
});

test('the handler sees the text with surrounding whitespace stripped', (t) => {
  const seen: string[] = [];
  runKernel({
    actors: [
      {
        name: 'writer',
        body: function* (k) {
          const f = controlFile(k, function* (_k, _c, _f, buf) {
            seen.push(`off=${buf.off} text=${JSON.stringify(cstring(buf))}`);
            return 0;
          });
          seen.push(`ret=${yield* cgroup_file_write(k, f, bytes('  12 34 \n'))}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['off=2 text="12 34"', 'ret=9']);
});

test("a handler's error is the write's result and the buffer is freed either way", (t) => {
  const seen: string[] = [];
  const { kinds } = runKernel({
    actors: [
      {
        name: 'writer',
        body: function* (k) {
          let buffer: { freed: boolean } | null = null;
          const f = controlFile(k, function* (_k, _c, _f, buf) {
            buffer = buf.buf.mem;
            return -22;
          });
          seen.push(`ret=${yield* cgroup_file_write(k, f, bytes('x'))} freed=${buffer!.freed}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['ret=-22 freed=true']);
  t.deepEqual(kinds, []);
});

test('a write whose buffer cannot be allocated is -ENOMEM and never reaches the handler', (t) => {
  const seen: string[] = [];
  runKernel({
    faults: [{ type: 'char[]', nth: 1 }],
    actors: [
      {
        name: 'writer',
        body: function* (k) {
          const f = controlFile(k, function* () {
            seen.push('handler');
            return 0;
          });
          seen.push(`ret=${yield* cgroup_file_write(k, f, bytes('x'))}`);
          yield* pause(k);
        },
      },
    ],
  });
  t.deepEqual(seen, ['ret=-12']);
});

test('a write to a control file of a removed cgroup is -ENODEV', (t) => {
  const seen: string[] = [];
  const { kinds } = runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('admin');
          yield* u.mkdir(p, '/a');
          const fd = yield* u.open(p, '/a', 'cgroup.event_control', 2);
          seen.push(`before rmdir: ${yield* u.write(p, fd, 'junk')}`);
          yield* u.rmdir(p, '/a');
          seen.push(`after rmdir: ${yield* u.write(p, fd, 'junk')}`);
          yield* u.close(p, fd);
        },
      },
    ],
  });
  // Before the rmdir the handler runs (and rejects the text); after it, the write never gets that far.
  t.deepEqual(seen, ['before rmdir: -22', 'after rmdir: -19']);
  t.deepEqual(kinds, []);
});

test('a write to a control file without a write handler is -EINVAL', (t) => {
  const rets: number[] = [];
  runKernel({
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('admin');
          const fd = yield* u.open(p, '/', 'memory.usage_in_bytes', 6);
          rets.push(yield* u.write(p, fd, '4096'));
          yield* u.close(p, fd);
        },
      },
    ],
  });
  t.deepEqual(rets, [-22]);
});

test('a write of 63 bytes or more is -E2BIG: it would not fit the 64-byte local buffer', (t) => {
  const seen: string[] = [];
  runKernel({
    actors: [
      {
        name: 'writer',
        body: function* (k) {
          const f = controlFile(k, function* () {
            seen.push('handler');
            return 0;
          });
          seen.push(`62: ${yield* cgroup_file_write(k, f, bytes('x'.repeat(62)))}`);
          seen.push(`63: ${yield* cgroup_file_write(k, f, bytes('x'.repeat(63)))}`);
          yield* pause(k);
        },
      },
    ],
  });
  t.deepEqual(seen, ['handler', '62: 62', '63: -7']);
});
