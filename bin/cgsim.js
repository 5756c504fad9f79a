#!/usr/bin/env node
import { main, processIo } from '../dist/cli/main.js';

// A reader that stops early (`cgsim list | head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = main(process.argv.slice(2), processIo);
