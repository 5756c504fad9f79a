import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shardOf } from '../../cli/distribute.js';
import { scenarios } from '../../scenarios/index.js';
import { cli, type CliResult } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cgsim-shards-'));

/** Runs `argv --shard i/n --json` for every i and writes each document to a file; returns the files. */
async function shards(argv: readonly string[], n: number, tag: string): Promise<string[]> {
  const files: string[] = [];
  for (let i = 1; i <= n; i++) {
    const r = await cli(...argv, '--shard', `${i}/${n}`, '--json');
    const f = join(dir, `${tag}-${i}.json`);
    writeFileSync(f, r.out.join('\n'));
    files.push(f);
  }
  return files;
}

const same = (t: { deepEqual: (a: unknown, b: unknown, m?: string) => void; is: (a: unknown, b: unknown, m?: string) => void }, a: CliResult, b: CliResult, what: string): void => {
  t.is(a.code, b.code, `${what}: exit code`);
  t.deepEqual(a.out, b.out, what);
};

test('the shards of a run take every scenario exactly once, in the run order', (t) => {
  for (const count of [1, 2, 3, 7]) {
    const taken = Array.from({ length: count }, (_, i) => shardOf(scenarios, { index: i + 1, count })).flat();
    t.is(taken.length, scenarios.length);
    t.deepEqual(taken.map((s) => s.name).sort(), scenarios.map((s) => s.name).sort());
  }
});

test('explore: merging the shards gives the unsharded result byte for byte, as JSON and as text', async (t) => {
  const argv = ['explore', '--variant', 'v4', '--scenario', 'all', '--runs', '12', '--seed', '7'];
  const whole = await cli(...argv, '--json');
  const files = await shards(argv, 3, 'explore');
  same(t, await cli('merge', ...files, '--json'), whole, 'merge --json');
  same(t, await cli('merge', ...[...files].reverse()), await cli(...argv), 'merge as text, shards in any order');
});

test('verify: merging the shards gives the unsharded result, bounds and verdict included', async (t) => {
  const argv = ['verify', '--variant', 'v4', '--scenario', 'bad-write', '--preemptions', '1'];
  const whole = await cli(...argv, '--json');
  same(t, await cli('merge', ...(await shards(argv, 2, 'verify')), '--json'), whole, 'merge --json');
});

test('--workers N gives the same output as one thread, for explore and for verify', async (t) => {
  const explore = ['explore', '--variant', 'v4', '--scenario', 'all', '--runs', '20', '--json'];
  same(t, await cli(...explore, '--workers', '2'), await cli(...explore), 'explore');
  const verify = ['verify', '--variant', 'v4', '--scenario', 'bad-write', '--preemptions', '1', '--json'];
  same(t, await cli(...verify, '--workers', '2'), await cli(...verify), 'verify');
});

test('a variant module that does not load is refused before any worker starts', async (t) => {
  const r = await cli('explore', '--variant', './no-such-patch.ts', '--workers', '2');
  t.is(r.code, 2);
  t.regex(r.err.join('\n'), /no-such-patch\.ts/);
});

test('merge refuses what is not the shards of one run, saying why, and exits 2', async (t) => {
  const argv = ['explore', '--scenario', 'bad-write', '--runs', '3'];
  const [a, b] = await shards(argv, 2, 'refuse');
  const [other] = await shards(['explore', '--scenario', 'bad-write', '--runs', '4'], 2, 'other');
  const whole = join(dir, 'whole.json');
  writeFileSync(whole, (await cli(...argv, '--json')).out.join('\n'));
  const junk = join(dir, 'junk.json');
  writeFileSync(junk, '{"format": "something-else"}');
  const cut = join(dir, 'cut.json');
  writeFileSync(cut, JSON.stringify({ ...(JSON.parse((await cli(...argv, '--shard', '2/2', '--json')).out.join('\n')) as object), interrupted: { signal: 'SIGINT', runs: 1, unfinished: ['bad-write:empty'] } }));
  const cases: [string[], RegExp][] = [
    [[], /merge needs the --json files of the shards/],
    [[a!], /shard\(s\) 2 of 2 missing/],
    [[a!, a!, b!], /a shard is given twice/],
    [[a!, other!], /shards of different runs/],
    [[whole], /is a whole run, not a shard/],
    [[a!, cut], /cut\.json is a shard that was interrupted \(SIGINT\): its results are incomplete; run that shard again/],
    [[junk], /not the --json output of cgsim explore or verify/],
    [[join(dir, 'absent.json')], /cannot read .*absent\.json: no such file or directory$/],
  ];
  for (const [files, message] of cases) {
    const r = await cli('merge', ...files);
    t.is(r.code, 2, files.join(' '));
    t.regex(r.err.join('\n'), message, files.join(' '));
  }
});

test('a malformed --shard is one clear line and exit 2', async (t) => {
  for (const shard of ['0/2', '3/2', '1', 'a/b', '1/0']) {
    const r = await cli('explore', '--shard', shard);
    t.is(r.code, 2, shard);
    t.regex(r.err.join('\n'), /--shard must be i\/n/, shard);
  }
});
