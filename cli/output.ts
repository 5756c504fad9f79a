import { assertWritable, writeFilesAtomic, WriteError, type FileText } from '../harness/atomicWrite.js';
import { optionValue, type ParsedArgs } from './args.js';
import type { Io } from './commands/explore.js';

/** Where a command's report goes: stdout, or with `--out FILE` that file, written whole at the end. */
export interface ReportSink {
  readonly line: (line: string) => void;
  /**
   * Writes the file (with --out), together with `alongside` (other files of the same report: both replaced, or
   * neither); if that fails, prints the whole report on stdout and throws the WriteError.
   */
  readonly finish: (alongside?: readonly FileText[]) => void;
}

/**
 * The report sink `--out` asks for. The file's directory is checked now, before the run, so that a typo costs
 * no work; a write that fails anyway at the end loses nothing, since the report then goes to stdout.
 */
export function reportSink(a: ParsedArgs, io: Io): ReportSink {
  const path = optionValue(a, 'out');
  if (path === undefined) return { line: io.out, finish: (alongside = []) => writeFilesAtomic(alongside) };
  assertWritable(path);
  const lines: string[] = [];
  return {
    line: (l) => lines.push(l),
    finish: (alongside = []) => {
      try {
        writeFilesAtomic([...alongside, { path, text: lines.map((l) => `${l}\n`).join('') }]);
      } catch (e) {
        if (e instanceof WriteError) for (const l of lines) io.out(l);
        throw e;
      }
    },
  };
}
