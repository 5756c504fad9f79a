import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { SEED_PATCH } from '../helpers/patch.js';

const UAF = ['replay', '--variant', 'v4', '--scenario', 'close-vs-rmdir', '--schedule', 's1:a63c34d5'];
const DEADLOCK = ['replay', '--variant', 'v4', '--scenario', 'close-vs-rmdir', '--schedule', 's1:a63c9b7'];

test('--format diagram draws each report of the execution, CPU by CPU, and ends with the replay command', async (t) => {
  const r = await cli(...DEADLOCK, '--format', 'diagram');
  t.is(r.code, 1);
  const text = r.out.join('\n');
  t.regex(text, /^WARNING: possible circular locking dependency detected$/m);
  t.regex(text, /^BUG: spinlock lockup suspected on CPU#\d+, close$/m);
  t.regex(text, /^ +close +rmdir$/m);
  t.regex(text, /cgroup_call_pre_destroy:785\n +spin_lock cgroup#3\.event_list_lock/);
  t.regex(text, /^replay: cgsim replay --variant v4 --scenario close-vs-rmdir --schedule s1:a63c9b7$/m);
  const one = await cli(...DEADLOCK, '--format', 'diagram', '--report', '2');
  t.false(one.out.join('\n').includes('circular'), '--report picks one report');
});

test('--format mermaid prints fenced sequence diagrams, one per report', async (t) => {
  const r = await cli(...UAF, '--format', 'mermaid');
  t.is(r.code, 1);
  t.deepEqual([r.out[0], r.out[1]], ['```mermaid', 'sequenceDiagram']);
  t.is(r.out.filter((l) => l === '```').length, 1);
  t.true(r.out.some((l) => /^  participant P\d+ as kworker\/0$/.test(l)));
});

test('--format json (and --json) print the replay document; it replays to the same bytes', async (t) => {
  const a = await cli(...UAF, '--format', 'json');
  const b = await cli(...UAF, '--json');
  t.is(a.out.join('\n'), b.out.join('\n'));
  const doc = JSON.parse(a.out.join('\n')) as { format: string; findings: { title: string }[] };
  t.is(doc.format, 'cgsim-replay/1');
  t.is(doc.findings[0]!.title, 'BUG: KASAN: use-after-free in mem_cgroup_unregister_event');
});

test('--html writes the viewer, with the patch text when --patch is given, and --out the text, each whole', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cgsim-replay-'));
  const html = join(dir, 'uaf.html');
  const out = join(dir, 'uaf.txt');
  const r = await cli(...UAF, '--html', html, '--patch', SEED_PATCH, '--out', out, '--format', 'diagram');
  t.is(r.code, 1);
  t.deepEqual(r.out, [], 'the text went to --out');
  t.regex(readFileSync(out, 'utf8'), /^BUG: KASAN: use-after-free in mem_cgroup_unregister_event$/m);
  const page = readFileSync(html, 'utf8');
  t.regex(page, /^<!doctype html>/);
  // Embedded as escaped JSON: no '<', '>' or '&' of the patch reaches the HTML parser.
  t.true(page.includes('schedule_work(\\u0026event-\\u003eremove);'), 'the patch line of step 78 travels with the page');
  t.deepEqual(readdirSync(dir).sort(), ['uaf.html', 'uaf.txt'], 'no temporary file left behind');
});

test('bad input is one clear line and exit 2, before anything runs or is written', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cgsim-replay-'));
  const cases: [string[], RegExp][] = [
    [[...UAF, '--format', 'svg'], /^cgsim: --format must be one of text, diagram, json, mermaid, got 'svg'$/],
    [[...UAF, '--json', '--format', 'diagram'], /--json and --format diagram ask for two formats/],
    [[...UAF, '--format', 'diagram', '--report', '3'], /--report 3: this execution has 1 report\(s\)/],
    [[...UAF, '--report', '1'], /--report picks the report to draw: it goes with --format diagram or mermaid, not text/],
    [[...UAF, '--patch', SEED_PATCH], /--patch is for the viewer: give --html FILE too/],
    [[...UAF, '--html', join(dir, 'missing', 'x.html')], /cannot write .*x\.html: directory .*missing/],
    [[...UAF, '--html', join(dir, 'v.html'), '--patch', join(dir, 'nope.diff')], /cannot read the patch .*nope\.diff: no such file or directory$/],
  ];
  writeFileSync(join(dir, 'not-a-diff.txt'), 'hello\n');
  cases.push([[...UAF, '--html', join(dir, 'v.html'), '--patch', join(dir, 'not-a-diff.txt')], /holds no unified diff/]);
  for (const [argv, message] of cases) {
    const r = await cli(...argv);
    t.is(r.code, 2, argv.join(' '));
    t.regex(r.err.join('\n'), message);
    t.deepEqual(r.out, []);
  }
  t.false(existsSync(join(dir, 'v.html')), 'a bad --patch writes no page');
});
