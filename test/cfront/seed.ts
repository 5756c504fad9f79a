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
