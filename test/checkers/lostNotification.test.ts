import test from 'ava';
import { LostNotificationChecker } from '../../checkers/lostNotification.js';
import type { ApiEvent } from '../../model/probes.js';
import { Userspace, type Proc } from '../../scenarios/userspace.js';
import { RandomStrategy } from '../../sim/strategy/random.js';
import { world } from '../helpers/apiEvents.js';
import { FakeContext, ofKind } from '../helpers/checkerKit.js';
import { runKernel } from '../helpers/kernelHarness.js';

/** Feeds `events` one step apart (event i at step i) as actor `register` (index 0) or `rmdir` (index 1). */
function feed(events: readonly (ApiEvent | [ApiEvent, number])[]) {
  const ctx = new FakeContext(['register', 'rmdir']);
  const c = new LostNotificationChecker();
  c.beginRun(ctx);
  events.forEach((e, i) => {
    ctx.step = i;
    const [event, actor] = Array.isArray(e) ? e : [e, 0];
    ctx.current = actor;
    c.api(event);
  });
  return ctx;
}

const w = world();
const rmdirBegin: [ApiEvent, number] = [{ type: 'rmdir_begin', cgrp: w.cgrp }, 1];
const rmdirDone = (ret = 0): [ApiEvent, number] => [{ type: 'rmdir_done', cgrp: w.cgrp, cgroupName: '/A', ret }, 1];
const signal = (ctx: object = w.efd): ApiEvent => ({ type: 'eventfd_signal', ctx });
const quiescent: ApiEvent = { type: 'quiescent' };

test('an eventfd registered on a removed cgroup and never signalled is a lost notification', (t) => {
  const ctx = feed([w.register(), w.writeDone(0), rmdirBegin, rmdirDone(), quiescent]);
  t.deepEqual(ctx.titles(), ['cgsim: lost notification: /A was removed but eventfd_ctx#1 was never signalled']);
  t.like(ctx.reports[0], {
    kind: 'lost-notification',
    object: 'eventfd_ctx',
    site: 'registration by cgroup_write_event_control on a cgroup that rmdir removed [cgroup_write_event_control (test/checkers.c:2958)]',
  });
  t.deepEqual(ctx.reports[0]!.details(), [
    'register registered eventfd_ctx#1 on /A at step 1 (register_event called from cgroup_write_event_control (test/checkers.c:2958)), and the write returned success.',
    'rmdir("/A") began at step 3 and returned 0 at step 4.',
    'eventfd_ctx#1 is still open and the workqueue is drained, yet it was never signalled: userspace waits forever.',
  ]);
});

test('a signal from before the rmdir began does not count', (t) => {
  const ctx = feed([w.register(), w.writeDone(0), signal(), rmdirBegin, rmdirDone(), quiescent]);
  t.is(ctx.reports.length, 1);
  t.regex(ctx.reports[0]!.details()[2]!, /yet it was last signalled at step 3, before that: userspace waits forever\.$/);
});

test('a registration whose write returns after the rmdir began needs a signal after the registration', (t) => {
  const ctx = feed([rmdirBegin, w.register(), signal(), w.writeDone(0), rmdirDone(), quiescent]);
  t.deepEqual(ctx.reports, []);
  const late = feed([rmdirBegin, signal(), w.register(), w.writeDone(0), rmdirDone(), quiescent]);
  t.is(late.reports.length, 1);
});

test('a signal after the rmdir began, a released eventfd, or a failed rmdir is no lost notification', (t) => {
  t.deepEqual(feed([w.register(), w.writeDone(0), rmdirBegin, signal(), rmdirDone(), quiescent]).reports, []);
  t.deepEqual(feed([w.register(), w.writeDone(0), rmdirBegin, rmdirDone(), { type: 'eventfd_release', ctx: w.efd }, quiescent]).reports, []);
  t.deepEqual(feed([w.register(), w.writeDone(0), rmdirBegin, rmdirDone(-16), quiescent]).reports, []);
  t.deepEqual(feed([w.register(), w.writeDone(0), quiescent]).reports, [], 'the cgroup was not removed');
});

test('a registration counts only once its write to cgroup.event_control returned success', (t) => {
  t.deepEqual(feed([w.register(), w.writeDone(-12), rmdirBegin, rmdirDone(), quiescent]).reports, []);
  t.deepEqual(feed([w.register(), w.writeDone(0, 'memory.usage_in_bytes'), rmdirBegin, rmdirDone(), quiescent]).reports, []);
  t.deepEqual(feed([w.register(-22), w.writeDone(0), rmdirBegin, rmdirDone(), quiescent]).reports, []);
  t.deepEqual(feed([w.register(), rmdirBegin, rmdirDone(), quiescent]).reports, [], 'the write never returned');
});

