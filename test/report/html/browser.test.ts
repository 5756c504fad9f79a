import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openViewer, watchedPage } from '../../helpers/browser.js';
import { viewerHtml } from '../../../report/html/page.js';
import { parsePatch } from '../../../report/patchText.js';
import type { ReplayDoc } from '../../../report/replayDoc.js';
import { cli } from '../../helpers/cli.js';
import { patchedLines, SEED_PATCH } from '../../helpers/patch.js';

/**
 * The trace viewer in a real browser (Debian's Chromium, as CI installs it): pages written by the real CLI load
 * without an error, draw a lane per actor, highlight the report, step with the keyboard, quote the patch, and run
 * no script smuggled in through names. One browser for the file.
 */

const ARTIFACTS = 'test-artifacts';
const UAF = ['--variant', 'v4', '--scenario', 'close-vs-rmdir', '--schedule', 's1:a63c34d5'];
const DEADLOCK = ['--variant', 'v4', '--scenario', 'close-vs-rmdir', '--schedule', 's1:a63c9b7'];
const scratch = mkdtempSync(join(tmpdir(), 'cgsim-browser-'));

let browser: Browser | undefined;

test.before(async () => {
  browser = await launchChromium();
});

test.after.always(async () => {
  await browser?.close();
});

interface Opened {
  readonly page: Page;
  /** Console errors and warnings, uncaught exceptions, dialogs, requests: a clean page has none. */
  readonly problems: string[];
}

async function open(file: string): Promise<Opened> {
  const opened = await watchedPage(browser!);
  await openViewer(opened.page, file);
  return opened;
}

/** Writes the page through the real CLI (`cgsim replay ... --html FILE --patch SEED`). */
async function viaCli(name: string, args: string[]): Promise<string> {
  const file = join(scratch, `${name}.html`);
  const r = await cli('replay', ...args, '--html', file, '--patch', SEED_PATCH);
  if (r.code !== 1) throw new Error(`cgsim replay exited ${r.code}: ${r.err.join('\n')}`);
  return file;
}

async function docOf(args: string[]): Promise<ReplayDoc> {
  return JSON.parse((await cli('replay', ...args, '--json')).out.join('\n')) as ReplayDoc;
}

const cursor = (page: Page): Promise<string> => page.locator('#cursor-step').innerText();

test('the v4 use-after-free: lanes, the report step, keyboard stepping, a step with its patch line', async (t) => {
  const doc = await docOf(UAF);
  const { page, problems } = await open(await viaCli('uaf', UAF));
  const f = doc.findings[0]!;
  t.is(f.kind, 'use-after-free');

  // A lane per actor, named.
  t.deepEqual(await page.locator('#grid thead th.lane .aname').allInnerTexts(), [...doc.actors]);
  // The report step is highlighted, the slice marked, the freed object's bar ends before the use.
  t.is(await page.locator(`tr[data-step="${f.step}"] td.act.bug`).count(), 1);
  t.is(await page.locator('td.act.slice').count(), f.slice.length);
  t.is(await page.locator(`tr[data-step="${f.step}"] td.life .uaf`).count(), 1);
  t.is(await page.locator('#reports .ritem').count(), doc.findings.length);
  t.true((await page.locator('#report-text').innerText()).includes(f.title));

  // The cursor starts on the report; the keyboard moves it back and forth.
  t.is(await cursor(page), String(f.step));
  await page.keyboard.press('ArrowLeft');
  t.is(await cursor(page), String(f.step! - 1));
  await page.keyboard.press('k');
  t.is(await cursor(page), String(f.step! - 2));
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowRight');
  t.is(await cursor(page), String(f.step));
  await page.keyboard.press('End');
  t.is(await cursor(page), 'end');
  // The setup is folded: Home stops at the first step after it; n goes to the next slice step.
  t.false(await page.locator('tr[data-step="1"]').isVisible());
  await page.keyboard.press('Home');
  t.is(await cursor(page), String(doc.setupSteps + 1));
  await page.keyboard.press('n');
  t.is(await cursor(page), String(f.slice.find((s) => s > doc.setupSteps + 1)));
  t.is(await page.locator('tr.current').count(), 1);

  // Clicking a step shows its kernel site, its model line, and the patch's text for the line.
  const step = doc.trace.find((s) => s.step > doc.setupSteps && s.site?.file === 'kernel/cgroup.c' && s.op === 'schedule_work')!;
  await page.click(`tr[data-step="${step.step}"] td.act`);
  t.is(await cursor(page), String(step.step));
  t.is(await page.locator('#detail-site').innerText(), `${step.site!.fn} (kernel/cgroup.c:${step.site!.line})`);
  t.is(await page.locator('#detail-where').innerText(), step.where!);
  const line = patchedLines().get('kernel/cgroup.c')!.get(step.site!.line)!;
  t.is((await page.locator('#patch-text .pl.hit .code').textContent()) ?? '', line);
  t.true((await page.locator('#patch-text .pl').count()) > 1, 'with context');
  await page.screenshot({ path: artifact('viewer-uaf.png') });

  // A step with no line claimed says so; the setup unfolds on demand.
  await page.keyboard.press('s');
  t.true(await page.locator('tr[data-step="1"]').isVisible());
  await page.click('tr[data-step="2"] td.act');
  t.regex(await page.locator('#details').innerText(), /No line claimed in arch\/x86\/kernel\/entry_64\.S/);
  await page.keyboard.press('Home');
  t.is(await cursor(page), '1');
  t.deepEqual(problems, []);
  await page.close();
});

