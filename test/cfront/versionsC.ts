/**
 * The later versions' C as ../shared/reference/versions.md quotes it, read at run time (never copied into the
 * project): the ```c blocks of one section, written into a temporary .c file with every line at the number it has
 * in versions.md (the lines between blocks left empty), so the C's sites name the same lines as the hand-written
 * variants, which cite versions.md by line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const VERSIONS_MD = '../shared/reference/versions.md';

export interface QuotedC {
  /** The temporary .c file. */
  readonly file: string;
  /** The functions quoted whole, with no elision, by name. */
  readonly complete: readonly string[];
  /** The functions quoted with an elision (`...`): not the code, a condensation of it. */
  readonly elided: readonly string[];
}

/** The ```c blocks between the heading that starts with `heading` and the next heading of the same level. */
export function quotedC(heading: string): QuotedC {
  const md = readFileSync(VERSIONS_MD, 'utf8').split('\n');
  const start = md.findIndex((l) => l.startsWith(heading));
  if (start < 0) throw new Error(`${VERSIONS_MD}: no section ${heading}`);
  const level = /^#+/.exec(heading)![0];
  const endAt = md.findIndex((l, i) => i > start && new RegExp(`^#{1,${level.length}} `).test(l));
  const end = endAt < 0 ? md.length : endAt;
  const out = md.map(() => '');
  let inC = false;
  for (let i = start; i < end; i++) {
    const l = md[i]!;
    if (l.startsWith('```')) inC = l === '```c';
    else if (inC) out[i] = l;
  }
  const file = join(mkdtempSync(join(tmpdir(), 'cgsim-versions-')), `${heading.replace(/\W+/g, '_')}.c`);
  writeFileSync(file, out.join('\n'));
  const { complete, elided } = functionsIn(out);
  return { file, complete, elided };
}

/** Functions at column 0 (`static ... name(` ... `}` at column 0), split by whether their body elides code. */
function functionsIn(lines: readonly string[]): { complete: string[]; elided: string[] } {
  const complete: string[] = [];
  const elided: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(?!\s)(?:static\s+|void\s+|int\s+|ssize_t\s+|struct\s+\w+\s*\*?\s*)*\s*(\w+)\(/.exec(lines[i]!);
    if (m === null || /^(if|for|while)$/.test(m[1]!)) continue;
    let j = i;
    while (j < lines.length && lines[j] !== '}') j++;
    const body = lines.slice(i, j);
    (body.some((l) => /^\s*\.\.\.|\.\.\.\s*$/.test(l) || /^\s*\.\.\.\s*$/.test(l)) ? elided : complete).push(m[1]!);
    i = j;
  }
  return { complete, elided };
}
