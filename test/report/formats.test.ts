import test from 'ava';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { raceDiagram } from '../../report/diagram.js';
import { raceMermaid } from '../../report/mermaid.js';
import { v4Bugs } from '../helpers/v4Witnesses.js';

const bugs = v4Bugs();

test('every v4 bug has a race diagram: its title, a column per CPU of its slice, every slice step, the report under its step', async (t) => {
  for (const { bug, doc, finding } of await bugs) {
    const lines = raceDiagram(doc, finding);
    const text = lines.join('\n');
    t.true(text.includes(finding.title), bug.key);
    const actors = [...new Set(finding.slice.map((s) => doc.trace[s - 1]!.actor))];
    t.true(actors.length >= 1, bug.key);
    for (const a of actors) t.true(lines[4]!.includes(a), `${bug.key}: no column for ${a}`);
    for (const s of finding.slice) t.true(lines.some((l) => l.startsWith(String(s).padStart(5))), `${bug.key}: step ${s} missing`);
    if (finding.step !== null) t.true(finding.slice.includes(finding.step), `${bug.key}: the report's step is in its slice`);
    // Ready to paste: plain ASCII, no trailing blanks, no line wider than a commit message allows.
    for (const l of lines) {
      t.regex(l, /^[\x20-\x7e]*$/, bug.key);
      if (l === finding.title) continue;
      t.true(l.length <= 130, `${bug.key}: ${l.length} columns: ${l}`);
    }
  }
});

test('the causal slice of a race shows both sides: a step of another CPU before the report', async (t) => {
  const races = (await bugs).filter((b) => ['use-after-free', 'list-corruption', 'deadlock', 'lock-order-inversion'].includes(b.finding.kind));
  t.true(races.length >= 6);
  for (const { bug, doc, finding } of races) {
    const actors = new Set(finding.slice.map((s) => doc.trace[s - 1]!.actor));
    t.true(actors.size >= 2 || doc.pending.filter((p) => p.started).length >= 2, `${bug.key}: one CPU only`);
  }
});

/** The statements raceMermaid writes; anything else would be a Mermaid syntax error or an injection. */
const TEXT = String.raw`(?:[^;#<>:\n]|#\d+;)+`;
const MERMAID = [
  /^sequenceDiagram$/,
  /^  %% replay: cgsim replay [^\n]+$/,
  new RegExp(`^  title ${TEXT}$`),
  new RegExp(`^  participant P\\d+ as ${TEXT}$`),
  new RegExp(`^ {2,4}Note over P\\d+(,P\\d+)?: ${TEXT}$`),
  new RegExp(`^  P\\d+-->>P\\d+: ${TEXT}$`),
  /^  rect rgb\(\d+, \d+, \d+\)$/,
  /^  end$/,
];

test('every v4 bug has a Mermaid sequence diagram made only of statements Mermaid parses', async (t) => {
  for (const { bug, doc, finding } of await bugs) {
    const lines = raceMermaid(doc, finding);
    t.is(lines[0], 'sequenceDiagram');
    for (const l of lines) t.true(MERMAID.some((r) => r.test(l)), `${bug.key}: ${l}`);
    t.true(lines.some((l) => l.includes('rect ')), `${bug.key}: the report is highlighted`);
  }
});

test('every v4 replay document validates against the shipped schema', async (t) => {
  const schema = JSON.parse(readFileSync('schema/cgsim-replay-1.schema.json', 'utf8')) as object;
  const validate = new Ajv.default({ allErrors: true }).compile(schema);
  for (const { bug, doc } of await bugs) {
    const ok = validate(JSON.parse(JSON.stringify(doc)));
    t.true(ok, `${bug.key}: ${JSON.stringify(validate.errors)}`);
  }
  // And the schema is no formality: a document missing a field, or with a wrong kind, is refused.
  const { doc } = (await bugs)[0]!;
  const { trace: _dropped, ...missing } = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
  t.false(validate(missing));
  const wrongKind = JSON.parse(JSON.stringify(doc)) as { findings: { kind: string }[] };
  wrongKind.findings[0]!.kind = 'oops';
  t.false(validate(wrongKind));
});

test('the slice of a lost notification shows both sides of its race: the pre_destroy walk and the list_add after it', async (t) => {
  const lost = (await bugs).find((b) => b.finding.title.includes('was removed but'))!;
  t.truthy(lost);
  const sites = lost.finding.slice.map((s) => lost.doc.trace[s - 1]!.site);
  const walk = lost.finding.slice.find((s, i) => sites[i]?.fn === 'cgroup_call_pre_destroy');
  const add = lost.finding.slice.find((s, i) => sites[i]?.fn === 'cgroup_write_event_control' && lost.doc.trace[s - 1]!.op === 'list_add');
  t.truthy(walk, 'the walk of the event list by pre_destroy');
  t.truthy(add, 'the list_add of the event to the dying cgroup');
  t.true(walk! < add!, 'the walk came first: the event was added to a list nobody would walk again');
});
