import test from 'ava';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSP, DATA_ID, SCRIPT, viewerHtml } from '../../../report/html/page.js';
import { embedJson, escapeHtml } from '../../../report/html/embed.js';
import { STYLE } from '../../../report/html/style.js';
import { viewData, PATCH_CONTEXT } from '../../../report/html/view.js';
import { parsePatch } from '../../../report/patchText.js';
import type { ReplayDoc } from '../../../report/replayDoc.js';
import { cli } from '../../helpers/cli.js';
import { SEED_PATCH } from '../../helpers/patch.js';

const UAF = ['--variant', 'v4', '--scenario', 'close-vs-rmdir', '--schedule', 's1:a63c34d5'];
const DEADLOCK = ['--variant', 'v4', '--scenario', 'close-vs-rmdir', '--schedule', 's1:a63c9b7'];
const patch = parsePatch(readFileSync(SEED_PATCH, 'utf8'));

async function docOf(args: string[]): Promise<ReplayDoc> {
  const r = await cli('replay', ...args, '--json');
  return JSON.parse(r.out.join('\n')) as ReplayDoc;
}

/** The data element's text, parsed. */
function dataOf(html: string): unknown {
  const m = new RegExp(`<script type="application/json" id="${DATA_ID}">([^<]*)</script>`).exec(html);
  if (m === null) throw new Error('no data element');
  return JSON.parse(m[1]!);
}

const SCRIPT_BREAK = '</script><script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';

/** Every string of the document, with hostile markup around it. */
function hostile<T>(value: T): T {
  if (typeof value === 'string') return `${SCRIPT_BREAK}${value}${IMG}\u2028` as T;
  if (Array.isArray(value)) return value.map(hostile) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'format' ? v : hostile(v)])) as T;
  return value;
}

