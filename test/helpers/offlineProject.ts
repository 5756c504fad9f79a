import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [field: string]: unknown;
}

interface Lock {
  packages: Record<string, LockEntry>;
}

/** Where a package at `from` (a lock path, '' for the root) finds `name`: the nearest node_modules up the tree. */
function resolveIn(packages: Record<string, LockEntry>, from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (dir === '') return null;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut < 0 ? '' : dir.slice(0, cut);
  }
}

/** The lock paths `roots` need, as the checkout's lock resolves them (optional ones included when locked). */
function closure(packages: Record<string, LockEntry>, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (from: string, name: string, optional: boolean): void => {
    const path = resolveIn(packages, from, name);
    if (path === null) {
      if (optional) return;
      throw new Error(`the checkout's lock has no ${name} for ${from || 'the root'}`);
    }
    if (seen.has(path)) return;
    seen.add(path);
    const e = packages[path]!;
    for (const d of Object.keys(e.dependencies ?? {})) visit(path, d, false);
    for (const d of Object.keys(e.optionalDependencies ?? {})) visit(path, d, true);
  };
  for (const r of roots) visit('', r, false);
  return seen;
}

/**
 * The registry's address of a package's tarball. The checkout's lock leaves it out (npm looks it up in the
 * package's list of versions); given, npm takes the tarball from its cache by integrity and asks nothing.
 */
function tarballUrl(path: string, version: string): string {
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  return `${REGISTRY}${name}/-/${name.slice(name.indexOf('/') + 1)}-${version}.tgz`;
}

const REGISTRY = 'https://registry.npmjs.org/';

/**
 * A user's project in `dir` that installs the packed cgsim `tarball` (and `devDependencies`, names the checkout
 * has locked) with `npm ci --offline`: its package-lock.json is the checkout's, cut down to what these need, so
 * npm takes every package from the cache `npm ci` of the checkout filled and asks the registry nothing (a plain
 * `npm install` of the tarball would need the registry's package lists, which `npm ci` does not cache).
 */
export function writeOfflineProject(dir: string, checkout: string, tarball: string, devDependencies: readonly string[], extra: Record<string, unknown> = {}): void {
  const lock = JSON.parse(readFileSync(join(checkout, 'package-lock.json'), 'utf8')) as Lock;
  const own = lock.packages[''] as LockEntry & { dependencies: Record<string, string> };
  const packed = JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8')) as LockEntry & { name: string; bin?: unknown; engines?: unknown; license?: string };
  const spec = `file:${tarball}`;
  const dev = Object.fromEntries(devDependencies.map((n) => [n, lock.packages[`node_modules/${n}`]!.version!]));
  const packages: Record<string, LockEntry> = {
    '': { name: 'my-tests', dependencies: { cgsim: spec }, devDependencies: dev },
    'node_modules/cgsim': {
      version: packed.version!,
      resolved: spec,
      integrity: `sha512-${createHash('sha512').update(readFileSync(join(dir, tarball))).digest('base64')}`,
      license: packed.license,
      dependencies: own.dependencies,
      bin: packed.bin,
      engines: packed.engines,
    },
  };
  // The checkout's own packages are at its root; the installed cgsim finds them one level up, as a user's would.
  for (const path of closure(lock.packages, [...Object.keys(own.dependencies), ...devDependencies])) {
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = lock.packages[path]!;
    packages[path] = { ...entry, resolved: entry.resolved ?? tarballUrl(path, entry.version!) };
  }
  const manifest = { name: 'my-tests', private: true, type: 'module', dependencies: { cgsim: spec }, devDependencies: dev, ...extra };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify({ name: 'my-tests', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
}
