import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terminalSafe } from '../../cli/terminalSafe.js';
import { runBin } from '../helpers/bin.js';

test('control characters are shown escaped; tabs, text and box drawing pass', (t) => {
  t.is(terminalSafe('a\x1b[2Jb\r\x07\x9b'), 'a\\x1b[2Jb\\x0d\\x07\\x9b');
  t.is(terminalSafe('col\tcol ─│ é\nnext'), 'col\tcol ─│ é\nnext');
});

test('a variant titled with ANSI codes does not reach the terminal raw', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cgsim-ansi-'));
  writeFileSync(join(dir, 'ansi.js'), "import { v4 } from 'cgsim';\nexport default { ...v4, name: 'v4-ansi', title: 'clear \\u001b[2J\\u001b[H me' };\n");
  const r = await runBin(dir, ['explore', '--variant', './ansi.js', '--scenario', 'bad-write:empty', '--runs', '1']);
  t.false(r.out.includes('\x1b'), r.out);
  t.regex(r.out, /clear \\x1b\[2J\\x1b\[H me/);
});
