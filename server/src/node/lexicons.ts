import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lexicon } from '../core';
import { checkSchema, type JsonSchema } from '../core/jsonSchema';
import schema from '../../../lexicons/schema/lexicon.schema.json';

/** Where the schema of lexicon files lives, relative to the lexicons' folder (their `$schema` says the same). */
export const LEXICON_SCHEMA = 'schema/lexicon.schema.json';

/** Reads every `*.json` lexicon in `dir` (the repository's `lexicons/`), each checked against its schema. Adding a language is adding a file. */
export function loadLexicons(dir: string): Lexicon[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => validateLexicon(JSON.parse(readFileSync(join(dir, f), 'utf8')), join(dir, f)));
}

/**
 * Checks a parsed lexicon file against `lexicons/schema/lexicon.schema.json` and returns it as a
 * {@link Lexicon}; throws an error naming the file, and the JSON path and what is wrong of each
 * part that does not fit (a missing key, a wrong type, an unknown key, a value not allowed).
 */
export function validateLexicon(data: unknown, file: string): Lexicon {
  const problems = checkSchema(schema as JsonSchema, data);
  if (!problems.length) return data as Lexicon;
  throw new Error(`Lexicon ${file} does not fit its schema (lexicons/${LEXICON_SCHEMA}):\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
}
