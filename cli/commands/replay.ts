import { replaySeed } from '../../harness/replay.js';
import { replayCommand, resolveVariant } from '../../harness/resolve.js';
import { assertWritable } from '../../harness/atomicWrite.js';
import { reportSink } from '../output.js';
import { observeReplay } from '../../report/observe.js';
import { replayDoc, type ReplayDoc } from '../../report/replayDoc.js';
import { raceDiagram } from '../../report/diagram.js';
import { raceMermaid } from '../../report/mermaid.js';
import { viewerHtml } from '../../report/html/page.js';
import { seriesText } from '../../cfront/seriesText.js';
import { scenarioFromArgs, scenarioOptions } from '../scenarioArgs.js';
import { traceColumns } from '../format/columns.js';
import { formatOption, given, intOption, optionValue, valueOf, UsageError, type ParsedArgs } from '../args.js';
import { STRATEGY_OPTIONS, strategyArgs } from '../strategyArgs.js';
import { asInvoked, type Io } from './explore.js';
import { PATCH_OPTIONS, VARIANT_OPTION, variantSpecOf } from '../variantOption.js';
import { choice, flag, int, JSON_FLAG, MAX_RUNS, MAX_STEPS_OPTION, OUT_OPTION, SEED_OPTION, type CommandSpec } from '../options.js';

const FORMATS = ['text', 'diagram', 'json', 'mermaid'] as const;
type Format = (typeof FORMATS)[number];

/** More reports than this in one execution is not a number anyone means. */
const MAX_REPORT = 1000;

/** replay's --seed has no default: given, it replaces --schedule. */
const { default: _seedDefault, ...SEED_WITHOUT_DEFAULT } = SEED_OPTION;

export const REPLAY_COMMAND: CommandSpec = {
  name: 'replay',
  summary: 'one execution, step for step: the trace and the kernel\'s reports, race diagrams, the replay document or Mermaid',
  synopsis: 'cgsim replay (--scenario NAME | --workload W) (--schedule STRING... | --seed S [--run N]) [options]',
  exits: '0 no report, 1 a report',
  options: [
    VARIANT_OPTION,
    PATCH_OPTIONS[1]!,
    PATCH_OPTIONS[2]!,
    ...scenarioOptions(undefined),
    { name: 'schedule', value: 'STRING', repeatable: true, about: 'the schedule to replay (s1:...); given again for the earlier runs a report rests on, earlier first' },
    { ...SEED_WITHOUT_DEFAULT, about: 'instead of --schedule: the seed of an exploration, whose run --run N is replayed' },
    int('run', 'N', 0, MAX_RUNS - 1, 'with --seed: the 0-based index of the run', 0),
    ...STRATEGY_OPTIONS.map((o) => ({ ...o, about: `with --seed: ${o.about}` })),
    MAX_STEPS_OPTION,
    choice('format', FORMATS, 'text: the trace and every report; diagram: each race CPU by CPU; json: the cgsim-replay/1 document; mermaid', 'text'),
    JSON_FLAG,
    int('report', 'N', 1, MAX_REPORT, 'with --format diagram or mermaid: draw the N-th report only (default: each in turn)'),
    flag('full', 'with --format text: every step of the trace, not only those around the reports'),
    { name: 'html', value: 'FILE', about: 'also write the trace viewer (one HTML page) to FILE' },
    { ...PATCH_OPTIONS[0]!, about: 'instead of --variant: the patch whose C is replayed (again for a series); with --variant and --html, only the patch the viewer shows beside the trace' },
    OUT_OPTION,
  ],
};

/**
 * `cgsim replay`: one execution, exactly as recorded (a schedule) or as explored (a seed and a run index), shown
 * as `--format` says: the interleaved trace and every report in the kernel's own format (text), each report's race
 * diagram, the replay document (json, schema/cgsim-replay-1.schema.json), or Mermaid sequence diagrams; `--html
 * FILE` also writes the trace viewer. Exit 1 when something was found.
 */
