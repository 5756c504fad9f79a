import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { reasonOf } from '../../harness/atomicWrite.js';
import { mergeScenarios, type ScenarioResult } from '../../harness/explore.js';
import { mergeVerified, type VerifyResult } from '../../harness/verify.js';
import { UsageError, type ParsedArgs } from '../args.js';
import { exploreText } from '../format/exploreText.js';
import { readDoc, type ExploreDoc, type ResultDoc, type VerifyDoc } from '../format/resultDoc.js';
import { verifyText } from '../format/verifyText.js';
import { asInvoked, exploreDoc, exploreStatus, type Io } from './explore.js';
import { flag, type CommandSpec } from '../options.js';
import { verifyDoc, verifyStatus } from './verify.js';

export const MERGE_COMMAND: CommandSpec = {
  name: 'merge',
  summary: 'the --shard i/n --json outputs of one explore or verify run, put together: exactly the unsharded result',
  synopsis: 'cgsim merge SHARD.json... [options]',
  operands: 'SHARD.json...',
  exits: "the run's own: as explore or verify would have exited unsharded",
  options: [flag('json', 'print the merged document (cgsim-explore/1 or cgsim-verify/1), not the text report')],
};

/** Everything two shards of one run must agree on: all of the document but its own part. */
function runOf(d: ResultDoc): string {
  const { results: _r, bugs: _b, unexplored: _u, shard, ...rest } = d;
  return JSON.stringify({ ...rest, shards: shard?.count ?? null });
}

/**
 * `cgsim merge a.json b.json ...`: the shards of one run (--shard i/n ... --json), put together. The result is
 * what the run gives unsharded, byte for byte with --json: scenarios are explored independently, and the bugs
 * are merged across scenarios the same way.
 */
export function mergeCommand(a: ParsedArgs, io: Io): number {
  const files = a.operands;
  if (files.length === 0) throw new UsageError('merge needs the --json files of the shards: cgsim merge shard1.json shard2.json ...');
  const docs = files.map((f) => {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd ?? '.', f), 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${f}: ${reasonOf(e)}`);
    }
    return { file: f, doc: readDoc(text, f) };
  });
  const first = docs[0]!;
  for (const d of docs) {
    const cut = (d.doc as { interrupted?: { signal: string } }).interrupted;
    if (cut !== undefined) throw new UsageError(`${d.file} is a shard that was interrupted (${cut.signal}): its results are incomplete; run that shard again`);
    if (d.doc.shard === null) throw new UsageError(`${d.file} is a whole run, not a shard: nothing to merge it with`);
    if (runOf(d.doc) !== runOf(first.doc)) throw new UsageError(`${d.file} and ${first.file} are shards of different runs (variant, scenarios, options or shard count differ)`);
  }
  const count = first.doc.shard!.count;
  const indexes = docs.map((d) => d.doc.shard!.index).sort((x, y) => x - y);
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !indexes.includes(i));
  if (missing.length > 0) throw new UsageError(`shard(s) ${missing.join(', ')} of ${count} missing`);
  if (new Set(indexes).size !== indexes.length) throw new UsageError('a shard is given twice');
  const byName = new Map<string, unknown>();
  for (const d of docs) for (const r of d.doc.results as readonly { scenario: string }[]) byName.set(r.scenario, r);
  const results = first.doc.scenarios.map((name) => {
    const r = byName.get(name);
    if (r === undefined) throw new UsageError(`no shard holds scenario ${name}`);
    return r;
  });
  const inv = (cmd: string): string => asInvoked(io, cmd);
  if (first.doc.format === 'cgsim-explore/1') {
    const d = first.doc as ExploreDoc;
    const meta = { variant: d.variant, variantRef: d.variantRef, seed: d.seed, runs: d.runs, strategy: d.strategy };
    const merged = mergeScenarios(meta, results as ScenarioResult[]);
    if (a.flags.has('json')) io.out(JSON.stringify(exploreDoc(merged, meta, d.title, d.options, d.scenarios, null, inv), null, 2));
    else for (const line of exploreText(merged, d.title, inv, d.options.maxSteps)) io.out(line);
    return exploreStatus(merged);
  }
  const d = first.doc as VerifyDoc;
  const per = results as VerifyResult[];
  const merged = mergeVerified({ name: d.variant, ref: d.variantRef }, per);
  if (a.flags.has('json')) io.out(JSON.stringify(verifyDoc({ name: d.variant, ref: d.variantRef, title: d.title }, d.bounds, d.scenarios, null, per, merged, inv), null, 2));
  else for (const line of verifyText(d.variant, d.title, d.bounds, per, merged, inv)) io.out(line);
  return verifyStatus(per, merged);
}
