import test from 'ava';
import { d_unhash, dentry, dget, dput } from '../../../model/fs/dcache.js';
import type { Kernel } from '../../../model/kernel.js';
import { GFP_KERNEL, kzalloc } from '../../../model/slab.js';
import { runOne, staticMem, T } from '../../helpers/modelFixtures.js';

function* newDentry(k: Kernel, log: string[]) {
  const d = (yield* kzalloc(k, 'dentry', 192, GFP_KERNEL, T, (mem) => new dentry(mem, '/dir')))!;
  d.d_iput = function* (_k, got) {
    log.push(`d_iput ${got === d} d_count=${got.d_count.value} freed=${got.mem.freed}`);
  };
  return d;
}

test('dput of the last reference of an unhashed dentry calls d_iput, then frees the dentry', (t) => {
  const log: string[] = [];
  const { kinds } = runOne(function* (k) {
    const d = yield* newDentry(k, log);
    yield* d_unhash(k, d, T);
    yield* dput(k, d, T);
    log.push(`after dput: freed=${d.mem.freed}`);
  });
  t.deepEqual(log, ['d_iput true d_count=0 freed=false', 'after dput: freed=true']);
  t.deepEqual(kinds, []);
});

test('a hashed dentry reaching count 0 stays allocated and d_iput is not called', (t) => {
  const log: string[] = [];
  runOne(function* (k) {
    const d = new dentry(staticMem(k, 'dentry'), '/dir');
    d.d_iput = function* () {
      log.push('d_iput');
    };
    yield* dput(k, d, T);
    log.push(`d_count=${d.d_count.value} hashed=${d.hashed} freed=${d.mem.freed}`);
  });
  t.deepEqual(log, ['d_count=0 hashed=true freed=false']);
});

test('an unhashed dentry lives on while a reference remains', (t) => {
  const log: string[] = [];
  const { kinds } = runOne(function* (k) {
    const d = yield* newDentry(k, log);
    yield* dget(k, d, T);
    yield* d_unhash(k, d, T);
    yield* dput(k, d, T);
    log.push(`d_count=${d.d_count.value} hashed=${d.hashed} freed=${d.mem.freed}`);
    yield* dput(k, d, T);
    log.push(`freed=${d.mem.freed}`);
  });
  t.deepEqual(log, ['d_count=1 hashed=false freed=false', 'd_iput true d_count=0 freed=false', 'freed=true']);
  t.deepEqual(kinds, []);
});

test('dget adds a reference', (t) => {
  const seen: number[] = [];
  runOne(function* (k) {
    const d = new dentry(staticMem(k, 'dentry'), '/dir');
    seen.push(d.d_count.value);
    yield* dget(k, d, T);
    seen.push(d.d_count.value);
  });
  t.deepEqual(seen, [1, 2]);
});

test('dget of a cached dentry nobody uses (count 0) is legal: no report', (t) => {
  const seen: number[] = [];
  const r = runOne(function* (k) {
    const d = new dentry(staticMem(k, 'dentry'), '/dir');
    yield* dput(k, d, T);
    seen.push(d.d_count.value);
    yield* dget(k, d, T);
    seen.push(d.d_count.value);
  });
  t.deepEqual(seen, [0, 1]);
  t.deepEqual(r.kinds, []);
});
