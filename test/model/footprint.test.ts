import test from 'ava';
import type { Variant } from '../../model/variant.js';
import { variants } from '../../model/variants/index.js';
import { v4 } from '../../model/variants/v4/index.js';
import { resolveScenarios, scenarios } from '../../scenarios/index.js';
import type { Scenario } from '../../scenarios/scenario.js';
import { KObject } from '../../model/memory.js';
import { T } from '../helpers/modelFixtures.js';
import { auditRun } from '../helpers/footprintAudit.js';

/**
 * DPOR is only as sound as the footprints: every field two actors touch, one of them writing, must be declared
 * by both steps unless the declared dependencies already order them. Checked on every shipped version and every
 * concurrent scenario, over random runs.
 */
const concurrent = scenarios.filter((s) => !s.name.startsWith('bad-write:'));
const RUNS = 15;

function audit(variant: Variant, names: readonly string[] | null, runs: number): string[] {
  const found = new Map<string, string>();
  for (const scenario of names === null ? concurrent : names.flatMap((n) => resolveScenarios(n))) {
    for (let run = 0; run < runs; run++) {
      for (const v of auditRun(variant, scenario, 'audit', run)) if (!found.has(v.what)) found.set(v.what, `${scenario.name} run ${run}: ${v.detail}`);
    }
  }
  return [...found].map(([what, d]) => `${what}: ${d}`);
}

for (const variant of variants) {
  test(`${variant.name}: every step declares what it touches`, (t) => {
    t.deepEqual(audit(variant, null, RUNS), []);
  });
}

/** A field of one shared object, read by one actor with k.rd and written by another: declared or not. */
class counter_obj extends KObject {
  value = 0;
}

function sharedCounter(declareWrite: boolean): Scenario {
  return {
    name: `shared-counter-${declareWrite}`,
    summary: 'two CPUs touch one field',
    plan(u) {
      const k = u.k;
      let c: counter_obj | null = null;
      return {
        setup: function* () {
          c = new counter_obj(k.newAllocation('counter_obj', 8, 'slab', null), 'counter_obj');
          yield k.op('made', c, T);
        },
        actors: [
          {
            name: 'writer',
            body: function* () {
              yield k.op('write', c, T);
              if (declareWrite) k.wr(c, T).value++;
              else c!.value++;
            },
          },
          {
            name: 'reader',
            body: function* () {
              yield k.op('read', c, T);
              void k.rd(c, T).value;
            },
          },
        ],
      };
    },
  };
}

test('the audit catches a write the model does not declare, and only that', (t) => {
  const found = (declare: boolean): string[] => [0, 1, 2, 3].flatMap((run) => auditRun(v4, sharedCounter(declare), 'audit', run).map((v) => v.what));
  t.true(found(false).includes('counter_obj.value'));
  t.deepEqual(found(true), []);
});
