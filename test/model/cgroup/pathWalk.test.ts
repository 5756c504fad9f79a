import test from 'ava';
import type { Kernel } from '../../../model/kernel.js';
import { RandomStrategy } from '../../../sim/strategy/random.js';
import { Userspace, type Proc } from '../../../scenarios/userspace.js';
import { runKernel } from '../../helpers/kernelHarness.js';

/**
 * A path walk keeps a reference on what it found, and rmdir holds the parent's i_mutex: whatever the
 * interleaving, an open, an attach or a second rmdir racing an rmdir sees the cgroup or ENOENT, never freed
 * memory.
 */
function race(seed: string, second: (u: Userspace, p: Proc) => Generator<void, number, void>): { results: number[]; others: number[]; kinds: string[] } {
  const results: number[] = [];
  const others: number[] = [];
  let u!: Userspace;
  let admin!: Proc;
  let other!: Proc;
  const shared = (k: Kernel): void => {
    if (u === undefined || u.k !== k) {
      u = new Userspace(k);
      admin = u.process('admin');
      other = u.process('other');
    }
  };
  const all: string[] = [];
  for (let run = 0; run < 150; run++) {
    const { kinds } = runKernel({
      strategy: new RandomStrategy(seed, run),
      actors: [
        { name: 'setup', body: function* (k) { shared(k); yield* u.mkdir(admin, '/a'); } },
        { name: 'rmdir', after: ['setup'], body: function* () { results.push(yield* u.rmdir(admin, '/a')); } },
        { name: 'other', after: ['setup'], body: function* () { others.push(yield* second(u, other)); } },
      ],
    });
    all.push(...kinds);
  }
  return { results, others, kinds: [...new Set(all)] };
}

test('an open racing rmdir of its directory gets a file or ENOENT, and touches no freed memory', (t) => {
  const r = race('open', (u, p) => u.open(p, '/a', 'memory.usage_in_bytes'));
  // Nothing closes the file here, so what stays allocated is the open file and what it pins: leaks, nothing else.
  t.deepEqual(r.kinds.filter((k) => k !== 'leak'), []);
  t.true(r.others.every((fd) => fd >= 3 || fd === -2), r.others.join(','));
});

test('an attach racing rmdir either keeps the cgroup busy or finds it gone, and touches no freed memory', (t) => {
  const r = race('attach', (u, p) => u.attach(p, '/a'));
  t.false(r.kinds.includes('use-after-free'));
  t.false(r.kinds.includes('refcount-underflow'));
});

test('two rmdirs of one directory: one removes it, the other finds it gone', (t) => {
  const r = race('rmdir', (u, p) => u.rmdir(p, '/a'));
  t.deepEqual(r.kinds, []);
  r.results.forEach((ret, i) => t.deepEqual([ret, r.others[i]!].sort((a, b) => a - b), [-2, 0], `run ${i}`));
});
