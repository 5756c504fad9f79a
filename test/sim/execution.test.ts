import test from 'ava';
import { Execution, ExecutionError, type SimHost } from '../../sim/execution.js';
import { FatalFinding } from '../../sim/finding.js';
import { RandomStrategy } from '../../sim/strategy/random.js';
import { ReplayStrategy } from '../../sim/strategy/replay.js';
import { InOrderStrategy } from '../helpers/kernelHarness.js';
import { afterYields, finding, idleDaemon, runToy, steps, toyExecution, waiter } from '../helpers/toy.js';

test('an execution is complete when every actor is done and the daemons are idle', (t) => {
  const { outcome, hooks } = runToy(
    (host) => [
      { name: 'a', body: () => steps(2) },
      { name: 'b', body: () => steps(1) },
      { name: 'kworker', body: idleDaemon(host), daemon: true, prime: true },
    ],
    new InOrderStrategy(),
  );
  t.is(outcome.ending, 'complete');
  t.is(outcome.steps, 5);
  t.deepEqual(outcome.schedule, [0, 0, 0, 1, 1]);
  t.deepEqual(outcome.actorNames, ['a', 'b', 'kworker']);
  t.is(hooks.finished, 1);
  t.is(hooks.stuck.length, 0);
});

test('two actors waiting on each other end in a deadlock that names only the started, blocked actors', (t) => {
  const { outcome, hooks } = runToy(
    (host) => [
      { name: 'a', body: waiter(host, 'b') },
      { name: 'b', body: waiter(host, 'a') },
      { name: 'later', body: () => steps(1), after: ['a'] },
      { name: 'fine', body: () => steps(1) },
      { name: 'kworker', body: idleDaemon(host), daemon: true },
    ],
    new InOrderStrategy(),
    { tracing: true },
  );
  t.is(outcome.ending, 'deadlock');
  t.is(hooks.finished, 0);
  t.deepEqual(
    hooks.stuck.map((blocked) => blocked.map((a) => a.name)),
    [['a', 'b']],
  );
  t.deepEqual(
    outcome.pending.map((p) => `${outcome.actorNames[p.actor]}: ${p.why}`),
    ['a: is blocked: waits for b to finish', 'b: is blocked: waits for a to finish', 'later: has not started (it waits for a)'],
  );
});

test('what unfinished actors were about to do is recorded only when tracing', (t) => {
  const { outcome } = runToy((host) => [{ name: 'a', body: waiter(host, 'b') }, { name: 'b', body: waiter(host, 'a') }], new InOrderStrategy());
  t.is(outcome.ending, 'deadlock');
  t.deepEqual(outcome.pending, []);
});

test('a body that loops forever is cut off at the step bound', (t) => {
  const { outcome, hooks } = runToy(
    () => [
      {
        name: 'spinner',
        body: function* () {
          for (;;) yield;
        },
      },
    ],
    new InOrderStrategy(),
    { maxSteps: 50 },
  );
  t.is(outcome.ending, 'step-bound');
  t.is(outcome.steps, 50);
  t.is(outcome.schedule.length, 50);
  t.is(hooks.finished, 0);
});

test('a replayed schedule that is used up ends the execution there', (t) => {
  const { outcome, hooks } = runToy(() => [{ name: 'a', body: () => steps(5) }], new ReplayStrategy([0, 0]));
  t.is(outcome.ending, 'schedule-end');
  t.is(outcome.steps, 2);
  t.deepEqual(outcome.schedule, [0, 0]);
  t.is(hooks.finished, 0);
});

test('a fatal finding ends the run at its step, stamped with the step and the actor', (t) => {
  const log: string[] = [];
  const oops = (): never => {
    throw new FatalFinding(finding('null-deref', 'f', { fatal: true }));
  };
  const { outcome, hooks } = runToy(
    () => [
      { name: 'oopser', body: () => afterYields(1, oops) },
      { name: 'other', body: () => steps(3, log, 'o') },
    ],
    new InOrderStrategy(),
  );
  t.is(outcome.ending, 'fatal');
  t.is(outcome.steps, 2);
  t.deepEqual(outcome.schedule, [0, 0]);
  t.is(outcome.findings.length, 1);
  t.like(outcome.findings[0], { kind: 'null-deref', step: 1, actor: 'oopser' });
  t.deepEqual(log, [], 'no other actor runs after the oops');
  t.is(hooks.finished, 0);
});

test('any other exception is a model error naming the actor and the step', (t) => {
  const boom = (): never => {
    throw new Error('boom');
  };
  const { exec } = toyExecution(() => [{ name: 'buggy', body: () => afterYields(1, boom) }], new InOrderStrategy());
  const e = t.throws(() => exec.run(), { instanceOf: ExecutionError });
  t.is(e.message, "model error in actor 'buggy' at step 2: boom");
  t.is(e.step, 1);
  t.is(e.schedule, 's1:a2');
});

test('a non-fatal report is stamped and the run goes on; stopAtFirstBug stops after that step', (t) => {
  const build = (host: SimHost) => [{ name: 'reporter', body: () => afterYields(1, () => host.report(finding('leak', 'x'))) }];
  const going = runToy(build, new InOrderStrategy()).outcome;
  t.is(going.ending, 'complete');
  t.like(going.findings[0], { step: 1, actor: 'reporter' });
  const stopped = runToy(build, new InOrderStrategy(), { stopAtFirstBug: true }).outcome;
  t.is(stopped.ending, 'stopped');
  t.is(stopped.steps, 2);
});

