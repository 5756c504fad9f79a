#!/usr/bin/env node
import { basename, relative } from 'node:path';

// A signal that comes while cgsim is still loading is kept and answered once the supervisor runs: without this,
// Node's default action would end the process with no word (the supervisor's module takes a moment to load).
const early = [];
const keep = (signal) => early.push(signal);
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, keep);
const { supervise } = await import('../dist/cli/supervisor.js');

// A reader that stops early (`cgsim list | head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// Printed replay commands must run as printed: `cgsim` when installed on the PATH, `node bin/cgsim.js` in a checkout.
const script = process.argv[1] ?? 'cgsim';
// Under `npx cgsim` (npm exec), the bin is not on the PATH afterwards: `npx cgsim` is what runs again.
const underNpx = process.env.npm_command === 'exec' || process.env.npm_lifecycle_event === 'npx';
const prog = basename(script) === 'cgsim' ? (underNpx ? 'npx cgsim' : 'cgsim') : `node ${relative(process.cwd(), script) || script}`;
// The command runs in a worker thread; this thread watches it, so that a signal or a hang of model code is
// always answered (dist/cli/supervisor.js). supervise() installs its own handlers before it returns to the event
// loop, so no signal falls between the two.
const status = supervise(process.argv.slice(2), prog, process.stdout, process.stderr, early);
for (const s of ['SIGINT', 'SIGTERM']) process.removeListener(s, keep);
process.exitCode = await status;
