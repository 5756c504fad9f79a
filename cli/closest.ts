/**
 * Edit distance with transpositions (optimal string alignment): insertions, deletions, substitutions and swaps
 * of two neighbours count one each, so `--rusn` is one edit from `--runs`, as a typist would count it.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known word a mistyped one most likely meant, or null when none is close: within a third of the word's
 * length (at least 1, at most 3 edits), or a word that starts with what was typed (`--max` for `--max-steps`
 * only when that is the one word it starts). Ties go to the first in `known`.
 */
export function closest(word: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  if (best !== null && bestDistance <= Math.min(3, Math.max(1, Math.floor(word.length / 3)))) return best;
  const prefixed = word.length >= 3 ? known.filter((k) => k.startsWith(word)) : [];
  return prefixed.length === 1 ? prefixed[0]! : null;
}