test('the deadlock: reported after the last step, the blocked actors and the patch lines they wait at', async (t) => {
  const doc = await docOf(DEADLOCK);
  const { page, problems } = await open(await viaCli('deadlock', DEADLOCK));
  t.true(doc.findings.every((f) => f.step === null));
  t.is(await cursor(page), 'end');
  t.is(await page.locator('tr[data-step="end"].bugrow').count(), 1);
  const blocked = doc.pending.filter((p) => p.started);
  t.is(await page.locator('tr[data-step="end"] td.blocked').count(), blocked.length);
  t.is(await page.locator('tr[data-step="end"] td.bug').count(), blocked.length);
  const details = await page.locator('#details').innerText();
  const lines = patchedLines().get('kernel/cgroup.c')!;
  for (const p of blocked) {
    t.true(details.includes(`${p.site!.fn} (${p.site!.file}:${p.site!.line})`), p.actor);
    t.true(details.includes(lines.get(p.site!.line)!.trim()), p.actor);
  }
  await page.keyboard.press('ArrowLeft');
  t.is(await cursor(page), String(doc.steps));
  await page.click('#reports .ritem:nth-child(2) button');
  t.true((await page.locator('#report-text').innerText()).includes(doc.findings[1]!.title));
  t.is(await cursor(page), 'end');
  await page.screenshot({ path: artifact('viewer-deadlock.png') });
  t.deepEqual(problems, []);
  await page.close();
});

const PAYLOADS = ['</script><script>window.__pwned=1;alert(1)</script>', '<img src=x onerror="window.__pwned=1;alert(1)">', '"><svg onload=alert(1)>'];

test('names holding markup are shown as text and run nothing', async (t) => {
  const doc = await docOf(UAF);
  const bad = (s: string, i: number): string => `${s}${PAYLOADS[i % PAYLOADS.length]}`;
  const rename = new Map(doc.actors.map((a, i) => [a, bad(a, i)]));
  const actor = (a: string): string => rename.get(a) ?? a;
  const hostile: ReplayDoc = {
    ...doc,
    scenario: bad(doc.scenario, 0),
    variant: bad(doc.variant, 1),
    actors: doc.actors.map(actor),
    trace: doc.trace.map((s, i) => ({
      ...s,
      actor: actor(s.actor),
      op: bad(s.op, i),
      object: bad(s.object, i + 1),
      where: s.where === null ? null : bad(s.where, i),
      // One step claims a line the patch does not show.
      site: s.step === doc.setupSteps + 1 ? { fn: bad('fn', 0), file: 'kernel/cgroup.c', line: 1 } : s.site,
    })),
    pending: doc.pending.map((p) => ({ ...p, actor: actor(p.actor), why: bad(p.why, 2) })),
    findings: doc.findings.map((f) => ({ ...f, actor: actor(f.actor), title: bad(f.title, 0), text: f.text.map(bad) })),
    lifetimes: doc.lifetimes.map((l) => ({ ...l, object: bad(l.object, 1), allocActor: actor(l.allocActor) })),
    locks: doc.locks.map((l) => ({ ...l, lock: bad(l.lock, 2), actor: actor(l.actor) })),
  };
  const file = join(scratch, 'hostile.html');
  writeFileSync(file, viewerHtml(hostile, parsePatch(readFileSync(SEED_PATCH, 'utf8'))));
  const { page, problems } = await open(file);
  t.is(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned), undefined);
  t.is(await page.locator('img, svg').count(), 0);
  t.is(await page.locator('script').count(), 2);
  t.is(await page.title(), `cgsim: ${hostile.scenario} (${hostile.variant}, ${hostile.schedule})`);
  t.deepEqual(await page.locator('#grid thead th.lane .aname').allTextContents(), [...hostile.actors]);
  t.is(await page.locator('#top .scenario').textContent(), hostile.scenario);
  t.is(await page.locator('#report-text').textContent(), hostile.findings[0]!.text.join('\n'));
  await page.click(`tr[data-step="${doc.setupSteps + 1}"] td.act`);
  t.regex(await page.locator('#details').innerText(), /kernel\/cgroup\.c:1 — line not in the patch/);
  t.true((await page.locator('#details').textContent())!.includes(hostile.trace[doc.setupSteps]!.op));
  // Keep stepping through every visible step: nothing runs anywhere.
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
  t.is(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned), undefined);
  t.deepEqual(problems, []);
  await page.close();
});

function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

test('a run with no report, no setup or no step at all draws without an error', async (t) => {
  const doc = await docOf(UAF);
  const clean: ReplayDoc = { ...doc, findings: [], trace: doc.trace.map((s) => ({ ...s, findings: [] })), setupSteps: 0 };
  const empty: ReplayDoc = { ...doc, findings: [], trace: [], steps: 0, setupSteps: 0, lifetimes: [], locks: [], pending: [] };
  for (const [name, d] of [
    ['clean', clean],
    ['empty', empty],
  ] as const) {
    const file = join(scratch, `${name}.html`);
    writeFileSync(file, viewerHtml(d, null));
    const { page, problems } = await open(file);
    t.is(await cursor(page), d.steps > 0 ? '1' : 'end', name);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('n');
    await page.keyboard.press('s');
    t.is(await cursor(page), d.steps > 0 ? '2' : 'end', name);
    t.regex(await page.locator('#reports').innerText(), /No report in this execution/, name);
    if (d.steps > 0) t.regex(await page.locator('#details').innerText(), /No patch given/, name);
    t.deepEqual(problems, [], name);
    await page.close();
  }
});
