import test from 'ava';
import { heartbeatMemory, heartbeatSlots, HeartbeatWriter, readHeartbeat } from '../../harness/heartbeat.js';

test('what a thread writes of its step, another reads: phase, actor, step, site, context and schedule', (t) => {
  const memory = heartbeatMemory(2);
  t.is(heartbeatSlots(memory), 2);
  const w = new HeartbeatWriter(memory, 1);
  w.context('./mine.ts', 'close-vs-rmdir');
  w.execution(['setup', 'close', 'rmdir']);
  w.enter(0, 0, null);
  w.leave();
  w.enter(1, 2, { fn: 'cgroup_rmdir', file: 'kernel/cgroup.c', line: 42 });
  const h = readHeartbeat(memory, 1);
  t.like(h, { phase: 'step', step: 1, actor: 'rmdir', after: 'cgroup_rmdir (kernel/cgroup.c:42)', variant: './mine.ts', scenario: 'close-vs-rmdir' });
  t.deepEqual(h.schedule, [0, 2]);
  w.leave();
  t.is(readHeartbeat(memory, 1).phase, 'idle');
  t.is(readHeartbeat(memory, 0).phase, 'idle', 'the other slot is untouched');
});

test('the counter moves at every enter and leave, so a watcher tells a long run from a stuck step', (t) => {
  const memory = heartbeatMemory(1);
  const w = new HeartbeatWriter(memory, 0);
  w.execution(['a']);
  const before = readHeartbeat(memory, 0).counter;
  w.enter(0, 0, null);
  t.is(readHeartbeat(memory, 0).counter, before + 1);
  w.leave();
  t.is(readHeartbeat(memory, 0).counter, before + 2);
  w.loading('./x.js');
  t.is(readHeartbeat(memory, 0).phase, 'import');
  w.loaded();
  t.is(readHeartbeat(memory, 0).phase, 'idle');
});
