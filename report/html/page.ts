import { createHash } from 'node:crypto';
import type { PatchText } from '../patchText.js';
import type { ReplayDoc } from '../replayDoc.js';
import { embedJson, escapeHtml } from './embed.js';
import { client } from './script.js';
import { STYLE } from './style.js';
import { viewData, type ViewData } from './view.js';

/** What the page's data element holds: the replay document unchanged, and what the viewer draws beyond it. */
export interface ViewerData {
  readonly doc: ReplayDoc;
  readonly view: ViewData;
}

/** The id of the `<script type="application/json">` element holding the ViewerData. */
export const DATA_ID = 'cgsim-data';

/** The client code as the page runs it: the function's source, called once. */
export const SCRIPT = `(${client.toString()})();`;

for (const [what, text] of [
  ['script', SCRIPT],
  ['style', STYLE],
] as const) {
  // Neither may end its element early; neither ever holds data.
  if (/<\/(script|style)|<!--/i.test(text)) throw new Error(`the viewer's ${what} holds a sequence that would end its element`);
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * No network at all: nothing but the page's own script and style (by hash, so an injected one would not run even
 * if escaping failed), no images, fonts, frames, forms or connections.
 */
export const CSP = `default-src 'none'; script-src ${sha256(SCRIPT)}; style-src ${sha256(STYLE)}; img-src data:; base-uri 'none'; form-action 'none'`;

/**
 * The trace viewer: one self-contained HTML page (inline style and script, no network) showing a replayed
 * execution, a lane per actor, the setup folded, object lifetimes, lock-held intervals, the reports and their
 * causal slices, with a keyboard-driven cursor and a details panel that quotes the patch (when given) at each
 * step's kernel line. The same document and patch always give the same bytes.
 */
export function viewerHtml(doc: ReplayDoc, patch: PatchText | null): string {
  const data: ViewerData = { doc, view: viewData(doc, patch) };
  const title = `cgsim: ${doc.scenario} (${doc.variant}, ${doc.schedule})`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header id="top"></header>',
    '<div id="main"><div id="timeline"></div><aside id="side"></aside></div>',
    '<noscript><p>The cgsim trace viewer needs JavaScript; the same data is in <code>cgsim replay --json</code>.</p></noscript>',
    `<script type="application/json" id="${DATA_ID}">${embedJson(data)}</script>`,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