test('the page is self-contained: no network, no external asset, a CSP that forbids both', async (t) => {
  const html = viewerHtml(await docOf(UAF), patch);
  t.false(/https?:/i.test(html), 'no URL');
  t.false(/<link\b/i.test(html), 'no <link>');
  t.false(/\bsrc\s*=/i.test(html), 'no src=');
  t.false(/url\(/i.test(html), 'no url() in the style');
  t.false(/@import/i.test(html));
  t.is((html.match(/<script\b/g) ?? []).length, 2, 'the data and the client code only');
  t.is((html.match(/<style\b/g) ?? []).length, 1);
  t.true(html.startsWith('<!doctype html>\n'));
  t.true(html.includes(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`));
  t.regex(CSP, /^default-src 'none'; /);
  // The hashes are those of the inline script and style, so they (and only they) run.
  const sha = (s: string): string => createHash('sha256').update(s).digest('base64');
  t.true(CSP.includes(`script-src 'sha256-${sha(SCRIPT)}'`));
  t.true(CSP.includes(`style-src 'sha256-${sha(STYLE)}'`));
  t.true(html.includes(`<script>${SCRIPT}</script>`));
  t.true(html.includes(`<style>${STYLE}</style>`));
});

test('the data round-trips: the document unchanged, with the view data', async (t) => {
  for (const args of [UAF, DEADLOCK]) {
    const doc = await docOf(args);
    t.deepEqual(dataOf(viewerHtml(doc, patch)), { doc, view: viewData(doc, patch) });
    t.deepEqual(dataOf(viewerHtml(doc, null)), { doc, view: viewData(doc, null) });
  }
});

test('the same document gives the same bytes, through the CLI too', async (t) => {
  const doc = await docOf(UAF);
  t.is(viewerHtml(doc, patch), viewerHtml(structuredClone(doc), parsePatch(readFileSync(SEED_PATCH, 'utf8'))));
  const dir = mkdtempSync(join(tmpdir(), 'cgsim-html-'));
  const files = [join(dir, 'a.html'), join(dir, 'b.html')];
  for (const f of files) t.is((await cli('replay', ...UAF, '--html', f, '--patch', SEED_PATCH)).code, 1);
  t.is(readFileSync(files[0]!, 'utf8'), readFileSync(files[1]!, 'utf8'));
  t.is(readFileSync(files[0]!, 'utf8'), viewerHtml(doc, patch));
});

test('hostile names appear only escaped: in the title as entities, in the data as \\u escapes', async (t) => {
  const doc = hostile(await docOf(UAF));
  const html = viewerHtml(doc, patch);
  t.false(html.includes(SCRIPT_BREAK));
  t.false(html.includes('<img'));
  t.false(html.includes('\u2028'));
  t.is((html.match(/<script\b/gi) ?? []).length, 2);
  t.is((html.match(/<\/script/gi) ?? []).length, 2);
  t.true(html.includes(`<title>cgsim: ${escapeHtml(doc.scenario)} (`));
  t.true(html.includes('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
  t.true(html.includes('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e'));
  // Outside the data element and the title, no trace of the document's strings.
  const outside = html.replace(/<script type="application\/json"[^]*?<\/script>/, '').replace(/<title>[^]*?<\/title>/, '');
  t.false(outside.includes('alert(1)'));
  t.deepEqual(dataOf(html), { doc, view: viewData(doc, patch) });
});

test('embedJson escapes what could end the element or the line, and parses back', (t) => {
  const value = { s: '</script><!-- & \u2028\u2029 >', n: [1, 'é'] };
  const text = embedJson(value);
  t.is(text, '{"s":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \\u003e","n":[1,"é"]}');
  t.deepEqual(JSON.parse(text), value);
  t.is(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});

test('the patch excerpt holds the lines around each line a step claims, and nothing else', async (t) => {
  const doc = await docOf(UAF);
  const view = viewData(doc, patch);
  const cgroup = view.patch!.find((p) => p.file === 'kernel/cgroup.c')!;
  const shown = new Map(cgroup.lines);
  const lines = patch.get('kernel/cgroup.c')!;
  t.is(shown.get(789), lines.get(789));
  for (let l = 789 - PATCH_CONTEXT; l <= 789 + PATCH_CONTEXT; l++) if (lines.has(l)) t.true(shown.has(l), String(l));
  const claimed = doc.trace.filter((s) => s.site !== null && s.site.file === 'kernel/cgroup.c' && s.site.line > 0).map((s) => s.site!.line);
  for (const l of shown.keys()) t.true(claimed.some((c) => Math.abs(c - l) <= PATCH_CONTEXT), `${l} is near a claimed line`);
  t.true(shown.size < lines.size, 'an excerpt, not the whole patch');
  t.is(viewData(doc, null).patch, null);
});

test('the use-after-free names the freed object; lock stripes of nested holds sit side by side', async (t) => {
  const doc = await docOf(UAF);
  const view = viewData(doc, patch);
  const f = doc.findings[0]!;
  t.is(f.kind, 'use-after-free');
  const victims = view.victims[0]!.map((i) => doc.lifetimes[i]!);
  t.deepEqual(
    victims.map((l) => l.object),
    ['cgroup#3'],
  );
  t.true(victims[0]!.freeStep! < f.step!);
  // Holds of one actor that overlap never share a stripe.
  doc.locks.forEach((a, i) =>
    doc.locks.forEach((b, j) => {
      if (i >= j || a.actor !== b.actor) return;
      const overlap = a.from <= (b.to ?? Infinity) && b.from <= (a.to ?? Infinity);
      if (overlap) t.not(view.lockSlots[i], view.lockSlots[j], `${a.lock} / ${b.lock}`);
    }),
  );
  t.is(view.touches.length, doc.trace.length);
  const kfree = doc.trace.find((s) => s.op === 'kfree' && s.object === 'cgroup#3')!;
  t.deepEqual(view.touches[kfree.step - 1], [doc.lifetimes.findIndex((l) => l.object === 'cgroup#3')]);
});
