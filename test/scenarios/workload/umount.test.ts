import test from 'ava';
import { exploreVariant } from '../../../harness/explore.js';
import { variants } from '../../../model/variants/index.js';
import { parseWorkload } from '../../../scenarios/workload/text.js';
import { workloadScenario } from '../../../scenarios/workload/scenario.js';

/**
 * A workload with `umount` on every version: an admin removes a cgroup with a registered event and unmounts its
 * hierarchy while the monitor closes the eventfd. The verdicts are those of the README's umount table; a change
 * here changes what cgsim says of a version and needs a reason.
 */
const UMOUNT =
  'cgroups /A | setup: e0 = eventfd; cA = open /A/memory.usage_in_bytes; wA = open-w /A/cgroup.event_control; ' +
  'write wA "$e0 $cA 4096"; close cA; close wA | task admin: rmdir /A; umount | task close: close e0';

const BUG = 'kernel-bug | shrink_dcache_for_umount: dentry still in use';

/** Whether each version hits the VFS's "still in use" BUG, and how many distinct bugs it shows in all. */
const VERDICTS: Record<string, { readonly stillInUse: boolean; readonly bugs: number }> = {
  v4: { stillInUse: false, bugs: 7 },
  'v2.6.34': { stillInUse: true, bugs: 3 },
  'v3.8': { stillInUse: true, bugs: 20 },
  'v3.11': { stillInUse: false, bugs: 0 },
  'v3.12': { stillInUse: false, bugs: 0 },
  'v6.10': { stillInUse: false, bugs: 0 },
};

const scenario = workloadScenario(parseWorkload(UMOUNT));

for (const variant of variants) {
  test(`${variant.name}: rmdir and umount against close(eventfd), as the README's table says`, (t) => {
    const keys = exploreVariant({ variant, scenarios: [scenario], runs: 300, seed: 'umount' }).bugs.map((b) => b.key);
    t.is(keys.includes(BUG), VERDICTS[variant.name]!.stillInUse, keys.join('\n'));
    t.is(keys.length, VERDICTS[variant.name]!.bugs, keys.join('\n'));
  });
}

test('umount takes no argument: the hierarchy is the one of the workload cgroups', (t) => {
  const w = parseWorkload('cgroups sched:/C | task a: umount');
  t.deepEqual(w.tasks[0]!.calls, [{ op: 'umount' }]);
  t.throws(() => parseWorkload('cgroups /A | task a: umount /A'), { message: /'umount' takes no argument/ });
});
