import { replaySchedules, replaySeed } from '../../harness/replay.js';
import { replayCommand, resolveVariant } from '../../harness/resolve.js';
import { scenarioFromArgs, SCENARIO_VALUED } from '../scenarioArgs.js';
import { kernelReport } from '../../report/kernelText.js';
import { traceColumns } from '../format/columns.js';
import { intOption, optionValue, UsageError, type ParsedArgs } from '../args.js';
import { STRATEGY_VALUED, strategyArgs } from '../strategyArgs.js';
import { asInvoked, type Io } from './explore.js';

export const REPLAY_VALUED = new Set(['variant', ...SCENARIO_VALUED, 'schedule', 'seed', 'run', 'max-steps', ...STRATEGY_VALUED]);
export const REPLAY_FLAGS = new Set(['json', 'full']);

/**
 * `cgsim replay`: one execution, exactly as recorded (a schedule) or as explored (a seed and a run index): the
 * interleaved trace in columns, then every report. Exit 1 when something was found.
 */
export async function replayCommandRun(a: ParsedArgs, io: Io): Promise<number> {
  const variantName = optionValue(a, 'variant', 'v4');
  const variant = await resolveVariant(variantName, io.cwd ?? '.');
  if (optionValue(a, 'scenario') === undefined && optionValue(a, 'workload') === undefined) throw new UsageError('replay needs --scenario NAME or --workload W');
  const scenario = scenarioFromArgs(a, io.cwd ?? '.');
  const schedules = a.options.get('schedule') ?? [];
  const seed = optionValue(a, 'seed');
  const maxSteps = intOption(a, 'max-steps', 20_000);
  if (schedules.length > 0 && seed !== undefined) throw new UsageError('give either --schedule or --seed with --run, not both');
  let result;
  if (schedules.length > 0) result = replaySchedules(variant, scenario, schedules, maxSteps);
  else if (seed !== undefined) result = replaySeed(variant, scenario, seed, intOption(a, 'run', 0, 0), { ...strategyArgs(a), maxSteps });
  else throw new UsageError('replay needs --schedule STRING (or --seed S --run N)');
  const { outcome, schedule } = result;
  const command = asInvoked(io, replayCommand(variant.ref ?? variant.name, scenario.name, [...schedules.slice(0, -1), schedule]));
  if (a.flags.has('json')) {
    io.out(
      JSON.stringify(
        {
          variant: variant.name,
          scenario: scenario.name,
          schedule,
          ending: outcome.ending,
          steps: outcome.steps,
          actors: outcome.actorNames,
          trace: (outcome.trace ?? []).map((t) => ({ step: t.step + 1, actor: outcome.actorNames[t.actor], op: t.op, object: t.obj, site: t.site, findings: t.findings.map((i) => i + 1) })),
          findings: outcome.findings,
          replay: command,
        },
        null,
        2,
      ),
    );
    return outcome.findings.length > 0 ? 1 : 0;
  }
  io.out(`cgsim replay: variant ${variant.name}, scenario ${scenario.name}`);
  io.out(`schedule ${schedule}`);
  io.out('');
  for (const line of traceColumns(outcome, a.flags.has('full'))) io.out(line);
  io.out('');
  io.out(`ending: ${outcome.ending} after ${outcome.steps} steps; ${outcome.findings.length} report(s)`);
  io.out('');
  outcome.findings.forEach((f, i) => {
    for (const line of kernelReport(f, i + 1, outcome.steps)) io.out(line);
  });
  io.out(`replay: ${command}`);
  return outcome.findings.length > 0 ? 1 : 0;
}
