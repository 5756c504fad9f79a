import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from '../helpers/bin.js';
import { writeOfflineProject } from '../helpers/offlineProject.js';

/**
 * The package as a user installs it: `npm pack` of the checkout (as built: no `prepare`), installed in a project
 * of its own, outside the checkout, with nothing of the checkout reachable from there.
 */

interface Run {
  readonly code: number | null;
  readonly out: string;
}

/** A command's exit status and its stdout and stderr together (a failing command is a result, not a throw). */
function run(cwd: string, file: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

interface Packed {
  readonly dir: string;
  readonly files: readonly string[];
  readonly size: number;
  readonly unpackedSize: number;
}

/** A block of the README, exactly as it is printed there, after its marker. */
function readmeBlock(marker: string, lang: string): string {
  const m = new RegExp(`<!-- ${marker} -->\\s*\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(readFileSync(join(root, 'README.md'), 'utf8'));
  if (m === null) throw new Error(`README.md lost its ${marker} block`);
  return m[1]!;
}

/** The README's ava configuration for .ts tests (### In your own tests), as a user pastes it into package.json. */
const AVA_CONFIG = (JSON.parse(`{${readmeBlock('ava-config', 'json')}}`) as { ava: unknown }).ava;

let packed: Promise<Packed> | undefined;
let workDir: string | undefined;

/** Packs and installs once, for every test of this file. */
function project(): Promise<Packed> {
  packed ??= (async () => {
    const dir = (workDir = mkdtempSync(join(tmpdir(), 'cgsim-pack-')));
    const pack = await run(root, 'npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir]);
    if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.out}`);
    const [info] = JSON.parse(pack.out.slice(pack.out.indexOf('['))) as { filename: string; files: { path: string }[]; size: number; unpackedSize: number }[];
    writeOfflineProject(dir, root, info!.filename, ['ava', 'tsx'], { ava: AVA_CONFIG });
    const install = await run(dir, 'npm', ['ci', '--offline', '--no-audit', '--no-fund']);
    if (install.code !== 0) throw new Error(`npm ci --offline failed: ${install.out}`);
    return { dir, files: info!.files.map((f) => f.path), size: info!.size, unpackedSize: info!.unpackedSize };
  })();
  return packed;
}

test.after.always(() => {
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
});

const installed = (p: Packed, path: string): string => join(p.dir, 'node_modules', 'cgsim', path);