test('nothing is checked before the quiescent point, and a new run forgets the last one', (t) => {
  const ctx = feed([w.register(), w.writeDone(0), rmdirBegin, rmdirDone()]);
  t.deepEqual(ctx.reports, []);
  const c = new LostNotificationChecker();
  c.beginRun(ctx);
  c.api(w.register());
  c.api(w.writeDone(0));
  c.api(rmdirBegin[0]);
  c.api(rmdirDone()[0]);
  c.beginRun(ctx);
  c.api(quiescent);
  t.deepEqual(ctx.reports, []);
});

/** Setup, then a registration racing rmdir of the cgroup, then the standard teardown: the register-vs-rmdir scenario. */
function registerVsRmdir(strategy: RandomStrategy | undefined) {
  let u!: Userspace;
  let monitor!: Proc;
  let admin!: Proc;
  const fds = { efd: -1, cfd: -1, ecfd: -1 };
  return runKernel({
    kworkers: 1,
    ...(strategy !== undefined ? { strategy } : {}),
    actors: [
      {
        name: 'setup',
        body: function* (k) {
          u = new Userspace(k);
          monitor = u.process('monitor');
          admin = u.process('admin');
          yield* u.mkdir(admin, '/A');
          fds.efd = yield* u.eventfd(monitor);
          fds.cfd = yield* u.open(monitor, '/A', 'memory.usage_in_bytes');
          fds.ecfd = yield* u.open(monitor, '/A', 'cgroup.event_control', 2);
        },
      },
      { name: 'register', after: ['setup'], body: () => u.register(monitor, fds.ecfd, fds.efd, fds.cfd, '4096') },
      { name: 'rmdir', after: ['setup'], body: () => u.rmdir(admin, '/A') },
      { name: 'teardown', after: ['register', 'rmdir'], body: () => u.teardown() },
    ],
  });
}

test('in the model, a registration that completes before rmdir is signalled by rmdir', (t) => {
  const r = registerVsRmdir(undefined);
  t.is(r.outcome.ending, 'complete');
  t.deepEqual(ofKind(r, 'lost-notification'), []);
});

test('in the model, some interleaving of register and rmdir on v4 loses the notification', (t) => {
  const found: string[] = [];
  for (let run = 0; run < 200 && found.length === 0; run++) {
    found.push(...ofKind(registerVsRmdir(new RandomStrategy('lost', run)), 'lost-notification').map((f) => f.title));
  }
  t.deepEqual(found, ['cgsim: lost notification: /A was removed but eventfd_ctx#1 was never signalled']);
});

test('a registration the kernel drops while its eventfd is open and its cgroup lives is a lost notification', (t) => {
  const ctx = feed([w.register(), w.writeDone(0), rmdirBegin, w.unregister(), signal(), rmdirDone(-16), quiescent]);
  t.deepEqual(ctx.titles(), ['cgsim: lost notification: the cgroup still exists but the registration of eventfd_ctx#1 was dropped']);
  t.like(ctx.reports[0], { site: 'registration dropped by cgroup_event_remove while its cgroup lives [cgroup_event_remove (test/checkers.c:2860)]' });
  t.regex(ctx.reports[0]!.details()[2]!, /an rmdir began but did not succeed/);
});

test('unregistering after the eventfd was closed, or because the cgroup was removed, drops nothing userspace still waits on', (t) => {
  t.deepEqual(feed([w.register(), w.writeDone(0), { type: 'eventfd_release', ctx: w.efd }, w.unregister(), quiescent]).titles(), []);
  t.deepEqual(feed([w.register(), w.writeDone(0), rmdirBegin, signal(), w.unregister(), rmdirDone(0), quiescent]).titles(), []);
});

test('a removed cgroup whose teardown unregistered the registration without a signal blames that teardown, not the registration', (t) => {
  const ctx = feed([w.register(), w.writeDone(0), rmdirBegin, [w.unregister(), 1], rmdirDone(), quiescent]);
  t.deepEqual(ctx.titles(), ['cgsim: lost notification: /A was removed but eventfd_ctx#1 was never signalled']);
  t.like(ctx.reports[0], { site: 'registration dropped without a signal by cgroup_event_remove on a cgroup that rmdir removed [cgroup_event_remove (test/checkers.c:2860)]' });
  t.is(ctx.reports[0]!.details()[2], 'rmdir unregistered it at step 4 (from cgroup_event_remove (test/checkers.c:2860)) and nothing signalled eventfd_ctx#1 after that: the registration is gone without a word.');
  // An unregister from before this registration (of an earlier one) is not its drop.
  const earlier = feed([w.register(), w.writeDone(0), [w.unregister(), 1], w.register(), w.writeDone(0), rmdirBegin, rmdirDone(), quiescent]);
  t.regex(earlier.reports.find((r) => r.site.startsWith('registration by'))!.site, /^registration by cgroup_write_event_control on a cgroup that rmdir removed/);
});
