import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliIn } from '../helpers/cli.js';

/**
 * The README's table "Bad input, and what cgsim says", row by row: each input is run through main() and must
 * give the line and the exit status the table shows, so that the table cannot drift from what cgsim does.
 */
interface Row {
  readonly input: string;
  readonly argv: string[];
  readonly says: string;
  readonly onStdout: boolean;
  readonly status: number;
}

/** The words of a command line as a shell splits them (single quotes only, which is all the table uses). */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2]!);
  return out;
}

/** The cells of a Markdown table row (`\|` is a `|` inside a cell). */
const cells = (row: string): string[] => row.replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
const code = (cell: string): string => /`([^`]+)`/.exec(cell)?.[1] ?? '';

function readTable(): Row[] {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('### Bad input, and what cgsim says');
  const section = readme.slice(start, readme.indexOf('\n#', start + 1));
  return section
    .split('\n')
    .filter((l) => l.startsWith('| `cgsim'))
    .map((l) => {
      const [input, says, status] = cells(l);
      const argv = words(code(input!));
      return { input: code(input!), argv: argv.slice(1), says: code(says!), onStdout: says!.includes('on stdout'), status: Number(status) };
    });
}

/** A line of the table: `...` stands for any text. */
const pattern = (says: string): RegExp => new RegExp(`^${says.split('...').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

// The directory the inputs run in, with the module files the table names.
const dir = mkdtempSync(join(tmpdir(), 'cgsim-bad-input-'));
writeFileSync(join(dir, 'broken.ts'), 'export default {\n');
writeFileSync(join(dir, 'notavariant.ts'), 'export default 42;\n');

const rows = readTable();

test('the README has its table of bad inputs, each row a cgsim command, a line and a status', (t) => {
  t.true(rows.length >= 30, `${rows.length} rows`);
  for (const r of rows) {
    t.is(r.argv.length > 0 || r.input === 'cgsim', true, r.input);
    t.true(r.says.length > 0, r.input);
    t.true([2, 4].includes(r.status), `${r.input}: status ${r.status}`);
  }
  t.is(new Set(rows.map((r) => r.input)).size, rows.length, 'each input once');
});

for (const row of rows) {
  test(`README: ${row.input}`, async (t) => {
    const r = await cliIn(dir, ...row.argv);
    t.is(r.code, row.status, r.err.join('\n'));
    if (row.onStdout) {
      t.true(r.out.some((l) => pattern(row.says).test(l)), r.out.join('\n'));
    } else {
      // A usage error: that one line on stderr, and nothing on stdout.
      t.is(r.err.length, 1, r.err.join('\n'));
      t.regex(r.err[0] ?? '', pattern(row.says));
      t.deepEqual(r.out, []);
    }
  });
}
