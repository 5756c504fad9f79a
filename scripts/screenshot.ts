import { SEED_VARIANT } from '../model/variants/index.js';
/**
 * `npm run screenshot -- [OUT.png] [--patch FILE] [--step N]`: the README's picture of the trace viewer. Replays the
 * seed patch's use-after-free (close-vs-rmdir, s1:a65c34d5) through the real CLI into a temporary page, opens it in
 * Chromium (/usr/bin/chromium, or $CHROMIUM) at 1400x900, selects a step and saves the screenshot (default
 * docs/viewer.png). The patch defaults to the seed patch next to the project, when it is there; the project never
 * holds a copy of it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { main } from '../cli/main.js';

const SEED_PATCH = '../shared/seed/000_14102c98a5940216.txt';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const positional = argv.filter((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1]!.startsWith('--')));
const out = resolve(positional[0] ?? 'docs/viewer.png');
const patch = option('patch') ?? (existsSync(SEED_PATCH) ? SEED_PATCH : undefined);
const step = option('step') ?? '78';
const executablePath = process.env['CHROMIUM'] ?? '/usr/bin/chromium';

if (!existsSync(executablePath)) {
  process.stderr.write(`screenshot: no Chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM)\n`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'cgsim-shot-'));
try {
  const html = join(dir, 'viewer.html');
  const argvCli = ['replay', '--variant', SEED_VARIANT, '--scenario', 'close-vs-rmdir', '--schedule', 's1:a65c34d5', '--html', html, ...(patch !== undefined ? ['--patch', patch] : [])];
  const code = await main(argvCli, { out: () => {}, err: (l) => process.stderr.write(`${l}\n`), now: () => 0 });
  if (code !== 1) throw new Error(`cgsim replay exited ${code}, expected 1 (a report)`);
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click(`tr[data-step="${step}"] td.act`);
    await page.screenshot({ path: out });
  } finally {
    await browser.close();
  }
  process.stderr.write(`screenshot: wrote ${out}${patch === undefined ? ' (no patch given)' : ''}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
