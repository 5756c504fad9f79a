import test from 'ava';
import { createdSites } from '../../model/site.js';
import { v4Bugs } from '../helpers/v4Witnesses.js';

/**
 * The first line each kernel tool prints, per kind of bug: what kernel developers grep for and tools such as
 * syzkaller parse. cgsim's own kinds (contract violations, lost notifications) have a header of their own.
 */
const HEADERS: Record<string, RegExp> = {
  'use-after-free': /^BUG: KASAN: use-after-free in [a-z_]\w*$/,
  'double-free': /^BUG: KASAN: double-free in [a-z_]\w*$/,
  'out-of-bounds': /^BUG: KASAN: (slab|stack)-out-of-bounds in [a-z_]\w*$/,
  'uninit-value': /^BUG: KMSAN: uninit-value in [a-z_]\w*$/,
  'lock-order-inversion': /^WARNING: possible circular locking dependency detected$/,
  'lock-recursion': /^WARNING: possible recursive locking detected$/,
  'irq-lock-inversion': /^WARNING: (SOFTIRQ|HARDIRQ)-safe -> \1-unsafe lock order detected$|^WARNING: inconsistent lock state$|^WARNING: possible irq lock inversion dependency detected$/,
  // A 2.6.33 list_del of a deleted entry faults in the check before it can warn.
  'list-corruption': /^list_(add|del) corruption|^general protection fault: 0000 \[#1\] SMP$/,
  'null-deref': /^BUG: unable to handle kernel NULL pointer dereference at [0-9a-f]{16}$|^BUG: unable to handle kernel paging request at [0-9a-f]{16}$|^general protection fault: 0000 \[#1\] SMP$/,
  leak: /^unreferenced object \S+ \(size \d+\):$/,
  deadlock: /^BUG: spinlock (lockup suspected|recursion) on CPU#\d+, \S+$|^INFO: task \S+ blocked for more than 120 seconds\.$/,
  'kernel-bug': /^kernel BUG at [\w/.]+(:\d+)?!$/,
  'sleep-in-atomic': /^BUG: sleeping function called from invalid context at [\w/.]+(:\d+)?$/,
  'refcount-underflow': /^refcount_t: (underflow|addition on 0); use-after-free\.$|^percpu ref \(\w+\) <= 0 \(-?\d+\) after switching to atomic$|^cgsim: percpu_ref /,
  'soft-lockup': /^BUG: soft lockup - CPU#\d+ stuck for \d+ steps! \[\S+\]$/,
  'contract-violation': /^cgsim: contract violation: /,
  'lost-notification': /^cgsim: lost notification: /,
};

/** A frame of a call trace: a C function name, and the file (and line, when the patch shows it) it mirrors. */
const FRAME = /^ [a-z_][a-z0-9_]*( \([\w/.-]+(:\d+)?\))?$/;

const bugs = v4Bugs();

test('every v4 bug is reported under the first line its kernel tool prints', async (t) => {
  const all = await bugs;
  t.true(all.length >= 19, `${all.length} bugs`);
  for (const { bug, finding } of all) {
    t.regex(finding.title, HEADERS[finding.kind]!, bug.key);
    // The title is a line of its own (after the tool's rule, if it draws one), never prefixed.
    const first = finding.text.find((l) => l !== '' && !/^(=+|-+|-+\[ cut here \]-+)$/.test(l));
    t.is(first, finding.title, bug.key);
  }
});

test("every call trace of every v4 report is a chain of C functions, innermost first, with the lines they mirror", async (t) => {
  // Functions the model labels with lines of the patch: in a call trace each must show the line it is at.
  const lined = new Set(createdSites.filter((s) => s.line > 0).map((s) => s.fn));
  let traces = 0;
  let framesWithLines = 0;
  for (const { bug, finding } of await bugs) {
    finding.text.forEach((line, i) => {
      if (!/^(Call Trace|Allocated by task .*|Freed by task .*|  backtrace):?$/.test(line.trim()) && line !== 'Call Trace:') return;
      traces++;
      const frames: string[] = [];
      for (let j = i + 1; j < finding.text.length && /^ +[a-z_]/.test(finding.text[j]!) && !/^ +comm /.test(finding.text[j]!); j++) frames.push(finding.text[j]!.replace(/^ +/, ' '));
      t.true(frames.length > 0, `${bug.key}: an empty trace after '${line}'`);
      for (const f of frames) {
        t.regex(f, FRAME, bug.key);
        const fn = /^ (\w+)/.exec(f)![1]!;
        if (!lined.has(fn)) continue;
        t.regex(f, /:\d+\)$/, `${bug.key}: ${fn} without its line`);
        framesWithLines++;
      }
    });
  }
  t.true(traces >= 19, `${traces} traces`);
  t.true(framesWithLines >= 10, `${framesWithLines} frames of the patch's functions`);
});

test('a KASAN use-after-free says who allocated and who freed the object, each with its call trace', async (t) => {
  const uaf = (await bugs).filter((b) => b.finding.kind === 'use-after-free');
  t.true(uaf.length >= 4);
  for (const { finding } of uaf) {
    const text = finding.text.join('\n');
    t.regex(text, /^(Read|Write) of size \d+ at addr \S+( \(\S+\))? by task \S+/m);
    t.regex(text, /^Call Trace:\n [a-z_]/m);
    t.regex(text, /^Allocated by task \S+ at step \d+:\n [a-z_]/m);
    t.regex(text, /^Freed by task \S+ at step \d+:\n [a-z_]/m);
    t.is(finding.text[0], '='.repeat(66));
  }
});

test("KMSAN's uninit-value is ruled as KMSAN rules it and says where the value was created", async (t) => {
  const kmsan = (await bugs).filter((b) => b.finding.kind === 'uninit-value');
  t.is(kmsan.length, 1);
  for (const { finding } of kmsan) {
    const text = finding.text.join('\n');
    t.is(finding.text[0], '='.repeat(53));
    t.regex(text, /^Call Trace:\n res_counter_memparse_write_strategy \(kernel\/res_counter\.c\)\n mem_cgroup_register_event/m);
    t.regex(text, /^Local variable local_buffer created at:\n cgroup_write_string \(kernel\/cgroup\.c\)\n cgroup_file_write \(kernel\/cgroup\.c\)\n={53}$/m);
  }
});

test('lockdep reports carry the unsafe locking scenario table', async (t) => {
  const lockdep = (await bugs).filter((b) => b.finding.kind === 'lock-order-inversion' || b.finding.kind === 'irq-lock-inversion');
  t.is(lockdep.length, 2);
  for (const { finding } of lockdep) {
    t.true(finding.text.some((l) => /^Possible (interrupt )?unsafe locking scenario:$/.test(l)));
    t.true(finding.text.includes(' *** DEADLOCK ***'));
  }
});

test("lockdep's recursion report is ruled as lockdep rules it; percpu_ref's warning sits between cut here and end trace", async (t) => {
  const { kernelReport } = await import('../../report/kernelText.js');
  const finding = (kind: string, title: string) => ({ kind, title, site: 's', object: 'o', details: ['body'], fatal: false, corrupts: false, step: 0, actor: 'a' }) as Parameters<typeof kernelReport>[0];
  t.deepEqual(kernelReport(finding('lock-recursion', 'WARNING: possible recursive locking detected'), 1, 9).slice(0, 4), ['', '='.repeat(54), 'WARNING: possible recursive locking detected', '-'.repeat(54)]);
  const warn = kernelReport(finding('refcount-underflow', 'percpu ref (css_release) <= 0 (0) after switching to atomic'), 1, 9);
  t.deepEqual(warn.slice(0, 2), ['------------[ cut here ]------------', 'percpu ref (css_release) <= 0 (0) after switching to atomic']);
  t.true(warn.includes('---[ end trace 0000000000000000 ]---'));
});
