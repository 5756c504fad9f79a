import { accessSync, closeSync, constants, fsyncSync, openSync, rmSync, statSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A file that could not be written; the CLI prints `cgsim: cannot write <path>: <reason>` and exits 2. */
export class WriteError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot write ${path}: ${reason}`);
    this.name = 'WriteError';
  }
}

/** The system's words for what went wrong (`ENOENT: no such file or directory, open '...'` -> `no such file or directory`). */
export function reasonOf(e: unknown): string {
  if (e instanceof Error && 'code' in e) {
    const m = /^[A-Z]+: ([^,]+)/.exec(e.message);
    return m !== null ? m[1]! : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** Where the text goes before it replaces the target: the same directory (so the rename is atomic), a name of its own. */
function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

/**
 * Writes `text` to `path` whole or not at all: to a temporary file in the same directory, flushed to disk, then
 * renamed over the target. A reader (or a crash, or Ctrl-C) sees the old file or the new one, never half of one.
 * On failure the temporary file is removed, the target is as it was, and a WriteError says why.
 */
export function writeFileAtomic(path: string, text: string): void {
  writeFilesAtomic([{ path, text }]);
}

/** A file to write, and its whole text. */
export interface FileText {
  readonly path: string;
  readonly text: string;
}

/**
 * Writes several files together, each whole, and all of them or none as far as a failure of ours goes: every
 * text goes to its temporary file first; only when all are written are they renamed over their targets. A failure
 * before the renames leaves every target as it was.
 */
export function writeFilesAtomic(files: readonly FileText[]): void {
  const written: string[] = [];
  try {
    for (const f of files) {
      writeTemporary(f.path, f.text);
      written.push(temporaryPathFor(f.path));
    }
  } catch (e) {
    for (const t of written) removeIfOurs(t);
    throw e;
  }
  for (const f of files) {
    try {
      renameSync(temporaryPathFor(f.path), f.path);
    } catch (e) {
      for (const t of written) removeIfOurs(t);
      throw new WriteError(f.path, reasonOf(e));
    }
  }
}

/** The text in the target's temporary file, flushed to disk; on failure the temporary file is gone and a WriteError says why. */
function writeTemporary(path: string, text: string): void {
  const temporary = temporaryPathFor(path);
  let fd: number | null = null;
  try {
    fd = openSync(temporary, 'w', 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
  } catch (e) {
    if (fd !== null) closeSync(fd);
    removeIfOurs(temporary);
    throw new WriteError(path, reasonOf(e));
  }
}

/** Removes the temporary file if it is one (the failure may be that a directory sits at its name). */
function removeIfOurs(temporary: string): void {
  try {
    if (statSync(temporary).isFile()) rmSync(temporary);
  } catch {
    // Nothing there: nothing to clean up.
  }
}

/**
 * Throws a WriteError unless `path` can be written: its directory exists, is a directory and is writable, and
 * `path` is not a directory. Checked before a long run, so that a typo costs nothing.
 */
export function assertWritable(path: string): void {
  const dir = dirname(path);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    throw new WriteError(path, `directory ${dir}: ${reasonOf(e)}`);
  }
  if (!isDir) throw new WriteError(path, `${dir} is not a directory`);
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new WriteError(path, `directory ${dir} is not writable (${reasonOf(e)})`);
  }
  try {
    if (statSync(path).isDirectory()) throw new WriteError(path, 'it is a directory');
  } catch (e) {
    if (e instanceof WriteError) throw e;
    // Not there yet: it will be created.
  }
}
