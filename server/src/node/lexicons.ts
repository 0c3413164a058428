import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lexicon } from '../core';

/** Reads every `*.json` lexicon in `dir` (the repository's `lexicons/`). Adding a language is adding a file. */
export function loadLexicons(dir: string): Lexicon[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Lexicon);
}
