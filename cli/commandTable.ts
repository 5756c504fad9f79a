import type { ParsedArgs } from './args.js';
import { compareCommand, COMPARE_COMMAND } from './commands/compare.js';
import { exploreCommand, EXPLORE_COMMAND, type Io } from './commands/explore.js';
import { fuzzCommand, FUZZ_COMMAND } from './commands/fuzz.js';
import { listCommand, LIST_COMMAND } from './commands/list.js';
import { mergeCommand, MERGE_COMMAND } from './commands/merge.js';
import { replayCommandRun, REPLAY_COMMAND } from './commands/replay.js';
import { verifyCommand, VERIFY_COMMAND } from './commands/verify.js';
import type { CommandSpec } from './options.js';

export interface Command {
  readonly spec: CommandSpec;
  readonly run: (a: ParsedArgs, io: Io) => Promise<number> | number;
}

/** Every command, in the order the overview lists them; `cgsim` alone is the first that explores. */
export const COMMANDS: readonly Command[] = [
  { spec: LIST_COMMAND, run: (_a, io) => listCommand(io.out) },
  { spec: EXPLORE_COMMAND, run: exploreCommand },
  { spec: VERIFY_COMMAND, run: verifyCommand },
  { spec: FUZZ_COMMAND, run: fuzzCommand },
  { spec: REPLAY_COMMAND, run: replayCommandRun },
  { spec: COMPARE_COMMAND, run: compareCommand },
  { spec: MERGE_COMMAND, run: mergeCommand },
];

/** What `cgsim` runs without a command word. */
export const DEFAULT_COMMAND = 'explore';

export const SPECS: readonly CommandSpec[] = COMMANDS.map((c) => c.spec);

export function commandNamed(name: string): Command | undefined {
  return COMMANDS.find((c) => c.spec.name === name);
}
