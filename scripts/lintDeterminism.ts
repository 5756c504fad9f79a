/**
 * The determinism lint: inside the simulated world (sim/, model/, checkers/, scenarios/), nothing may depend on
 * time, on a random source other than the seeded one, on the event loop, on the garbage collector, or on the
 * locale. The same (variant, scenario, seed or schedule) must give the same trace on every machine.
 *
 * Usage: node dist/scripts/lintDeterminism.js <dir>... ; prints file:line:col rule, exits 1 on any finding.
 * Uses the TypeScript parser (already a dependency) rather than ESLint, so it knows TypeScript syntax without
 * another toolchain.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lintSource, type LintFinding } from '../harness/determinismRules.js';

export { lintSource, type LintFinding };

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

export function lintDirectories(dirs: readonly string[], root: string): LintFinding[] {
  return dirs.flatMap((d) => sources(join(root, d)).flatMap((f) => lintSource(relative(root, f), readFileSync(f, 'utf8'))));
}

function cli(): void {
  const dirs = process.argv.slice(2);
  const root = process.cwd();
  const findings = lintDirectories(dirs.length > 0 ? dirs : ['sim', 'model', 'checkers', 'scenarios'], root);
  for (const f of findings) process.stderr.write(`${f.file}:${f.line}:${f.column} ${f.rule}\n`);
  if (findings.length > 0) {
    process.stderr.write(`determinism lint: ${findings.length} finding(s)\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) cli();
