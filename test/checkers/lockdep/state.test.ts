import test from 'ava';
import { LockdepState, type Witness } from '../../../checkers/lockdep/state.js';
import { site } from '../../helpers/checkerKit.js';

const w = (step: number, run = 0): Witness => ({ run, actor: `cpu${step}`, step, site: site(`fn${step}`) });

test('an edge is added once; the first witness is kept', (t) => {
  const s = new LockdepState();
  t.false(s.hasEdge('A', 'B'));
  t.true(s.addEdge('A', 'B', w(1)));
  t.false(s.addEdge('A', 'B', w(2)));
  t.true(s.hasEdge('A', 'B'));
  t.false(s.hasEdge('B', 'A'), 'edges are directed');
  t.is(s.edge('A', 'B')?.step, 1);
  t.is(s.edge('B', 'A'), undefined);
});

test('a path follows the edges and includes both ends', (t) => {
  const s = new LockdepState();
  s.addEdge('A', 'B', w(1));
  s.addEdge('B', 'C', w(2));
  s.addEdge('C', 'D', w(3));
  t.deepEqual(s.path('A', 'D'), ['A', 'B', 'C', 'D']);
  t.deepEqual(s.path('B', 'C'), ['B', 'C']);
  t.is(s.path('D', 'A'), null);
  t.is(s.path('A', 'nowhere'), null);
});

test('a path from a class to itself is that class alone', (t) => {
  t.deepEqual(new LockdepState().path('A', 'A'), ['A']);
});

test('the shortest path is found, and among equally short ones the first-inserted edges win', (t) => {
  const s = new LockdepState();
  s.addEdge('A', 'B', w(1));
  s.addEdge('B', 'C', w(2));
  s.addEdge('C', 'E', w(3));
  s.addEdge('A', 'D', w(4));
  s.addEdge('D', 'E', w(5));
  s.addEdge('A', 'X', w(6));
  s.addEdge('X', 'E', w(7));
  t.deepEqual(s.path('A', 'E'), ['A', 'D', 'E']);
});

test('cycles in the graph do not stop a search', (t) => {
  const s = new LockdepState();
  s.addEdge('A', 'B', w(1));
  s.addEdge('B', 'A', w(2));
  s.addEdge('B', 'C', w(3));
  t.deepEqual(s.path('A', 'C'), ['A', 'B', 'C']);
  t.is(s.path('C', 'A'), null);
});

test('usage bits are marked once per class, with the first witness', (t) => {
  const s = new LockdepState();
  t.true(s.markUsage('A', 'IN-SOFTIRQ-W', w(1)));
  t.false(s.markUsage('A', 'IN-SOFTIRQ-W', w(2)));
  t.true(s.markUsage('A', 'SOFTIRQ-ON-W', w(3)));
  t.true(s.markUsage('B', 'SOFTIRQ-ON-W', w(4)));
  t.is(s.usageOf('A', 'IN-SOFTIRQ-W')?.step, 1);
  t.is(s.usageOf('A', 'HARDIRQ-ON-W'), undefined);
  t.is(s.usageOf('C', 'IN-SOFTIRQ-W'), undefined);
});

test('classes with a bit are listed in the order they were first seen', (t) => {
  const s = new LockdepState();
  s.markUsage('C', 'HARDIRQ-ON-W', w(1));
  s.markUsage('A', 'SOFTIRQ-ON-W', w(2));
  s.markUsage('B', 'SOFTIRQ-ON-W', w(3));
  s.markUsage('C', 'SOFTIRQ-ON-W', w(4));
  t.deepEqual(s.classesWith('SOFTIRQ-ON-W'), ['C', 'A', 'B']);
  t.deepEqual(s.classesWith('HARDIRQ-ON-W'), ['C']);
  t.deepEqual(s.classesWith('IN-HARDIRQ-W'), []);
});
