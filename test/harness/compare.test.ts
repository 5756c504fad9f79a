import test from 'ava';
import { compareVariants, rowKeyOf } from '../../harness/compare.js';
import { resolveScenarios } from '../../scenarios/index.js';
import { findVariant } from '../../model/variants/index.js';

const v4 = findVariant('v4')!;
const v2_6_34 = findVariant('v2.6.34')!;

test('a row key leaves out only the bracketed source position at the end', (t) => {
  t.is(rowKeyOf('lost-notification | registration by f on a cgroup [f (kernel/cgroup.c:2958)]'), 'lost-notification | registration by f on a cgroup');
  t.is(rowKeyOf('use-after-free | cgroup accessed after free in f (kernel/cgroup.c)'), 'use-after-free | cgroup accessed after free in f (kernel/cgroup.c)');
  t.is(rowKeyOf('out-of-bounds | strcmp past the end of char[] [strcmp (lib/string.c)]'), 'out-of-bounds | strcmp past the end of char[]');
  t.is(rowKeyOf('out-of-bounds | strcmp past the end of char[]'), 'out-of-bounds | strcmp past the end of char[]');
});

test('the same bug of two eras, at other lines of their code, is one row; each cell keeps its own site', (t) => {
  const r = compareVariants([v4, v2_6_34], resolveScenarios('register-vs-rmdir'), 60, '1');
  const rows = r.rows.filter((row) => row.kind === 'lost-notification' && row.site.startsWith('registration by cgroup_write_event_control'));
  t.is(rows.length, 1, r.rows.map((row) => row.key).join('\n'));
  const sites = rows[0]!.cells.map((c) => (c.found ? c.site : 'not found'));
  t.regex(sites[0]!, /\[cgroup_write_event_control \(kernel\/cgroup\.c:2958\)\]$/);
  t.regex(sites[1]!, /\[cgroup_write_event_control \(versions\.md:\d+\)\]$/);
  t.false(rows[0]!.site.includes('['));
});
