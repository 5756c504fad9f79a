import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceLinesOf, userSourceLocation } from '../harness/userModules.js';

/** The project's root: this module is report/sourceMap.ts, compiled to dist/report/sourceMap.js. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), fileURLToPath(import.meta.url).includes('/dist/') ? '../..' : '..');

interface LineMap {
  /** The source the file was compiled from, relative to the project (tsc writes one source per file). */
  readonly source: string;
  /** Per generated line (0-based), the source line (0-based). */
  readonly lines: readonly number[];
}

/** A compiled file's map, decoded as a user's module's is (harness/userModules.ts). */
function loadMap(file: string): LineMap | null {
  let raw: { sources: string[]; mappings: string };
  try {
    raw = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
  } catch {
    return null;
  }
  if (raw.sources.length !== 1) return null;
  return { source: relative(ROOT, join(dirname(file), raw.sources[0]!)), lines: sourceLinesOf(raw.mappings) };
}

const maps = new Map<string, LineMap | null>();

/**
 * `dist/model/eventfd.js:40` as the TypeScript line it was compiled from (`model/eventfd.ts:31`), through the
 * compiler's source map, so a viewer points at the code a reviewer reads; a user's variant module as the user named
 * it, at the line of their own file (harness/userModules.ts). Anything else is returned as it is.
 */
export function sourceLocation(where: string): string {
  const m = /^(dist\/.*\.js):(\d+)$/.exec(where);
  if (m === null) return userSourceLocation(where) ?? where;
  const file = join(ROOT, m[1]!);
  let map = maps.get(file);
  if (map === undefined) maps.set(file, (map = loadMap(file)));
  const line = map?.lines[Number(m[2]) - 1];
  if (map === null || map === undefined || line === undefined) return where;
  return `${map.source}:${line + 1}`;
}
