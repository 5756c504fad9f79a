import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { CliResult } from './cli.js';

/** The validator of a shipped schema (schema/NAME.schema.json), as a consumer of cgsim's output would compile it. */
export function validator(name: string): ValidateFunction {
  const schema = JSON.parse(readFileSync(`schema/${name}.schema.json`, 'utf8')) as object;
  return new Ajv.default({ allErrors: true }).compile(schema);
}

/** The one JSON document a command printed. */
export function docOf(r: CliResult): Record<string, unknown> {
  return JSON.parse(r.out.join('\n')) as Record<string, unknown>;
}

/** A deep copy to break. */
export function copy<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/** The schema's errors, for a failing assertion's message. */
export const errorsOf = (v: ValidateFunction): string => JSON.stringify(v.errors);
