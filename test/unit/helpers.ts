import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer, type Analyzer } from '../../server/src/core';
import { loadLexicons } from '../../server/src/node/lexicons';

/** The repository root: tests are bundled to dist/test/unit and run from the root by `npm run test:unit`. */
export const root = process.cwd();

let analyzer: Analyzer | undefined;
/** One analyzer over the repository's lexicons, shared by the tests. */
export function sharedAnalyzer(): Analyzer {
  return (analyzer ??= createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')) }));
}

export function readFixture<T>(rel: string): T {
  return JSON.parse(readFileSync(join(root, 'test', 'fixtures', rel), 'utf8')) as T;
}
