/**
 * A series: the seed, then a follow-up made at run time from the seed's own lines (no kernel text in the test)
 * that drops the last statement of cgroup_event_remove, the free of the event. The variant built from both finds
 * the leak the hand-written v4 does not have, and names both patches.
 */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFunction } from '../../cfront/functions.js';
import { heldTextsOf } from '../../cfront/heldText.js';
import { exploreScenario } from '../../harness/explore.js';
import { patchSpec } from '../../harness/patchSpec.js';
import { resolveVariant } from '../../harness/resolve.js';
import { scenarios } from '../../scenarios/index.js';
import { followUp, hunk, SEED, seedPatch } from './seed.js';

function dropLastStatement(): string {
  const held = heldTextsOf(seedPatch()).get('kernel/cgroup.c')!;
  const def = findFunction(held, 'cgroup_event_remove')[0]!;
  const last = def.lastLine! - 1;
  const text = (n: number) => held.text(n)!;
  const body = [` ${text(last - 2)}`, ` ${text(last - 1)}`, `-${text(last)}`, ` ${text(last + 1)}`];
  const dir = mkdtempSync(join(tmpdir(), 'cgsim-series-'));
  const path = join(dir, 'drop-free.diff');
  writeFileSync(path, followUp('kernel/cgroup.c', hunk(last - 2, last - 2, body)));
  return path;
}

test('a follow-up over the seed is interpreted as the series leaves the C: its leak is found', async (t) => {
  const follow = dropLastStatement();
  const v = await resolveVariant(patchSpec([SEED, follow]), '.');
  t.is(v.name, `${SEED} + ${follow}`);
  const s = scenarios.find((x) => x.name === 'close-vs-rmdir')!;
  const req = { scenarios: [s], runs: 100, seed: 'series' };
  const leaks = (variant: typeof v) => exploreScenario({ ...req, variant }, s).summary.bugs.filter((b) => b.witness.finding.kind === 'leak' && b.witness.finding.object === 'cgroup_event');
  t.true(leaks(v).length > 0);
  t.is(leaks(await resolveVariant('v4', '.')).length, 0);
  t.true(resolve(follow).length > 0);
});
