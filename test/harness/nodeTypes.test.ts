import test from 'ava';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { loadVariant, nodeTypesRoot, typeErrors } from '../../harness/loadVariant.js';

// A folder outside the checkout, with no node_modules of its own: as a reviewer's own folder.
const dir = mkdtempSync(join(tmpdir(), 'cgsim-node-types-'));

const USES_FS = "import { existsSync } from 'node:fs';\nimport { basename } from 'path';\nimport { v4 } from 'cgsim';\nexport default { ...v4, name: existsSync('/') ? basename('/x/v4-fs') : 'none' };\n";

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

test("a .ts variant that imports Node's built-ins type-checks and loads (README: it may import them)", async (t) => {
  const v = await loadVariant(write('uses-fs.ts', USES_FS), dir);
  t.is(v.name, 'v4-fs');
});

test("Node's types come from the module's own project, else from cgsim's", (t) => {
  // The temp folder has none, so these are the checkout's (a dev dependency).
  t.regex(nodeTypesRoot(join(dir, 'uses-fs.ts')) ?? '', /node_modules\/@types$/);
  const project = mkdtempSync(join(tmpdir(), 'cgsim-own-types-'));
  const own = join(project, 'node_modules', '@types');
  mkdirTypes(own);
  t.is(nodeTypesRoot(join(project, 'mine.ts')), own);
});

test("without Node's types, an import of a built-in says what is missing, in one line", (t) => {
  const file = join(dir, write('no-types.ts', USES_FS));
  const errors = typeErrors(ts, file, 'no-types.ts', null);
  t.true(errors.length >= 1);
  t.regex(errors[0]!, /^no-types\.ts:1:\d+ Cannot find module 'node:fs'.*\(Node's types are not installed: `npm install --save-dev @types\/node` in the variant's project, or write the module in \.js\)$/);
  t.false(errors.join(';').includes('\n'));
});

test("an import cgsim refuses anyway (a package) gets no word about Node's types", (t) => {
  const file = join(dir, write('pkg.ts', "import x from 'left-pad';\nimport { v4 } from 'cgsim';\nexport default { ...v4, name: String(x) };\n"));
  const errors = typeErrors(ts, file, 'pkg.ts', null);
  t.regex(errors[0]!, /Cannot find module 'left-pad'/);
  t.false(errors[0]!.includes('@types/node'));
});

function mkdirTypes(root: string): void {
  const node = join(root, 'node');
  mkdirSync(node, { recursive: true });
  writeFileSync(join(node, 'package.json'), '{"name":"@types/node","version":"0.0.0"}');
}
