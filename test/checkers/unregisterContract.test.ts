import test from 'ava';
import { UnregisterContractChecker } from '../../checkers/unregisterContract.js';
import { Userspace } from '../../scenarios/userspace.js';
import { registerEvent } from '../../scenarios/common.js';
import { FakeContext, ofKind, site } from '../helpers/checkerKit.js';
import { world } from '../helpers/apiEvents.js';
import { runKernel } from '../helpers/kernelHarness.js';
import { v2_6_34 } from '../../model/variants/v2_6_34/index.js';

function checker(ctx = new FakeContext()) {
  const c = new UnregisterContractChecker();
  c.beginRun(ctx);
  return { c, ctx };
}

test('one unregister per successful register, then the end of the run, is no violation', (t) => {
  const { c, ctx } = checker();
  const w = world();
  c.api(w.register());
  c.api(w.register(0, w.efd2));
  c.api(w.unregister(w.efd2));
  c.api(w.unregister());
  c.finished();
  t.deepEqual(ctx.reports, []);
});

test('a registration never unregistered is reported at the end of the run', (t) => {
  const { c, ctx } = checker();
  const w = world();
  ctx.step = 4;
  c.api(w.register());
  c.api(w.register());
  c.api(w.unregister());
  t.deepEqual(ctx.reports, []);
  c.finished();
  t.deepEqual(ctx.titles(), ['cgsim: contract violation: register_event(cgroup#1/memory.usage_in_bytes, eventfd_ctx#1) succeeded but unregister_event was never called']);
  t.like(ctx.reports[0], { kind: 'contract-violation', object: 'cftype', site: 'register_event without unregister_event (memory.usage_in_bytes)' });
  t.deepEqual(ctx.reports[0]!.details(), [
    'registered by monitor at step 5; 1 registration(s) outstanding after teardown (every fd closed, every cgroup removed, the workqueue drained)',
  ]);
});

test('an unregister too many, for a failed register, or for nothing registered says which', (t) => {
  const { c, ctx } = checker();
  const w = world();
  c.api(w.register());
  c.api(w.unregister());
  c.api(w.unregister());
  c.api(w.register(-22, w.efd2));
  c.api(w.unregister(w.efd2));
  c.api(w.unregister({ name: 'eventfd_ctx#9' }));
  t.deepEqual(ctx.titles(), [
    'cgsim: contract violation: unregister_event called more often than register_event succeeded',
    'cgsim: contract violation: unregister_event called for a register_event that failed',
    'cgsim: contract violation: unregister_event called with arguments no register_event had',
  ]);
  t.is(ctx.reports[0]!.site, 'unregister_event called more often than register_event succeeded [from cgroup_event_remove (test/checkers.c:2860)]');
  t.deepEqual(ctx.reports[0]!.details(), [
    'unregister_event(cgroup#1, memory.usage_in_bytes, eventfd_ctx#1) by monitor (step 1) from cgroup_event_remove (test/checkers.c:2860)',
    'registered by monitor at step 1, and already unregistered as often',
  ]);
});

test('an unregister in atomic context is a violation, even when it matches a registration', (t) => {
  const { c, ctx } = checker(new FakeContext(['softirq'], 'softirq'));
  const w = world();
  c.api(w.register());
  c.api(w.unregister());
  c.finished();
  t.deepEqual(ctx.titles(), ['cgsim: contract violation: unregister_event called in atomic context']);
  t.is(ctx.reports[0]!.details()[1], 'in_atomic(): 1, irqs_disabled(): 0, softirq context');
});

