import { variants } from '../../model/variants/index.js';
import { scenarios } from '../../scenarios/index.js';
import type { CommandSpec } from '../options.js';

export const LIST_COMMAND: CommandSpec = {
  name: 'list',
  summary: 'every variant and scenario, one line each',
  exits: '0',
  options: [],
};

/** `cgsim list`: every variant and scenario, one line each. */
export function listCommand(out: (line: string) => void): number {
  const width = Math.max(...variants.map((v) => v.name.length), ...scenarios.map((s) => s.name.length));
  for (const v of variants) out(`variant   ${v.name.padEnd(width)}  ${v.title}`);
  for (const s of scenarios) out(`scenario  ${s.name.padEnd(width)}  ${s.summary}`);
  return 0;
}
