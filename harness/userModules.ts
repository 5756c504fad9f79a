/**
 * The user-written variant modules loaded so far, by the URL their stack frames carry, so that an exception
 * thrown by a user's code can be reported at the line of the file they wrote (not of its transpiled form).
 */

export interface UserModule {
  /** How the user named it (`./my-patch.ts`). */
  readonly spec: string;
  /** For each line of the code that runs (0-based), the line of the user's file it came from (0-based). */
  readonly lineMap: readonly number[] | null;
}

const modules = new Map<string, UserModule>();

const listeners: ((url: string, m: UserModule) => void)[] = [];

export function registerUserModule(url: string, m: UserModule): void {
  modules.set(url, m);
  for (const l of listeners) l(url, m);
}

/** Told of every module registered from now on (the command line's worker tells its watchdog, on another thread). */
export function onUserModule(listener: (url: string, m: UserModule) => void): void {
  listeners.push(listener);
}

/** A position in a registered module as the user knows it (`./my-patch.ts:13`), from a generated 0-based line. */
export function userPosition(url: string, generatedLine: number): string | null {
  const mod = modules.get(url);
  if (mod === undefined) return null;
  const line = mod.lineMap === null ? generatedLine : (mod.lineMap[generatedLine] ?? generatedLine);
  return `${mod.spec}:${line + 1}`;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes a source map's `mappings` into, per generated line, the source line of its first segment. */
export function sourceLinesOf(mappings: string): number[] {
  const lines: number[] = [];
  let sourceLine = 0;
  for (const line of mappings.split(';')) {
    let first: number | null = null;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const fields = decodeVlq(segment);
      if (fields.length >= 4) {
        sourceLine += fields[2]!;
        first ??= sourceLine;
      }
    }
    lines.push(first ?? (lines.length > 0 ? lines[lines.length - 1]! : 0));
  }
  return lines;
}

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

/**
 * The innermost frame of `error`'s stack that lies in a user's module, as `fn (./my-patch.ts:LINE:COL)` with
 * the line of the user's own file; null when the error did not come from a user's module.
 */
export function userFrameOf(error: unknown): string | null {
  if (!(error instanceof Error) || error.stack === undefined) return null;
  for (const frame of error.stack.split('\n').slice(1)) {
    const m = /^\s*at (?:(.*?) \()?(.+):(\d+):(\d+)\)?$/.exec(frame);
    if (m === null) continue;
    const mod = modules.get(m[2]!);
    if (mod === undefined) continue;
    const generated = Number(m[3]) - 1;
    const line = mod.lineMap === null ? generated : (mod.lineMap[generated] ?? generated);
    const fn = (m[1] ?? '<module>').replace(/^Module\./, '').replace(/^Object\./, '');
    return `${fn} (${mod.spec}:${line + 1})`;
  }
  return null;
}

/**
 * A position in a user's module (`/abs/my-patch.ts?load=1:12`, as a model frame gives it, without `file://`) as
 * the user knows it: the name they gave and the line of their own file (`./my-patch.ts:13`); null for anything else.
 */
export function userSourceLocation(where: string): string | null {
  const m = /^(.*\?load=\d+):(\d+)$/.exec(where);
  const mod = m === null ? undefined : modules.get(`file://${m[1]}`);
  if (mod === undefined) return null;
  const generated = Number(m![2]) - 1;
  const line = mod.lineMap === null ? generated : (mod.lineMap[generated] ?? generated);
  return `${mod.spec}:${line + 1}`;
}
