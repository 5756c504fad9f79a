import test from 'ava';
import { readFileSync } from 'node:fs';
import { exploreVariant } from '../../../harness/explore.js';
import { createdSites } from '../../../model/site.js';
import { variants } from '../../../model/variants/index.js';
import { scenarios } from '../../../scenarios/index.js';

const VERSIONS = '../shared/reference/versions.md';

// Running every version on every scenario creates every site the models use.
for (const v of variants) exploreVariant({ variant: v, scenarios, runs: 30, seed: 'labels' });
const lines = readFileSync(VERSIONS, 'utf8').split('\n');

/**
 * Functions versions.md quotes under another version's name: 6.10 has the events part of its css offline in
 * mm/memcontrol.c's mem_cgroup_css_offline(); the text quoted is 6.11's memcg1_css_offline() (memcontrol-v1.c).
 */
const QUOTED_AS: Record<string, string> = { mem_cgroup_css_offline: 'memcg1_css_offline' };

/** The function whose definition opens the code block holding `line` (1-based), if the block shows one. */
function definedAbove(line: number): string | null {
  for (let l = line; l >= 1; l--) {
    const text = lines[l - 1]!;
    // A fence, the end of an earlier function, or a `...` between fragments: no definition for this line.
    if (text.startsWith('```') || (l < line && (text === '}' || text.trim() === '...'))) return null;
    const m = /^(?:static\s+)?(?:inline\s+)?(?:void|int|ssize_t|struct [\w\s*]+?)\s+\**([a-z_]\w*)\(/.exec(text);
    if (m !== null) return m[1]!;
  }
  return null;
}

test('every step label pointing into versions.md names a line of it inside the function it claims, or its description', (t) => {
  const labelled = createdSites.filter((s) => s.file === 'versions.md');
  t.true(labelled.length >= 60, `only ${labelled.length} labelled sites`);
  for (const s of labelled) {
    t.true(s.line >= 1 && s.line <= lines.length, `${s.fn}:${s.line} is past the end of versions.md`);
    const above = definedAbove(s.line);
    const text = lines[s.line - 1]!;
    // A verbatim function: the definition above must be the one named. A quoted fragment or a description
    // (3.8 is described, not quoted) has no definition above; then the section must be about that function.
    if (above !== null) t.is(above, QUOTED_AS[s.fn] ?? s.fn, `versions.md:${s.line} is inside ${above}, not ${s.fn}`);
    else t.true(text.trim().length > 0, `versions.md:${s.line} (${s.fn}) is an empty line`);
  }
});