test('an actor starts only once every actor it comes after is done (any seed)', (t) => {
  for (let run = 0; run < 30; run++) {
    const log: string[] = [];
    const { outcome } = runToy(
      () => [
        { name: 'a', body: () => steps(3, log, 'a') },
        { name: 'b', body: () => steps(2, log, 'b') },
        { name: 'c', body: () => steps(2, log, 'c'), after: ['a', 'b'] },
      ],
      new RandomStrategy('after', run),
    );
    t.is(outcome.ending, 'complete');
    const firstC = log.indexOf('c0');
    t.true(firstC > log.indexOf('a3') && firstC > log.indexOf('b2'), log.join(' '));
  }
});

test('an actor referring to an unknown actor, or two actors of one name, are refused', (t) => {
  t.throws(() => toyExecution(() => [{ name: 'a', body: () => steps(1), after: ['nobody'] }], new InOrderStrategy()), {
    message: "actor 'a' refers to unknown actor 'nobody'",
  });
  t.throws(() => toyExecution(() => [{ name: 'a', body: () => steps(1) }, { name: 'a', body: () => steps(1) }], new InOrderStrategy()), {
    message: "two actors are named 'a'",
  });
});

test('a primed body runs to its first yield at creation, after init of every actor, without taking a step', (t) => {
  const log: string[] = [];
  const { exec } = toyExecution(
    (host) => [
      {
        name: 'primed',
        prime: true,
        body: function* () {
          log.push(`prime sees ${host.actors.map((a) => String(a.local)).join(',')}`);
          yield;
          log.push('second segment');
        },
      },
      { name: 'plain', body: () => steps(0) },
    ],
    new InOrderStrategy(),
    {},
    (a) => {
      a.local = `cpu-${a.name}`;
    },
  );
  t.deepEqual(log, ['prime sees cpu-primed,cpu-plain']);
  t.deepEqual(
    exec.actors.map((a) => a.started),
    [true, false],
  );
  const outcome = exec.run();
  t.deepEqual(log, ['prime sees cpu-primed,cpu-plain', 'second segment']);
  t.deepEqual(outcome.schedule, [0, 1]);
});

test('an interrupt starts only while its host takes interrupts, and the host waits until it is done (any seed)', (t) => {
  let interleaved = 0;
  for (let run = 0; run < 40; run++) {
    const log: string[] = [];
    const { outcome } = runToy(
      (host) => {
        const [cpu, irq] = [() => host.actors[0]!, () => host.actors[1]!];
        return [
          {
            // Primed: the host is running before the interrupt can come (see the report on unstarted hosts).
            name: 'cpu',
            prime: true,
            body: function* () {
              for (let i = 0; i < 6; i++) {
                t.false(irq().started && !irq().done, 'the host runs while interrupted');
                cpu().interruptible = i < 1 || i >= 3;
                log.push(`cpu${i}:${cpu().interruptible ? 'on' : 'off'}`);
                yield;
              }
            },
          },
          {
            name: 'irq',
            interrupts: 'cpu',
            body: function* () {
              t.true(cpu().interruptible, 'the interrupt started while its CPU had interrupts off');
              log.push('irq-start');
              yield;
              yield;
              log.push('irq-end');
            },
          },
        ];
      },
      new RandomStrategy('irq', run),
    );
    t.is(outcome.ending, 'complete');
    const at = log.indexOf('irq-start');
    t.is(log[at + 1], 'irq-end', 'nothing of the host runs inside the interrupt');
    if (at > 1 && at < log.length - 2) interleaved++;
  }
  t.true(interleaved >= 5, `only ${interleaved} runs interrupted the host mid-way`);
});

test('a CPU that has not started yet does not run while an interrupt on it is in progress', (t) => {
  // Replay: the interrupt starts first, then the schedule asks for the host before the interrupt is done.
  const { exec } = toyExecution(
    () => [
      { name: 'cpu', body: () => steps(1) },
      { name: 'irq', interrupts: 'cpu', body: () => steps(1) },
    ],
    new ReplayStrategy([1, 0, 1, 0]),
  );
  const e = t.throws(() => exec.run(), { instanceOf: ExecutionError });
  t.regex(e.message, /step 2 runs cpu, but cpu is interrupted/);
});

test('a traced run records each step with its operation, and findings with the step that made them', (t) => {
  const seen: string[] = [];
  const { outcome } = runToy(
    (host) => [
      {
        name: 'a',
        body: function* () {
          seen.push(`${host.current.name}@${host.step}`);
          host.current.opName = 'lock';
          host.current.opObj = { name: 'L#1' };
          yield;
          seen.push(`${host.current.name}@${host.step}`);
          host.report(finding('odd', 'x'));
        },
      },
      { name: 'b', body: () => steps(0) },
    ],
    new ReplayStrategy([0, 1, 0]),
    { tracing: true },
  );
  t.deepEqual(seen, ['a@0', 'a@2']);
  t.deepEqual(
    outcome.trace?.map((s) => `${s.step} ${outcome.actorNames[s.actor]} ${s.op} ${s.obj} [${s.findings.join()}]`),
    ['0 a start  []', '1 b start  []', '2 a lock L#1 [0]'],
  );
  t.is(runToy(() => [{ name: 'a', body: () => steps(1) }], new InOrderStrategy()).outcome.trace, null, 'no trace unless asked');
});

test('a program with no actors is complete at once', (t) => {
  const outcome = new Execution(() => ({ actors: [] }), new InOrderStrategy()).run();
  t.is(outcome.ending, 'complete');
  t.is(outcome.steps, 0);
});