test.serial('the tarball ships what runs: no tests or scripts, no source map without its source, the LICENSE', async (t) => {
  t.timeout(180_000);
  const p = await project();
  t.log(`${p.files.length} files, ${p.size} bytes packed, ${p.unpackedSize} unpacked`);
  for (const f of ['LICENSE', 'README.md', 'package.json', 'bin/cgsim.js', 'dist/index.js', 'dist/index.d.ts', 'dist/harness/determinismRules.js', 'schema/cgsim-replay-1.schema.json']) {
    t.true(p.files.includes(f), f);
  }
  t.deepEqual(p.files.filter((f) => /^(dist\/)?(test|scripts)\//.test(f)), []);
  t.regex(readFileSync(installed(p, 'LICENSE'), 'utf8'), /^MIT License\n\nCopyright \(c\) 2026 the cgsim authors\n/);
  const maps = p.files.filter((f) => f.endsWith('.map'));
  t.true(maps.length > 100);
  for (const m of maps) {
    const { sources } = JSON.parse(readFileSync(installed(p, m), 'utf8')) as { sources: string[] };
    for (const s of sources) t.true(p.files.includes(relative('.', join(dirname(m), s))), `${m} -> ${s}`);
  }
});

test.serial("an .mjs script imports 'cgsim', and fc.assert's message has cgsim's report and replay command", async (t) => {
  t.timeout(180_000);
  const p = await project();
  writeFileSync(
    join(p.dir, 'user.mjs'),
    `import fc from 'fast-check';
import { v4, raceProperty } from 'cgsim';
const found = { resolved: import.meta.resolve('cgsim'), name: v4.name, message: null, deep: null };
try { fc.assert(raceProperty({ variant: 'v4' }), { seed: 1 }); } catch (e) { found.message = e.message; }
try { await import('cgsim/dist/sim/rng.js'); } catch (e) { found.deep = e.code; }
found.version = (await import('cgsim/package.json', { with: { type: 'json' } })).default.version;
console.log(JSON.stringify(found));
`,
  );
  const r = await run(p.dir, process.execPath, ['user.mjs']);
  t.is(r.code, 0, r.out);
  const found = JSON.parse(r.out) as { resolved: string; name: string; message: string | null; deep: string | null; version: string };
  t.is(found.resolved, `file://${installed(p, 'dist/index.js')}`);
  t.is(found.name, 'v4');
  t.regex(found.message ?? '', /^Property failed after/);
  t.regex(found.message ?? '', /\n {4}replay: cgsim replay --variant v4 --workload '.*' --schedule s1:\w+\n/);
  t.is(found.deep, 'ERR_PACKAGE_PATH_NOT_EXPORTED');
  t.is(found.version, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
});

test.serial('the installed command runs: cgsim list, and npx cgsim list; --version is the package\'s', async (t) => {
  t.timeout(180_000);
  const p = await project();
  const version = await run(p.dir, process.execPath, ['node_modules/.bin/cgsim', '--version']);
  t.is(version.code, 0, version.out);
  t.is(version.out.trim().split(/\s+/).pop(), (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
  for (const [file, args] of [[process.execPath, ['node_modules/.bin/cgsim', 'list']], ['npx', ['--offline', 'cgsim', 'list']]] as const) {
    const r = await run(p.dir, file, args);
    t.is(r.code, 0, r.out);
    t.regex(r.out, /^variant {3}v4 /m);
    t.regex(r.out, /close-vs-rmdir/);
  }
});

test.serial('a .ts variant module of the project loads through the installed cgsim; without Node types, a built-in import says so', async (t) => {
  t.timeout(180_000);
  const p = await project();
  writeFileSync(join(p.dir, 'copy.ts'), "import { v4 } from 'cgsim';\nimport type { Variant } from 'cgsim';\nconst mine: Variant = { ...v4, name: 'v4-copy' };\nexport default mine;\n");
  const r = await run(p.dir, process.execPath, ['node_modules/.bin/cgsim', 'explore', '--variant', './copy.ts', '--scenario', 'close-vs-rmdir', '--runs', '50', '--seed', '1']);
  t.is(r.code, 1, r.out);
  t.regex(r.out, /cgsim replay --variant \.\/copy\.ts --scenario close-vs-rmdir --schedule /);
  writeFileSync(join(p.dir, 'fs.ts'), "import { existsSync } from 'node:fs';\nimport { v4 } from 'cgsim';\nexport default { ...v4, name: existsSync('/') ? 'v4-fs' : 'none' };\n");
  // Whether Node's types are there depends on the folders above the project (a node_modules in /tmp has them):
  // the installed cgsim says where it would take them from.
  const where = `import { nodeTypesRoot } from ${JSON.stringify(pathToFileURL(installed(p, 'dist/harness/loadVariant.js')).href)}; console.log(String(nodeTypesRoot(${JSON.stringify(join(p.dir, 'fs.ts'))})));`;
  const types = (await run(p.dir, process.execPath, ['--input-type=module', '-e', where])).out.trim();
  const f = await run(p.dir, process.execPath, ['node_modules/.bin/cgsim', 'explore', '--variant', './fs.ts', '--scenario', 'close-vs-rmdir', '--runs', '1']);
  t.log(`Node's types for the project: ${types}`);
  if (types !== 'null') t.is(f.code, 1, f.out);
  else {
    t.is(f.code, 2, f.out);
    t.regex(f.out, /^cgsim: variant '\.\/fs\.ts' does not compile: \.\/fs\.ts:1:\d+ Cannot find module 'node:fs'.*Node's types are not installed: `npm install --save-dev @types\/node`/);
  }
});

test.serial("the README's .ts ava example, with its loader config: v6.10 passes, v4 fails with the replay command; tsc checks it", async (t) => {
  t.timeout(180_000);
  const p = await project();
  writeFileSync(join(p.dir, 'closeVsRmdir.test.ts'), readmeBlock('ava-example', 'ts'));
  const tsconfig = { compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true }, include: ['*.test.ts'] };
  writeFileSync(join(p.dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  const tsc = await run(p.dir, process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.']);
  t.is(tsc.code, 0, tsc.out);
  const ava = await run(p.dir, process.execPath, ['node_modules/ava/entrypoints/cli.mjs']);
  t.is(ava.code, 1, ava.out);
  t.regex(ava.out, /✔ close vs rmdir never corrupts the list \(v6\.10\)/);
  t.regex(ava.out, /✘ \[fail\]: close vs rmdir never corrupts the list \(v4, the seed patch: fails\)/);
  t.regex(ava.out, /replay: cgsim replay --variant v4 --workload '.*' --schedule s1:\w+/);
  t.regex(ava.out, /1 test failed/);
});