export async function replayCommandRun(a: ParsedArgs, io: Io): Promise<number> {
  const format = formatOption<Format>(a);
  if (a.flags.has('full') && format !== 'text') throw new UsageError(`--full is the whole trace of --format text, not of ${format}`);
  const html = optionValue(a, 'html');
  // Every path is checked before the run, so a typo costs nothing (the sink checks --out).
  if (html !== undefined) assertWritable(html);
  const sink = reportSink(a, io);
  const patch = a.options.get('patch');
  // --patch names the variant unless --variant does; then it is only the text the viewer shows.
  if (patch !== undefined && html === undefined && optionValue(a, 'variant') !== undefined) throw new UsageError('--patch is for the viewer: give --html FILE too');
  if (optionValue(a, 'report') !== undefined && (format === 'text' || format === 'json')) throw new UsageError(`--report picks the report to draw: it goes with --format diagram or mermaid, not ${format}`);
  if (optionValue(a, 'source') !== undefined && optionValue(a, 'variant') !== undefined) throw new UsageError('--variant and --source both name the variant: give one (--base NAME for what the C is laid over)');
  // The viewer shows each line as the series leaves it: the text of the last patch that showed it.
  const patchLines = patch === undefined ? null : seriesText(patch);
  const variantName = optionValue(a, 'variant') !== undefined ? valueOf(a, 'variant') : variantSpecOf(a);
  const variant = await resolveVariant(variantName, io.cwd ?? '.');
  if (optionValue(a, 'scenario') === undefined && optionValue(a, 'workload') === undefined) throw new UsageError('replay needs --scenario NAME or --workload W');
  const scenario = scenarioFromArgs(a, io.cwd ?? '.');
  const maxSteps = intOption(a, 'max-steps');
  const schedules = schedulesOf(a, variant, scenario, maxSteps);
  const observed = observeReplay(variant, scenario, schedules, maxSteps);
  const { outcome } = observed.result;
  const command = asInvoked(io, replayCommand(variant.ref ?? variant.name, scenario.name, [...schedules.slice(0, -1), observed.result.schedule]));
  const doc = replayDoc(observed, { variant: variant.name, scenario: scenario.name, replay: command });
  const picked = pickReports(a, doc);
  const lines: string[] = [];
  if (format === 'json') lines.push(JSON.stringify(doc, null, 2));
  else if (format === 'text') lines.push(...textReport(doc, outcome, a.flags.has('full')));
  else if (picked.length === 0) lines.push(`cgsim replay: no report in this execution (${doc.ending} after ${doc.steps} steps): nothing to draw`, `replay: ${command}`);
  else if (format === 'diagram') for (const f of picked) lines.push(...raceDiagram(doc, f), '', `replay: ${command}`, '');
  else for (const f of picked) lines.push('```mermaid', ...raceMermaid(doc, f), '```', '');
  for (const l of lines) sink.line(l);
  // The page goes with the --out file: both replaced, or neither.
  sink.finish(html !== undefined ? [{ path: html, text: viewerHtml(doc, patchLines) }] : []);
  if (html !== undefined) io.err(`cgsim: wrote the trace viewer to ${html}`);
  return outcome.findings.length > 0 ? 1 : 0;
}

/** The schedules to replay: as given, or the one a seeded exploration ran (after the earlier runs its reports rest on). */
function schedulesOf(a: ParsedArgs, variant: Parameters<typeof replaySeed>[0], scenario: Parameters<typeof replaySeed>[1], maxSteps: number): string[] {
  const schedules = a.options.get('schedule') ?? [];
  const seed = optionValue(a, 'seed');
  if (schedules.length > 0 && seed !== undefined) throw new UsageError('give either --schedule or --seed with --run, not both');
  if (schedules.length > 0) {
    // A schedule is replayed as recorded: what picks a seeded run's schedule has nothing to pick.
    const seedOnly = ['run', 'strategy', 'depth', 'preemptions'].find((k) => given(a, k));
    if (seedOnly !== undefined) throw new UsageError(`--${seedOnly} goes with --seed (a seeded run), not with --schedule`);
    return [...schedules];
  }
  if (seed === undefined) throw new UsageError('replay needs --schedule STRING (or --seed S --run N)');
  // Only its schedule is wanted here: the observed replay that follows is the traced one.
  const r = replaySeed(variant, scenario, seed, intOption(a, 'run'), { ...strategyArgs(a), maxSteps, tracing: false });
  const prior = [...new Set(r.outcome.findings.flatMap((f) => f.priorRuns?.map((p) => p.schedule) ?? []))];
  return [...prior, r.schedule];
}

/** `--report N` draws that report only; by default, every report of the execution in turn. */
function pickReports(a: ParsedArgs, doc: ReplayDoc): ReplayDoc['findings'] {
  if (optionValue(a, 'report') === undefined) return doc.findings;
  const n = intOption(a, 'report');
  const f = doc.findings[n - 1];
  if (f === undefined) throw new UsageError(`--report ${n}: this execution has ${doc.findings.length} report(s)`);
  return [f];
}

/** The trace in columns, then every report as the kernel prints it. */
function textReport(doc: ReplayDoc, outcome: Parameters<typeof traceColumns>[0], full: boolean): string[] {
  return [
    `cgsim replay: variant ${doc.variant}, scenario ${doc.scenario}`,
    `schedule ${doc.schedule}`,
    '',
    ...traceColumns(outcome, full),
    '',
    `ending: ${doc.ending} after ${doc.steps} steps; ${doc.findings.length} report(s)`,
    '',
    ...doc.findings.flatMap((f) => f.text),
    `replay: ${doc.replay}`,
  ];
}
