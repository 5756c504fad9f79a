import { BUG_KINDS } from '../model/probes.js';
import { variants } from '../model/variants/index.js';
import { resolveScenarios } from '../scenarios/index.js';
import type { CommandSpec } from './options.js';

/**
 * What a word on the command line that is neither an option nor a value probably meant, as the rest of the
 * line's error says it ("did you mean --scenario close-vs-rmdir?"), or null: a command name given after the
 * options, a scenario, a variant, a schedule, a bug kind, a strategy or a format, each only if the command
 * takes the option that would carry it.
 */
export function strayHint(word: string, spec: CommandSpec, commands: readonly string[]): string | null {
  const takes = (name: string): boolean => spec.options.some((o) => o.name === name);
  const choiceOf = (name: string): boolean => spec.options.some((o) => o.name === name && o.choices?.includes(word) === true);
  const meant = (option: string): string => `did you mean --${option} ${word}?`;
  if (commands.includes(word)) return `the command comes first: cgsim ${word} [options]`;
  if (takes('scenario') && (word === 'all' || resolveScenarios(word).length > 0)) return meant('scenario');
  const variant = variants.some((v) => v.name === word) || /^\.{0,2}\/.*\.(ts|js|mjs)$/.test(word);
  if (variant && takes('variant')) return meant('variant');
  if (variant && takes('variants')) return meant('variants');
  if (word.startsWith('s1:') && takes('schedule')) return meant('schedule');
  if (takes('bugs') && (BUG_KINDS as readonly string[]).includes(word)) return meant('bugs');
  if (choiceOf('strategy')) return meant('strategy');
  if (choiceOf('format')) return meant('format');
  return null;
}
