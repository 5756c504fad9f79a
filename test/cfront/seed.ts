import { readFileSync } from 'node:fs';
import { parsePatch, type Patch } from '../../cfront/diff.js';

/** The seed patch, read where the project's machines keep it (never copied into the project). */
export const SEED = '../shared/seed/000_14102c98a5940216.txt';

export const seedText = (): string => readFileSync(SEED, 'utf8');

export const seedPatch = (): Patch => parsePatch(seedText(), SEED);

/** A patch text made of lines (a newline after each). */
export const lines = (...ls: string[]): string => ls.map((l) => `${l}\n`).join('');

/** The git header of a file's section, as format-patch writes it. */
export const gitHeader = (path: string): string[] => [`diff --git a/${path} b/${path}`, 'index 1111111..2222222 100644', `--- a/${path}`, `+++ b/${path}`];

/** A patch creating `path` with `body` as its lines: held text that is the whole file. */
export const created = (path: string, body: readonly string[]): string =>
  lines(`diff --git a/${path} b/${path}`, 'new file mode 100644', '--- /dev/null', `+++ b/${path}`, `@@ -0,0 +1,${body.length} @@`, ...body.map((l) => `+${l}`));

/** A hunk whose header counts its body (lines with their ' ', '-' or '+' prefix). */
export const hunk = (oldStart: number, newStart: number, body: readonly string[]): string[] => {
  const old = body.filter((l) => !l.startsWith('+')).length;
  const added = body.filter((l) => !l.startsWith('-')).length;
  return [`@@ -${oldStart},${old} +${newStart},${added} @@`, ...body];
};

/** A follow-up patch of one file, as format-patch would write it after a mail header. */
export const followUp = (path: string, ...hunks: string[][]): string =>
  lines('From: someone at example.org', 'Subject: [PATCH] a follow-up made by the test', '', '---', ...gitHeader(path), ...hunks.flat());
