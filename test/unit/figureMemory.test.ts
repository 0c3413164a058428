/**
 * Memory per figure stays small (issue 16): a long text of many short figures ("قتل 3. " repeated)
 * is analysed in a child process with a small heap, which measures what the analysis keeps per
 * figure. Each figure once had a hidden class of its own (a spread followed by fields, at a site V8
 * had run a few hundred times), and the figure passes made one for every participant: 822 bytes kept
 * a figure, and a heap of 200 MB could not analyse 1.1 million characters of them.
 *
 * The test runs this same file as the child, told apart by an environment variable.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { createAnalyzer } from '../../server/src/core';
import { loadLexicons } from '../../server/src/node/lexicons';
import { root } from './helpers';

const CHILD = 'KHABAR_FIGURE_MEMORY_CHILD';
/** Sentences of one figure each: 210,000 characters. */
const UNITS = 30_000;
/** What the analysis may keep per figure, its figure, quantity, sentence and spans included (about 370 bytes now). */
const MAX_BYTES_PER_FIGURE = 550;
/** The child's heap: the analysis needs about 32 MB of it now, and needed 48 before (a hidden class per figure and participant). */
const HEAP_MB = 44;

/** What the child measured: figures found and bytes the analysis keeps, after full collections. */
interface Measure { figures: number; retained: number }

/** The heap in use once what is unreachable is freed: collections after the stack has unwound, as one may leave the last objects it saw. */
async function settledHeap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  return process.memoryUsage().heapUsed;
}

async function child(): Promise<void> {
  const analyzer = createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')) });
  const text = 'قتل 3. '.repeat(UNITS);
  analyzer.analyze({ text: 'قتل 3 أشخاص' });
  const before = await settledHeap();
  const analysis = analyzer.analyze({ text });
  const measure: Measure = { figures: analysis.figures.length, retained: (await settledHeap()) - before };
  process.stdout.write(JSON.stringify(measure));
}

if (process.env[CHILD]) void child();
else {
  test('a long text of many figures keeps a few hundred bytes a figure and analyses in a small heap', { timeout: 120_000 }, () => {
    const r = spawnSync(process.execPath, ['--expose-gc', `--max-old-space-size=${HEAP_MB}`, __filename], { cwd: root, env: { ...process.env, [CHILD]: '1' }, encoding: 'utf8' });
    assert.equal(r.status, 0, `the child died (heap of ${HEAP_MB} MB): ${r.stderr.slice(-2000)}`);
    const m = JSON.parse(r.stdout) as Measure;
    assert.equal(m.figures, UNITS);
    const perFigure = m.retained / m.figures;
    assert.ok(perFigure <= MAX_BYTES_PER_FIGURE, `${perFigure.toFixed(0)} bytes kept a figure (at most ${MAX_BYTES_PER_FIGURE})`);
  });
}
