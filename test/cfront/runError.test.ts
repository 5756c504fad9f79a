/**
 * A C error that only shows up while a run executes the patch's code (here a member the struct lacks, in a
 * follow-up written at test time) is the user's: one line naming the patch file and line, exit 2, also when the
 * exploration ran in worker threads and when the printed replay runs it again.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { cli } from '../helpers/cli.js';
import { editLine } from './followUps.js';
import { SEED } from './seed.js';

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a member the model\'s struct lacks, met during a run: cgsim: PATCH:LINE: ..., exit 2, one line', async (t) => {
  const bad = editLine('cgroup_event_remove', 'kfree', (l) => l.replace('kfree(event)', 'kfree(event->cgrp->nonexistent)'));
  // The follow-up's own line of the edit: its '+' line.
  const patchLine = readFileSync(bad.path, 'utf8').split('\n').findIndex((l) => l.startsWith('+') && !l.startsWith('+++')) + 1;
  for (const jobs of [[], ['--workers', '2']]) {
    const r = await cli('explore', '--patch', SEED, '--patch', bad.path, '--scenario', 'close-vs-rmdir', '--runs', '20', ...jobs);
    t.is(r.code, 2, r.err.join('\n'));
    t.is(r.err.length, 1, r.err.join('\n'));
    t.regex(r.err[0]!, new RegExp(`^cgsim: ${esc(bad.path)}:${patchLine}: cgroup_event_remove: the model's cgroup has no member nonexistent \\(kernel/cgroup\\.c:${bad.lines[0]!} after the patches; met in actor 'kworker/0' at step \\d+ of close-vs-rmdir; replay: cgsim replay --patch `));
    const replay = /replay: (cgsim replay .*)\)$/.exec(r.err[0]!)![1]!;
    const again = await cli(...replay.split(' ').slice(1));
    t.is(again.code, 2);
    t.is(again.err.length, 1);
    t.regex(again.err[0]!, new RegExp(`^cgsim: ${esc(bad.path)}:${patchLine}: `));
  }
});

test('container_of through another member, and & of a pointer with a flag: each one line at the patch\'s line, exit 2', async (t) => {
  const cases = [
    { bad: editLine('cgroup_event_remove', 'remove);', (l) => l.replace('remove);', 'wait);')), what: /cgroup_event_remove: container_of\(cgroup_event#\d+\.remove, struct cgroup_event, wait\): the pointer is not the wait member of its struct cgroup_event/ },
    { bad: editLine('cgroup_event_wake', 'flags & POLLHUP', (l) => l.replace('flags & POLLHUP', 'event->cgrp & POLLHUP')), what: /cgroup_event_wake: operator & on a pointer to cgroup, not a number/ },
  ];
  for (const { bad, what } of cases) {
    const r = await cli('explore', '--patch', SEED, '--patch', bad.path, '--scenario', 'close-vs-rmdir', '--runs', '20');
    t.is(r.code, 2, r.err.join('\n'));
    t.is(r.err.length, 1);
    // Named by the statement's first line (the container_of's statement begins on a line of the seed's).
    t.regex(r.err[0]!, /^cgsim: \S+:\d+: /);
    t.regex(r.err[0]!, what);
  }
});
