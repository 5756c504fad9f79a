import test from 'ava';
import { Cpu, type ContextKind } from '../../model/context.js';
import { Actor } from '../../sim/actor.js';

function cpu(kind: ContextKind = 'process'): Cpu {
  const body = function* () {
    yield;
  };
  const c = new Cpu(new Actor(0, 'cpu0', { name: 'cpu0', body }), kind);
  c.sync();
  return c;
}

test('a process-context CPU with nothing held, nothing disabled and no RCU section is not atomic', (t) => {
  const c = cpu();
  t.false(c.atomic());
  t.true(c.softirqs_enabled());
  t.true(c.actor.interruptible);
});

test('preempt_count above zero makes the CPU atomic', (t) => {
  const c = cpu();
  c.preempt_count = 1;
  t.true(c.atomic());
  t.is(c.describe(), 'in_atomic(): 1, irqs_disabled(): 0, process context');
});

test('interrupts off make the CPU atomic and uninterruptible', (t) => {
  const c = cpu();
  c.local_irq_disable();
  t.true(c.atomic());
  t.false(c.actor.interruptible);
  t.is(c.describe(), 'in_atomic(): 0, irqs_disabled(): 1, process context');
  c.local_irq_enable();
  t.false(c.atomic());
  t.true(c.actor.interruptible);
});

test('softirqs off (local_bh_disable) make the CPU atomic and uninterruptible until the matching enable', (t) => {
  const c = cpu();
  c.local_bh_disable();
  c.local_bh_disable();
  c.local_bh_enable();
  t.true(c.atomic());
  t.false(c.actor.interruptible);
  c.local_bh_enable();
  t.false(c.atomic());
  t.true(c.actor.interruptible);
});

test('an RCU read-side section makes the CPU atomic', (t) => {
  const c = cpu();
  c.rcu_read_depth = 1;
  t.true(c.atomic());
  t.true(c.softirqs_enabled());
});

test('softirq and hardirq context are atomic and take no further interrupts', (t) => {
  for (const kind of ['softirq', 'hardirq'] as const) {
    const c = cpu(kind);
    t.true(c.atomic(), kind);
    t.false(c.softirqs_enabled(), kind);
    t.false(c.actor.interruptible, kind);
    t.is(c.describe(), `in_atomic(): 1, irqs_disabled(): 0, ${kind} context`);
  }
});

test('local_irq_save returns the previous state and local_irq_restore puts it back', (t) => {
  const c = cpu();
  const outer = c.local_irq_save();
  const inner = c.local_irq_save();
  t.deepEqual([outer, inner], [false, true]);
  c.local_irq_restore(inner);
  t.true(c.irqs_disabled);
  c.local_irq_restore(outer);
  t.false(c.irqs_disabled);
  t.true(c.actor.interruptible);
});
