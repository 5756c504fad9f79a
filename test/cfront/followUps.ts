/**
 * Follow-up patches over the seed, made at test time from the seed's own lines (no kernel text in the project):
 * each is written to a temporary file and named by what it changes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFunction } from '../../cfront/functions.js';
import { heldTextsOf } from '../../cfront/heldText.js';
import { followUp, hunk, seedPatch } from './seed.js';

const FILE = 'kernel/cgroup.c';

/** The seed's held text of kernel/cgroup.c, and the line numbers of a function's lines that contain `needle`. */
function seedLines(fn: string, needle: string): { text: (n: number) => string; at: number[] } {
  const held = heldTextsOf(seedPatch()).get(FILE)!;
  const def = findFunction(held, fn)[0]!;
  const at: number[] = [];
  for (let n = def.firstLine; n <= def.lastLine!; n++) if (held.text(n)?.includes(needle) === true) at.push(n);
  return { text: (n) => held.text(n)!, at };
}

/** The seed's line number of the first line of `fn` that contains `needle`. */
export const seedLineOf = (fn: string, needle: string): number => seedLines(fn, needle).at[0]!;

function write(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cgsim-followup-')), name);
  writeFileSync(path, text);
  return path;
}

export interface FollowUp {
  readonly path: string;
  /** The post-image line numbers (of the series) of the lines the follow-up changed or that it is about. */
  readonly lines: readonly number[];
}

/** cgroup_event_remove takes the entry off the wait queue before it drops the eventfd reference. */
export function swapPutAndRemove(): FollowUp {
  const { text, at: [put] } = seedLines('cgroup_event_remove', 'eventfd_ctx_put');
  const remove = put! + 1;
  const body = [` ${text(put! - 1)}`, `-${text(put!)}`, `-${text(remove)}`, `+${text(remove)}`, `+${text(put!)}`, ` ${text(remove + 1)}`];
  return { path: write('swap-put-remove.diff', followUp(FILE, hunk(put! - 1, put! - 1, body))), lines: [put!, remove] };
}

/** cgroup_write_event_control no longer tests eventfd_fget's result: the four lines of `if (IS_ERR(efile)) {...}` go. */
export function dropEfileCheck(): FollowUp {
  const { text, at: [check] } = seedLines('cgroup_write_event_control', 'IS_ERR(efile)');
  const body = [` ${text(check! - 1)}`, ...[0, 1, 2, 3].map((i) => `-${text(check! + i)}`), ` ${text(check! + 4)}`, ` ${text(check! + 5)}`];
  // After the hunk, the line that uses efile next (its last context line) is one after where the check was.
  return { path: write('drop-efile-check.diff', followUp(FILE, hunk(check! - 1, check! - 1, body))), lines: [check! + 1] };
}

/** cgroup_event_remove takes cgrp->event_list_lock around its unregister_event call (a lock the wake function takes too). */
export function lockAroundUnregister(): FollowUp {
  const { text, at: [call] } = seedLines('cgroup_event_remove', 'unregister_event');
  const indent = /^\s*/.exec(text(call!))![0];
  const body = [` ${text(call! - 1)}`, `+${indent}spin_lock(&cgrp->event_list_lock);`, ` ${text(call!)}`, `+${indent}spin_unlock(&cgrp->event_list_lock);`, ` ${text(call! + 1)}`];
  return { path: write('lock-unregister.diff', followUp(FILE, hunk(call! - 1, call! - 1, body))), lines: [call!, call! + 1, call! + 2] };
}

/** One line of a function, changed by `edit`: a follow-up that replaces it (C that may be wrong on purpose). */
export function editLine(fn: string, needle: string, edit: (line: string) => string): FollowUp {
  const { text, at: [n] } = seedLines(fn, needle);
  const body = [` ${text(n! - 1)}`, `-${text(n!)}`, `+${edit(text(n!))}`, ` ${text(n! + 1)}`];
  return { path: write(`edit-${fn}.diff`, followUp(FILE, hunk(n! - 1, n! - 1, body))), lines: [n!] };
}

/** cgroup_write_event_control goes on when register_event fails: the `if (ret) goto fail;` after it goes. */
export function dropRegisterCheck(): FollowUp {
  const { text, at: [call] } = seedLines('cgroup_write_event_control', '= event->cft->register_event(');
  const check = call! + 2;
  const body = [` ${text(check - 1)}`, `-${text(check)}`, `-${text(check + 1)}`, ` ${text(check + 2)}`, ` ${text(check + 3)}`];
  // After the hunk, the poll of the eventfd's file is where the check was, one line down.
  return { path: write('drop-register-check.diff', followUp(FILE, hunk(check - 1, check - 1, body))), lines: [check + 1] };
}
