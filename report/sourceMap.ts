import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userSourceLocation } from '../harness/userModules.js';

/** The project's root: this module is report/sourceMap.ts, compiled to dist/report/sourceMap.js. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), fileURLToPath(import.meta.url).includes('/dist/') ? '../..' : '..');

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One line of a source map's `mappings`: its segments' fields, decoded from base64 VLQ. */
function decodeLine(text: string): number[][] {
  const segments: number[][] = [];
  for (const seg of text.split(',')) {
    if (seg === '') continue;
    const fields: number[] = [];
    let value = 0;
    let shift = 0;
    for (const ch of seg) {
      const digit = BASE64.indexOf(ch);
      value += (digit & 31) << shift;
      if (digit & 32) {
        shift += 5;
        continue;
      }
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
    segments.push(fields);
  }
  return segments;
}

interface LineMap {
  readonly sources: readonly string[];
  /** Per generated line (0-based), the first mapped [source index, source line (0-based)], or null. */
  readonly lines: readonly (readonly [number, number] | null)[];
}

/** A compiled file's map: the source file and line of each generated line (fields are deltas across the file). */
function loadMap(file: string): LineMap | null {
  let raw: { sources: string[]; mappings: string };
  try {
    raw = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
  } catch {
    return null;
  }
  const lines: ([number, number] | null)[] = [];
  let source = 0;
  let line = 0;
  for (const text of raw.mappings.split(';')) {
    let first: [number, number] | null = null;
    for (const f of decodeLine(text)) {
      if (f.length < 4) continue;
      source += f[1]!;
      line += f[2]!;
      first ??= [source, line];
    }
    lines.push(first);
  }
  const sources = raw.sources.map((s) => relative(ROOT, join(dirname(file), s)));
  return { sources, lines };
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
  const hit = map?.lines[Number(m[2]) - 1];
  if (map === null || map === undefined || hit === null || hit === undefined) return where;
  return `${map.sources[hit[0]]}:${hit[1] + 1}`;
}
