/**
 * A series reviewed on the command line: follow-ups written at test time over the seed (test/cfront/followUps.ts),
 * explored, compared against the seed's C, and replayed as diagrams and as the viewer page. The lines the reports
 * name are the follow-up's post-image lines, and the viewer shows them as the last patch left them.
 */
import test from 'ava';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { DATA_ID } from '../../report/html/page.js';
import type { ViewData } from '../../report/html/view.js';
import { dropEfileCheck, dropRegisterCheck, lockAroundUnregister, seedLineOf, swapPutAndRemove } from './followUps.js';
import { SEED } from './seed.js';

const EVENTFD_UAF = /^\[\d+\] use-after-free: eventfd_ctx$/;
const replays = (out: readonly string[]): string[] => out.filter((l) => l.includes('replay: ')).map((l) => l.slice(l.indexOf('replay: ') + 8));

test('swapping the put of the eventfd and the wait-queue removal ends the use-after-free of eventfd_ctx in cgroup_event_remove', async (t) => {
  const swap = swapPutAndRemove();
  const seed = await cli('explore', '--patch', SEED, '--scenario', 'close-vs-rmdir', '--runs', '200');
  const series = await cli('explore', '--patch', SEED, '--patch', swap.path, '--scenario', 'close-vs-rmdir', '--runs', '200');
  t.true(seed.out.some((l) => EVENTFD_UAF.test(l)));
  t.false(series.out.some((l) => EVENTFD_UAF.test(l)), series.out.join('\n'));
  t.true(replays(series.out).every((r) => r.includes(`--patch ${SEED} --patch ${swap.path} `)));
  // Not only unseen in 200 runs: absent from every trace of the scenario (DPOR, complete), where the seed has it.
  const proven = await cli('verify', '--patch', SEED, '--patch', swap.path, '--scenario', 'close-vs-rmdir');
  const seedProven = await cli('verify', '--patch', SEED, '--scenario', 'close-vs-rmdir');
  t.true(seedProven.out.some((l) => EVENTFD_UAF.test(l)));
  t.false(proven.out.some((l) => EVENTFD_UAF.test(l)), proven.out.join('\n'));
  t.is(proven.code, 1);
  t.true(proven.out.some((l) => /^close-vs-rmdir +\d+ +\d+ +[\d.]+ s +\d+ bug\(s\)$/.test(l)), proven.out.join('\n'));
});

test('compare --series: the seed and the seed with the swap, side by side; they differ in the eventfd_ctx use-after-free', async (t) => {
  const swap = swapPutAndRemove();
  const r = await cli('compare', '--variants', 'v4', '--series', SEED, '--series', `${SEED}+${swap.path}`, '--scenario', 'close-vs-rmdir', '--runs', '100');
  t.is(r.code, 1, r.err.join('\n'));
  t.is(r.out[0], `cgsim compare: v4, ${SEED}, ${SEED} + ${swap.path}`);
  const row = r.out.find((l) => /^ *\d+ +use-after-free: eventfd_ctx/.test(l))!;
  t.regex(row, /run \d+ +run \d+ +- *$/);
  const twice = await cli('compare', '--series', SEED, '--series', SEED);
  t.is(twice.code, 2);
  t.regex(twice.err[0]!, /^cgsim: --series names .* twice$/);
  const empty = await cli('compare', '--series', `${SEED}+`);
  t.is(empty.code, 2);
  t.regex(empty.err[0]!, /^cgsim: --series is patch files joined by '\+'/);
  const baseAlone = await cli('compare', '--variants', 'v4', '--base', 'v4');
  t.is(baseAlone.code, 2);
  t.regex(baseAlone.err[0]!, /^cgsim: --base is the variant a --patch or --series is laid over/);
});

test('a lock taken around unregister_event: its sleep in atomic context is reported at the follow-up\'s line of the call, in the report and its diagram', async (t) => {
  const lock = lockAroundUnregister();
  const call = lock.lines[1]!;
  const r = await cli('explore', '--patch', SEED, '--patch', lock.path, '--scenario', 'close-vs-rmdir', '--runs', '200');
  t.is(r.code, 1);
  const at = r.out.findIndex((l) => l.includes('in atomic context') && l.includes(`cgroup_event_remove (kernel/cgroup.c:${call})`));
  t.true(at >= 0, r.out.join('\n'));
  const replay = r.out.slice(at).find((l) => l.includes('replay: '))!;
  const diagram = await cli(...replay.slice(replay.indexOf('replay: ') + 8).split(' ').slice(1), '--format', 'diagram', '--report', '1');
  t.is(diagram.code, 1);
  // The step that takes the lock is at the line the follow-up added.
  t.true(diagram.out.some((l) => l.trim().endsWith(`cgroup_event_remove:${lock.lines[0]!}`)), diagram.out.join('\n'));
});

test('without the IS_ERR test of efile: the ERR_PTR dereference at the follow-up\'s line, in the report and the viewer', async (t) => {
  const drop = dropEfileCheck();
  const line = drop.lines[0]!;
  const patches = ['--patch', SEED, '--patch', drop.path];
  const r = await cli('explore', ...patches, '--scenario', 'bad-write:closed-efd', '--runs', '5');
  t.is(r.code, 1);
  t.true(r.out.some((l) => l.includes('dereferences an ERR_PTR') && l.includes(`kernel/cgroup.c:${line})`)), r.out.join('\n'));
  const replay = replays(r.out)[0]!.split(' ').slice(1);
  const html = join(mkdtempSync(join(tmpdir(), 'cgsim-series-html-')), 'trace.html');
  const page = await cli(...replay, '--html', html);
  t.is(page.code, 1, page.err.join('\n'));
  const text = readFileSync(html, 'utf8');
  const json = text.slice(text.indexOf(`id="${DATA_ID}">`) + DATA_ID.length + 6, text.indexOf('</script>', text.indexOf(`id="${DATA_ID}"`)));
  const view = (JSON.parse(json) as { view: ViewData }).view;
  const shown = new Map(view.patch!.find((e) => e.file === 'kernel/cgroup.c')!.lines.map(([n, s]) => [n, s] as const));
  // The line the dereference is at shows the follow-up's post-image (the use of efile, where the seed had its test).
  const followUpText = readFileSync(drop.path, 'utf8').split('\n').filter((l) => l.startsWith(' ')).at(-1)!.slice(1);
  t.is(shown.get(line), followUpText);
});

test('without the `if (ret) goto fail` after register_event: the failed registration is unregistered later; the trace is numbered as after the follow-up', async (t) => {
  const drop = dropRegisterCheck();
  const seed = await cli('explore', '--patch', SEED, '--scenario', 'bad-write:register-fails', '--runs', '20');
  t.is(seed.code, 0, seed.out.join('\n'));
  const series = await cli('explore', '--patch', SEED, '--patch', drop.path, '--scenario', 'bad-write:register-fails', '--runs', '20');
  t.is(series.code, 1);
  t.true(series.out.some((l) => l.includes('unregister_event called for a register_event that failed')), series.out.join('\n'));
  const trace = await cli(...replays(series.out)[0]!.split(' ').slice(1), '--full');
  // The two lines the follow-up removed move what comes after them up by two.
  const lock = seedLineOf('cgroup_write_event_control', 'spin_lock(&cgrp->event_list_lock)') - 2;
  t.true(trace.out.some((l) => l.includes(`cgroup_write_event_control:${lock} spin_lock`)), trace.out.join('\n'));
});
