import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { BUG_KINDS } from '../../model/probes.js';

const files = readdirSync('schema');

test('every file in schema/ is a JSON Schema with a $id and a title, named after the format it describes', (t) => {
  t.true(files.length >= 6);
  for (const f of files) {
    t.regex(f, /^cgsim-[a-z]+-\d+\.schema\.json$/, f);
    const schema = JSON.parse(readFileSync(`schema/${f}`, 'utf8')) as { $schema?: string; $id?: string; title?: string; properties?: { format?: { const?: string } } };
    t.is(schema.$schema, 'http://json-schema.org/draft-07/schema#', f);
    t.true(typeof schema.$id === 'string' && schema.$id.endsWith(`/schema/${f}`), `${f}: $id ${schema.$id}`);
    t.true(typeof schema.title === 'string' && schema.title.length > 0, `${f}: title`);
    // cgsim-explore-1.schema.json describes format cgsim-explore/1.
    const [, name, version] = /^(cgsim-[a-z]+)-(\d+)\./.exec(f)!;
    t.is(schema.properties?.format?.const, `${name}/${version}`, f);
    // And it compiles with no strict-mode complaint (unknown keywords, ambiguous types).
    t.notThrows(() => new Ajv.default({ allErrors: true, strict: true }).compile(schema), f);
  }
});

test('every format cgsim prints has its schema', (t) => {
  for (const format of ['replay', 'explore', 'verify', 'fuzz', 'compare', 'bench']) t.true(files.includes(`cgsim-${format}-1.schema.json`), format);
});

test('the package ships the schemas', (t) => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { files?: string[] };
  t.true(pkg.files?.includes('schema'));
});

/** Every `enum` under a property named `kind`, anywhere in a schema. */
function kindEnums(node: unknown, out: string[][] = []): string[][] {
  if (node === null || typeof node !== 'object') return out;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === 'kind' && value !== null && typeof value === 'object' && Array.isArray((value as { enum?: unknown }).enum)) out.push([...((value as { enum: string[] }).enum)].sort());
    kindEnums(value, out);
  }
  return out;
}

test('the schemas agree on the kinds of bug', (t) => {
  const all = files.flatMap((f) => kindEnums(JSON.parse(readFileSync(`schema/${f}`, 'utf8'))).map((kinds) => ({ f, kinds })));
  t.true(all.length >= 4);
  const replay = all.find((k) => k.f === 'cgsim-replay-1.schema.json')!.kinds;
  // The kinds the checkers can report (model/probes.ts), the list `cgsim fuzz --bugs` is checked against.
  t.deepEqual(replay, [...BUG_KINDS].sort());
  for (const { f, kinds } of all) t.deepEqual(kinds, replay, f);
});
