import { existsSync, readFileSync } from 'node:fs';

/**
 * cgsim's version, from its package.json: found from this module's own place (dist/cli/ in a checkout and in
 * the installed package alike), not from the working directory, which can be any project's.
 */
export function cgsimVersion(): string {
  for (let up = new URL('../', import.meta.url), i = 0; i < 4; up = new URL('../', up), i++) {
    const file = new URL('package.json', up);
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'cgsim' && typeof pkg.version === 'string') return pkg.version;
  }
  throw new Error("cgsim's package.json was not found above its own modules");
}
