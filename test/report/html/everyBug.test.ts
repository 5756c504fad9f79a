import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, openViewer, watchedPage } from '../../helpers/browser.js';
import { viewerHtml } from '../../../report/html/page.js';
import { readPatch } from '../../../report/patchText.js';
import { SEED_PATCH } from '../../helpers/patch.js';
import { v4Bugs } from '../../helpers/v4Witnesses.js';

/**
 * Every bug cgsim finds in the seed patch, in the viewer, in a real browser: the page of its witness loads with
 * no error, warning or request, draws a lane per actor, and marks the report where it was made (its step, or the
 * end row for a report made after the last step).
 */

let browser: Browser | undefined;

test.before(async () => {
  browser = await launchChromium();
});

test.after.always(async () => {
  await browser?.close();
});

test('every v4 bug renders in the viewer, marked where it was reported', async (t) => {
  const bugs = await v4Bugs();
  const patch = readPatch(SEED_PATCH);
  const dir = mkdtempSync(join(tmpdir(), 'cgsim-every-bug-'));
  const { page, problems } = await watchedPage(browser!);
  for (const [i, { bug, doc, finding }] of bugs.entries()) {
    const file = join(dir, `bug-${i + 1}.html`);
    writeFileSync(file, viewerHtml(doc, patch));
    await openViewer(page, file);
    t.deepEqual(await page.locator('#grid thead th.lane .aname').allInnerTexts(), [...doc.actors], bug.key);
    const where = finding.step === null ? 'tr[data-step="end"].bugrow' : `tr[data-step="${finding.step}"] td.act.bug`;
    t.true((await page.locator(where).count()) >= 1, `${bug.key}: not marked at ${where}`);
    t.deepEqual(problems, [], bug.key);
  }
  t.true(bugs.length >= 19);
  await page.close();
});
