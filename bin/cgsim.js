#!/usr/bin/env node
import { basename, relative } from 'node:path';
import { main, processIo } from '../dist/cli/main.js';

// A reader that stops early (`cgsim list | head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// Printed replay commands must run as printed: `cgsim` when installed on the PATH, `node bin/cgsim.js` in a checkout.
const script = process.argv[1] ?? 'cgsim';
const prog = basename(script) === 'cgsim' ? 'cgsim' : `node ${relative(process.cwd(), script) || script}`;
process.exitCode = await main(process.argv.slice(2), processIo(prog));
