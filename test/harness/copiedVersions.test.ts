import test from 'ava';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exploreVariant } from '../../harness/explore.js';
import { loadVariant } from '../../harness/loadVariant.js';
import { variants } from '../../model/variants/index.js';
import type { Variant } from '../../model/variant.js';
import { resolveScenarios, scenarios } from '../../scenarios/index.js';

/*
 * A reviewer copies a shipped function into a module of their own, outside the checkout, and changes a line. These
 * tests make that copy from the shipped source itself: every file of a version's own functions (model/variants/vX/)
 * becomes a module whose imports all come from 'cgsim', in a temporary folder outside the checkout. If the library
 * lacks anything a shipped function uses, the copy does not compile; unchanged, it must find what the version finds.
 */

const outside = mkdtempSync(join(tmpdir(), 'cgsim-copies-'));

/** Each version's directory under model/variants/, which is also the name 'cgsim' exports it under. */
const DIRS: Record<string, string> = { 'v4': 'v4', 'v2.6.34': 'v2_6_34', 'v3.8': 'v3_8', 'v3.11': 'v3_11', 'v3.12': 'v3_12', 'v6.10': 'v6_10' };

interface Copy {
  readonly file: string;
  /** The Variant members the copy replaces, each with the copied function's name. */
  readonly members: readonly { member: string; fn: string }[];
}

/** The shipped source with its imports replaced by one import from 'cgsim' (types keep their `type`). */
function importingFromCgsim(source: string): string {
  const names: string[] = [];
  const body = source.replace(/^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'[^']+';\n/gm, (_m, allTypes: string | undefined, list: string) => {
    for (const raw of list.split(',')) {
      const n = raw.trim();
      if (n === '') continue;
      const name = allTypes !== undefined && !n.startsWith('type ') ? `type ${n}` : n;
      if (!names.includes(name)) names.push(name);
    }
    return '';
  });
  if (/^import\s/m.test(body)) throw new Error(`an import the copy does not understand:\n${body}`);
  return `import { ${names.join(', ')} } from 'cgsim';\n${body}`;
}

/** One module per file of `v`'s own functions that implements members of the Variant, written outside the checkout. */
async function copiesOf(v: Variant): Promise<Copy[]> {
  const dir = DIRS[v.name]!;
  const copies: Copy[] = [];
  for (const name of readdirSync(join('model/variants', dir)).filter((f) => f.endsWith('.ts')).sort()) {
    const shipped = (await import(pathToFileURL(join('dist/model/variants', dir, name.replace(/\.ts$/, '.js'))).href)) as Record<string, unknown>;
    const members: { member: string; fn: string }[] = [];
    for (const [member, value] of Object.entries(v)) {
      if (typeof value !== 'function') continue;
      const fn = Object.keys(shipped).find((e) => shipped[e] === value);
      if (fn !== undefined) members.push({ member, fn });
    }
    if (members.length === 0) continue; // the version's index, its event struct
    const text = [
      importingFromCgsim(readFileSync(join('model/variants', dir, name), 'utf8')),
      `import { ${dir} as base } from 'cgsim';`,
      `export default { ...base, name: '${v.name}-copy-${name.replace(/\.ts$/, '')}', ${members.map((m) => `${m.member}: ${m.fn}`).join(', ')} };`,
      '',
    ].join('\n');
    const file = join(outside, `${dir}-${name}`);
    writeFileSync(file, text);
    copies.push({ file, members });
  }
  return copies;
}

const BUDGET = { scenarios, runs: 25, seed: 'copies' };

for (const v of variants) {
  test(`${v.name}: each of its functions, copied into a module outside the checkout, compiles against 'cgsim' and finds what the version finds`, async (t) => {
    const copies = await copiesOf(v);
    t.true(copies.length > 0);
    const shipped = exploreVariant({ variant: v, ...BUDGET }).bugs.map((b) => b.key);
    for (const c of copies) {
      const mine = await loadVariant(c.file, outside);
      for (const m of c.members) t.not((mine as unknown as Record<string, unknown>)[m.member], (v as unknown as Record<string, unknown>)[m.member], `${c.file}: ${m.member}`);
      t.deepEqual(exploreVariant({ variant: mine, ...BUDGET }).bugs.map((b) => b.key), shipped, c.file);
    }
  });
}

test("6.10's event teardown is a hook a module replaces: a teardown that forgets the removal leaves the eventfd unsignalled", async (t) => {
  const source = importingFromCgsim(readFileSync('model/variants/v6_10/offline.ts', 'utf8')).replace(/\n\s*yield\* schedule_work\(k, event\.remove, L\(690\)\);/, '');
  t.false(source.includes('schedule_work('));
  const file = join(outside, 'v6_10-forgetful-offline.ts');
  writeFileSync(file, `${source}\nimport { v6_10 } from 'cgsim';\nexport default { ...v6_10, name: 'v6.10-forgetful', cgroup_rmdir_events: mem_cgroup_css_offline };\n`);
  const mine = await loadVariant(file, outside);
  const budget = { scenarios: resolveScenarios('register-vs-rmdir'), runs: 20, seed: '1' };
  const keys = exploreVariant({ variant: mine, ...budget }).bugs.map((b) => b.key);
  t.true(
    keys.some((k) => k.startsWith('lost-notification | ')),
    keys.join('\n'),
  );
  t.false(
    exploreVariant({ variant: variants.find((x) => x.name === 'v6.10')!, ...budget })
      .bugs.map((b) => b.key)
      .some((k) => k.startsWith('lost-notification | ')),
  );
});
