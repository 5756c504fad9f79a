/**
 * The kernel macros tree-sitter's C grammar cannot read, rewritten into C it can, every newline kept so a node's
 * row is still its line in the file:
 * - `container_of(x, struct T, m)`: the type argument becomes the identifier `struct_T` (read back by the
 *   interpreter as the type);
 * - `list_for_each_entry_safe(...) stmt` and `for_each_subsys(...) stmt`: iterator macros, wrapped as
 *   `for (MACRO(...);;) stmt`, recognised by the interpreter from the call in the for's initialiser;
 * - `__user`, `__rcu`, `__iomem`: address-space annotations, blanked.
 */

/** The iterator macros: a `for` whose body follows the macro's parentheses. */
export const ITERATOR_MACROS = ['list_for_each_entry_safe', 'list_for_each_entry', 'for_each_subsys'] as const;

/** The type argument of container_of as the preprocessing writes it. */
export const STRUCT_ARG = /^struct_(\w+)$/;

export function preprocess(text: string): string {
  let out = text.replace(/\b(__user|__rcu|__iomem|__force)\b/g, (m) => ' '.repeat(m.length));
  out = out.replace(/\bcontainer_of\s*\(([^,()]+),(\s*)struct\s+(\w+)\s*,/g, (_m, x: string, ws: string, t: string) => `container_of(${x},${ws}struct_${t},`);
  for (const macro of ITERATOR_MACROS) {
    out = out.replace(new RegExp(`\\b${macro}\\s*\\(`, 'g'), (m, at: number) => {
      const close = matchingParen(out, at + m.length - 1);
      return close === null ? m : `for (${m}`;
    });
    // Close each wrapped macro's parentheses with `;;)`.
    out = closeWrapped(out, macro);
  }
  return out;
}

function matchingParen(s: string, open: number): number | null {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return null;
}

function closeWrapped(s: string, macro: string): string {
  const re = new RegExp(`for \\(${macro}\\s*\\(`, 'g');
  let out = '';
  let from = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const close = matchingParen(s, m.index + m[0].length - 1);
    if (close === null) continue;
    out += s.slice(from, close + 1) + ';;)';
    from = close + 1;
  }
  return out + s.slice(from);
}
