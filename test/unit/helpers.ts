import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer, type Analyzer } from '../../server/src/core';
import { loadLexicons } from '../../server/src/node/lexicons';
import { loadKnowledge } from '../../server/src/node/knowledge';

/** The repository root: tests are bundled to dist/test/unit and run from the root by `npm run test:unit`. */
export const root = process.cwd();

/**
 * The sample articles of samples/, by name: tests name their inputs, so that a user's own files there
 * (an export saved beside the samples, notes) cannot break them.
 */
export const SAMPLE_ARTICLES: readonly string[] = [
  'danghara-cyclists.ar.md',
  'danghara-cyclists.en.txt',
  'danghara-cyclists.fa.article',
  'shiraz-shrine-attack.ar.txt',
  'shiraz-shrine-attack.en.article',
  'shiraz-shrine-attack.fa.md',
];
/** The sample articles' paths relative to the repository root, for the command line. */
export const SAMPLE_PATHS: readonly string[] = SAMPLE_ARTICLES.map((f) => `samples/${f}`);

let analyzer: Analyzer | undefined;
/** One analyzer over the repository's lexicons, shared by the tests. */
export function sharedAnalyzer(): Analyzer {
  return (analyzer ??= createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')) }));
}

let bundled: Analyzer | undefined;
/** One analyzer over the repository's lexicons and bundled knowledge base, shared by the tests. */
export function bundledAnalyzer(): Analyzer {
  return (bundled ??= createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')), knowledge: loadKnowledge(join(root, 'knowledge')).knowledge }));
}

export function readFixture<T>(rel: string): T {
  return JSON.parse(readFileSync(join(root, 'test', 'fixtures', rel), 'utf8')) as T;
}
