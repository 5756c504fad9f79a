import test from 'ava';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { viewerHtml } from '../../../report/html/page.js';
import { readPatch } from '../../../report/patchText.js';
import { SEED_PATCH } from '../../helpers/patch.js';
import { v4Bugs } from '../../helpers/v4Witnesses.js';

/**
 * Every bug cgsim finds in the seed patch, in the viewer, in a real browser: the page of its witness loads with
 * no error, warning or request, draws a lane per actor, and marks the report where it was made (its step, or the
 * end row for a report made after the last step).
 */

const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';
let browser: Browser | undefined;

test.before(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`the browser test needs Chromium at ${CHROMIUM}: apt-get install -y chromium; .ci/run installs it`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

test.after.always(async () => {
  await browser?.close();
});

test('every v4 bug renders in the viewer, marked where it was reported', async (t) => {
  const bugs = await v4Bugs();
  const patch = readPatch(SEED_PATCH);
  const dir = mkdtempSync(join(tmpdir(), 'cgsim-every-bug-'));
  const page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
  });
  for (const [i, { bug, doc, finding }] of bugs.entries()) {
    const file = join(dir, `bug-${i + 1}.html`);
    writeFileSync(file, viewerHtml(doc, patch));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 5000 });
    t.deepEqual(await page.locator('#grid thead th.lane .aname').allInnerTexts(), [...doc.actors], bug.key);
    const where = finding.step === null ? 'tr[data-step="end"].bugrow' : `tr[data-step="${finding.step}"] td.act.bug`;
    t.true((await page.locator(where).count()) >= 1, `${bug.key}: not marked at ${where}`);
    t.deepEqual(problems, [], bug.key);
  }
  t.true(bugs.length >= 19);
  await page.close();
});
