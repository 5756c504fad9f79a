import { DEFAULT_COMMAND } from './commandTable.js';
import { GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './options.js';

/** `-h, --help` or `--runs N`: how an option is written. */
export function optionForm(o: OptionSpec): string {
  return `${o.short !== undefined ? `-${o.short}, ` : ''}--${o.name}${o.value !== undefined ? ` ${o.value}` : ''}`;
}

/** What the help says of an option after its line: the range it takes and what happens without it. */
function bounds(o: OptionSpec): string {
  const parts = [...(o.range !== undefined ? [`${o.range.min} to ${o.range.max}`] : []), ...(o.default !== undefined ? [`default ${o.default}`] : [])];
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
}

/** The options, one line each: the form, then what it does, its range and its default. */
function optionLines(options: readonly OptionSpec[], width: number): string[] {
  return options.map((o) => `  ${optionForm(o).padEnd(width)}  ${o.about}${bounds(o)}`);
}

/** The column of the descriptions: after the forms, but not after a long choice's (which then pushes its own line's). */
const widthOf = (options: readonly OptionSpec[]): number => Math.min(24, Math.max(...options.map((o) => optionForm(o).length)));

/** `cgsim CMD --help`: how the command is called, its options and the global ones, its exit status. */
export function commandHelp(spec: CommandSpec, prog: string): string[] {
  const width = widthOf([...spec.options, ...GLOBAL_OPTIONS]);
  const synopsis = (spec.synopsis ?? `cgsim ${spec.name} [options]`).replace(/^cgsim /, `${prog} `);
  return [
    `usage: ${synopsis}`,
    `${spec.summary}${spec.name === DEFAULT_COMMAND ? ` (what ${prog} runs without a command)` : ''}`,
    ...(spec.options.length > 0 ? ['', 'options:', ...optionLines(spec.options, width)] : ['', 'options: none but the global ones']),
    '',
    'global options:',
    ...optionLines(GLOBAL_OPTIONS, width),
    '',
    `exit status: ${spec.exits}; 2 a usage error, 3 an internal error`,
  ];
}

/** `cgsim --help`: the commands, the global options, and where to read more. */
export function overview(commands: readonly CommandSpec[], prog: string, version: string): string[] {
  const width = Math.max(...commands.map((c) => c.name.length), 'help'.length);
  return [
    `cgsim ${version}: a deterministic simulator of the cgroup eventfd notification API (cgroup.event_control)`,
    `usage: ${prog} [COMMAND] [options]   (without a command: ${prog} ${DEFAULT_COMMAND})`,
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  ${prog} help COMMAND: the usage of COMMAND, as ${prog} COMMAND --help`,
    '',
    'global options (every command takes them):',
    ...optionLines(GLOBAL_OPTIONS, widthOf(GLOBAL_OPTIONS)),
    '',
    `${prog} COMMAND --help lists the options of COMMAND.`,
    'exit status: 0 clean, 1 bugs found, 2 a usage error, 3 an internal error, 4 not proven or not explored (a bound cut the search)',
  ];
}
