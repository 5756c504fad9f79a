/**
 * Escaping for the viewer page. The document's strings come from user-written variants, workloads and patches, so
 * nothing of it reaches the page as markup: the data travels as JSON inside a non-executed script element, and the
 * few strings the page's static markup holds (the title) go through `escapeHtml`.
 */

const JSON_UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * JSON that is safe inside `<script type="application/json">`: `<`, `>`, `&` and the JavaScript line separators
 * become `\u003c`-style escapes, so no `</script>` or `<!--` can end or change the element. `JSON.parse` of the
 * element's text gives back the value unchanged.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const HTML_UNSAFE = /[&<>"'\u2028\u2029]/g;
const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\u2028': '&#x2028;', '\u2029': '&#x2029;' };

/** Text for HTML markup (element content or a quoted attribute); the line separators as character references too. */
export function escapeHtml(text: string): string {
  return text.replace(HTML_UNSAFE, (c) => ENTITY[c]!);
}