test("where the header lets unregister_event run after ->destroy() (the seed's), a state freed first is the subsystem's breach", (t) => {
  const { c, ctx } = checker();
  const w = world();
  c.api(w.register());
  c.api(w.register(0, w.efd2));
  c.api(w.destroy());
  w.cgrpMem.freed = true;
  c.api(w.unregister());
  t.deepEqual(ctx.titles(), [], "after ->destroy() is allowed there, and a freed cgroup alone is KASAN's to report");
  w.cssMem.freed = true;
  w.cssMem.freeActor = 'kworker/0';
  w.cssMem.freeStep = 9;
  w.cssMem.freeSite = site('mem_cgroup_put');
  c.api(w.unregister(w.efd2));
  t.deepEqual(ctx.titles(), ['cgsim: contract violation: the subsystem freed its state for the cgroup while an event still needed it']);
  t.is(ctx.reports[0]!.site, 'the subsystem freed its state for the cgroup before unregister_event [mem_cgroup_put frees, unregister_event from cgroup_event_remove (test/checkers.c:2860)]');
  t.is(ctx.reports[0]!.details()[1], 'mem_cgroup#1 was freed by kworker/0 at step 10 in mem_cgroup_put (test/checkers.c:1)');
  t.regex(ctx.reports[0]!.details()[2]!, /it is the subsystem \(mem_cgroup_put\) that broke the contract/);
});

test('where the core promises that events go before ->destroy() (2.6.34 on), a call after it is the breach of the core', (t) => {
  const ctx = new FakeContext();
  ctx.facts = v2_6_34.facts;
  const { c } = checker(ctx);
  const w = world();
  c.api(w.register());
  c.api(w.register(0, w.efd2));
  c.api(w.unregister());
  t.deepEqual(ctx.titles(), []);
  ctx.step = 6;
  c.api(w.destroy());
  c.api(w.unregister(w.efd2));
  t.deepEqual(ctx.titles(), ['cgsim: contract violation: the core called unregister_event after ->destroy()']);
  t.is(ctx.reports[0]!.site, 'unregister_event called after ->destroy() [from cgroup_event_remove (test/checkers.c:2860)]');
  t.regex(ctx.reports[0]!.details().join('\n'), /memory's ->destroy\(\) ran for cgroup#1 in monitor at step 7[\s\S]*it is the core that broke the contract/);
});

test("where the core promises it, a state freed under a registered event is the core's breach too", (t) => {
  const ctx = new FakeContext();
  ctx.facts = v2_6_34.facts;
  const { c } = checker(ctx);
  const w = world();
  c.api(w.register());
  w.cssMem.freed = true;
  c.api(w.unregister());
  t.deepEqual(ctx.titles(), ["cgsim: contract violation: the core called unregister_event after the subsystem's state for the cgroup was freed"]);
});

test('registrations do not carry over from one run to the next', (t) => {
  const { c, ctx } = checker();
  const w = world();
  c.api(w.register());
  c.beginRun(ctx);
  c.finished();
  c.api(w.unregister());
  t.deepEqual(ctx.titles(), ['cgsim: contract violation: unregister_event called with arguments no register_event had']);
});

test('in the model, a registration the subsystem refuses is never unregistered', (t) => {
  let ret = 0;
  const r = runKernel({
    kworkers: 1,
    actors: [
      {
        name: 'main',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('monitor');
          yield* u.mkdir(p, '/A');
          ({ ret } = yield* registerEvent(u, p, '/A', '12abc'));
          yield* u.teardown();
        },
      },
    ],
  });
  t.is(ret, -22);
  t.is(r.outcome.ending, 'complete');
  t.deepEqual(r.kinds, []);
});

test('in the model, v4 unregisters from the workqueue after rmdir freed the cgroup: the use-after-free is reported, not a contract violation', (t) => {
  const r = runKernel({
    kworkers: 1,
    actors: [
      {
        name: 'main',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('monitor');
          yield* u.mkdir(p, '/A');
          yield* registerEvent(u, p, '/A', '4096');
          yield* u.rmdir(p, '/A');
          yield* u.teardown();
        },
      },
    ],
  });
  t.deepEqual(ofKind(r, 'contract-violation'), []);
  t.true(r.outcome.findings.some((f) => f.kind === 'use-after-free' && f.object === 'cgroup' && f.actor === 'kworker/0'));
});
