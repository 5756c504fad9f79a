/** Small helpers of the benchmark: medians and its command-line options. */

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** `--name N` as a positive integer, or the fallback; exits 2 with one line on anything else. */
export function intArg(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(argv[i + 1]);
  if (!Number.isInteger(v) || v < 1) {
    process.stderr.write(`bench: --${name} needs a positive integer\n`);
    process.exit(2);
  }
  return v;
}

/** `--name VALUE`, or undefined; exits 2 when the value is missing. */
export function stringArg(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) {
    process.stderr.write(`bench: --${name} needs a value\n`);
    process.exit(2);
  }
  return v;
}

export const pad = (s: string | number, n: number): string => String(s).padStart(n);
