import test from 'ava';
import type { cftype, write_string_t } from '../../../../../model/cgroup/cgroup.js';
import { cgroup_file_write } from '../../../../../model/variants/eras/core-2.6.33/fileWrite.js';
import { cgroup_file_operations } from '../../../../../model/cgroup/files.js';
import { file } from '../../../../../model/fs/file.js';
import type { Kernel } from '../../../../../model/kernel.js';
import type { CharPtr } from '../../../../../model/memory.js';
import { read_byte } from '../../../../../model/lib/string.js';
import { Userspace } from '../../../../../scenarios/userspace.js';
import { runKernel } from '../../../../helpers/kernelHarness.js';
import { cstring, pause, staticMem, T } from '../../../../helpers/modelFixtures.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** An open control file of the root cgroup whose cftype has `write_string` as its handler (and `max_write_len`, if given). */
function controlFile(k: Kernel, write_string: write_string_t, max_write_len?: number): file {
  const cft: cftype = { name: 'test.control', mode: { uid: 0, user: 6, other: 6 }, private: 0, subsys_id: null, write_string, ...(max_write_len === undefined ? {} : { max_write_len }) };
  const f = new file(staticMem(k, 'file'), cgroup_file_operations, cft.mode, '/test.control');
  f.f_fsdata = { cgrp: k.s.root, cft };
  return f;
}

const describeBuffer = (buf: CharPtr): string => `${buf.buf.mem.type} size=${buf.buf.mem.size} kind=${buf.buf.mem.kind}${buf.buf.mem.local === null ? '' : ` ${buf.buf.mem.local}`}`;

test('the handler gets the 64-byte local_buffer of cgroup_write_string: the bytes and a NUL, then uninitialised stack', (t) => {
  const seen: string[] = [];
  let frame: { freed: boolean } | null = null;
  const { outcome, kinds } = runKernel({
    actors: [
      {
        name: 'writer',
        body: function* (k) {
          const f = controlFile(k, function* (k2, cgrp, cft, buf) {
            frame = buf.buf.mem;
            seen.push(`${describeBuffer(buf)} off=${buf.off} text=${cstring(buf)} nul=${read_byte(k2, buf, 3, T)}`);
            // Past the NUL: a byte of the frame nothing wrote (it reads as NUL), then past the array.
            seen.push(`stale=${read_byte(k2, buf, 4, T)}`);
            read_byte(k2, buf, 64, T);
            return 0;
          });
          seen.push(`ret=${yield* cgroup_file_write(k, f, bytes('abc'))}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['char[] size=64 kind=stack local_buffer off=0 text=abc nul=0', 'stale=0', 'ret=3']);
  t.deepEqual(kinds, ['uninit-value', 'out-of-bounds']);
  const [uninit, oob] = outcome.findings;
  t.is(uninit!.title, 'BUG: KMSAN: uninit-value in test_body');
  t.is(uninit!.site, 'test_body uses uninitialised local_buffer of cgroup_write_string [test_body (test)]');
  t.deepEqual(uninit!.details.slice(-3), ['Local variable local_buffer created at:', ' cgroup_write_string (kernel/cgroup.c)', ' cgroup_file_write (kernel/cgroup.c)']);
  t.is(oob!.title, 'BUG: KASAN: stack-out-of-bounds in test_body');
  t.true(frame!.freed, 'the frame is gone once the write returns');
});

test('a write of 64 bytes or more to a file with a larger max_write_len gets kmalloc(nbytes + 1): past it is slab-out-of-bounds', (t) => {
  const seen: string[] = [];
  const { outcome, kinds } = runKernel({
    actors: [
      {
        name: 'writer',
        body: function* (k) {
          const f = controlFile(
            k,
            function* (k2, _c, _f, buf) {
              seen.push(`${describeBuffer(buf)} nul=${read_byte(k2, buf, buf.buf.mem.size - 1, T)}`);
              read_byte(k2, buf, buf.buf.mem.size, T);
              return 0;
            },
            100,
          );
          for (const n of [63, 64, 99, 100]) seen.push(`${n}: ${yield* cgroup_file_write(k, f, bytes('x'.repeat(n)))}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['char[] size=64 kind=stack local_buffer nul=0', '63: 63', 'char[] size=65 kind=slab nul=0', '64: 64', 'char[] size=100 kind=slab nul=0', '99: 99', '100: -7']);
  // The stack array's end and the heap buffers' ends: one report per block, each in its own form.
  t.deepEqual(
    outcome.findings.map((f) => f.title),
    ['BUG: KASAN: stack-out-of-bounds in test_body', 'BUG: KASAN: slab-out-of-bounds in test_body', 'BUG: KASAN: slab-out-of-bounds in test_body'],
  );
  t.deepEqual(kinds, ['out-of-bounds', 'out-of-bounds', 'out-of-bounds']);
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

test("a handler's error is the write's result, and the frame has returned, and a heap buffer is freed, either way", (t) => {
  const seen: string[] = [];
  const { kinds } = runKernel({
    actors: [
      {
        name: 'writer',
        body: function* (k) {
          let buffer: { freed: boolean; kind: string } | null = null;
          const f = controlFile(
            k,
            function* (_k, _c, _f, buf) {
              buffer = buf.buf.mem;
              return -22;
            },
            100,
          );
          seen.push(`ret=${yield* cgroup_file_write(k, f, bytes('x'))} ${buffer!.kind} freed=${buffer!.freed}`);
          seen.push(`ret=${yield* cgroup_file_write(k, f, bytes('x'.repeat(64)))} ${buffer!.kind} freed=${buffer!.freed}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['ret=-22 stack freed=true', 'ret=-22 slab freed=true']);
  t.deepEqual(kinds, []);
});

test('a long write whose buffer cannot be allocated is -ENOMEM and never reaches the handler; a short one needs no allocation', (t) => {
  const seen: string[] = [];
  runKernel({
    faults: [{ type: 'char[]', nth: 1 }],
    actors: [
      {
        name: 'writer',
        body: function* (k) {
          const f = controlFile(
            k,
            function* () {
              seen.push('handler');
              return 0;
            },
            100,
          );
          seen.push(`64: ${yield* cgroup_file_write(k, f, bytes('x'.repeat(64)))}`);
          seen.push(`1: ${yield* cgroup_file_write(k, f, bytes('x'))}`);
          yield* pause(k);
        },
      },
    ],
  });
  t.deepEqual(seen, ['64: -12', 'handler', '1: 1']);
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

test('a write of 63 bytes or more to a file without max_write_len is -E2BIG: it would not fit the 64-byte local buffer', (t) => {
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
