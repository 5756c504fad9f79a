import type { Variant } from '../model/variant.js';
import { ExecutionError } from '../sim/execution.js';
import { replayCommand } from './resolve.js';
import { userFrameOf } from './userModules.js';
import { patchLineOf } from '../cfront/runError.js';

/**
 * Model code threw (a JavaScript exception, not a finding): in a user's variant module, a bug of that module;
 * in a shipped one, a bug of cgsim. Either way the message says where and the replay command reproduces it.
 */
export class ModelCrash extends Error {
  constructor(
    message: string,
    /** The command that runs the execution again up to the throw. */
    readonly replay: string,
    /** The innermost frame in a user-written module, when the throw came from one. */
    readonly userFrame: string | null,
    /** A C error of a patch's interpreted code: the message is the whole story (where, what, the replay), one line. */
    readonly inPatch = false,
  ) {
    super(message);
    this.name = 'ModelCrash';
  }
}

/** Wraps an ExecutionError caused by a throw, with the variant, the scenario and the schedule that reproduce it. */
export function crashOf(e: ExecutionError, variant: Variant, scenario: string, priorSchedules: readonly string[] = []): ModelCrash {
  const replay = replayCommand(variant.ref ?? variant.name, scenario, [...priorSchedules, e.schedule]);
  const inPatch = patchLineOf(variant.ref ?? variant.name, e.cause);
  if (inPatch !== null) {
    const c = e.cause as Error & { file: string; line: number; problem: string };
    const at = e.message.replace(/^model error in /, '').replace(/: .*$/s, '');
    return new ModelCrash(`${inPatch}: ${c.problem} (${c.file}:${c.line} after the patches; met in ${at} of ${scenario}; replay: ${replay})`, replay, inPatch, true);
  }
  const userFrame = userFrameOf(e.cause);
  const thrown = e.cause instanceof Error ? `${e.cause.name}: ${e.cause.message}` : String(e.cause);
  const where = e.message.replace(/^model error in /, '').replace(/: .*$/s, '');
  const message =
    userFrame !== null
      ? `variant '${variant.ref ?? variant.name}' threw in ${where}: ${thrown}, at ${userFrame}`
      : `internal error: the model of '${variant.name}' threw in ${where}: ${thrown}`;
  return new ModelCrash(message, replay, userFrame);
}

/** Runs `f`, turning a throw of model code into a ModelCrash. */
export function catchingCrash<T>(variant: Variant, scenario: string, f: () => T, priorSchedules: readonly string[] = []): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ExecutionError && e.cause !== undefined) throw crashOf(e, variant, scenario, priorSchedules);
    throw e;
  }
}
