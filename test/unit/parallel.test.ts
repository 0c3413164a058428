/**
 * The analysis pool (server/src/node/parallelIndex.ts): worker threads give the same analyses as
 * the main thread, in input order, and work can be cancelled. The workers run this very file, so
 * its tests are declared only on the main thread.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createAnalyzer } from '../../server/src/core';
import { loadKnowledge } from '../../server/src/node/knowledge';
import { loadLexicons } from '../../server/src/node/lexicons';
import { AnalysisCancelled, createAnalysisPool, runAnalysisWorkerIfAsked } from '../../server/src/node/parallelIndex';
import { readArticleFile, readArticleFileSync } from '../../server/src/node/readArticle';
import { root, SAMPLE_ARTICLES } from './helpers';

if (!runAnalysisWorkerIfAsked()) {
  const dirs = { lexiconsDir: join(root, 'lexicons'), knowledgeDir: join(root, 'knowledge') };
  const samples = () => SAMPLE_ARTICLES.map((f) => ({ text: readFileSync(join(root, 'samples', f), 'utf8'), uri: f }));

  test('the pool analyses in worker threads exactly as the main thread does, in input order', async () => {
    const { knowledge } = loadKnowledge(dirs.knowledgeDir);
    const analyzer = createAnalyzer({ lexicons: loadLexicons(dirs.lexiconsDir), knowledge });
    const pool = createAnalysisPool({ ...dirs, workers: 2, workerScript: __filename });
    try {
      assert.equal(pool.size, 2);
      await pool.ready();
      const inputs = [...samples(), ...samples(), { text: '' }, { text: '\u0000 binary-ish \ud800' }];
      const seen: number[] = [];
      const out = await pool.analyzeAll(inputs, { onResult: (i) => seen.push(i) });
      assert.equal(out.length, inputs.length);
      assert.deepEqual([...seen].sort((a, b) => a - b), inputs.map((_, i) => i));
      inputs.forEach((input, i) => assert.deepEqual(out[i], analyzer.analyze(input), `input ${i}`));
      assert.deepEqual(await pool.analyze(inputs[0]), out[0]);
    } finally {
      await pool.close();
    }
  });

  test('aborting drops the texts not yet started; a closed pool refuses work', async () => {
    const pool = createAnalysisPool({ ...dirs, workers: 1, inFlight: 1, workerScript: __filename });
    try {
      const controller = new AbortController();
      const many = Array.from({ length: 200 }, () => samples()[0]);
      let done = 0;
      const run = pool.analyzeAll(many, { signal: controller.signal, onResult: () => { if (++done === 2) controller.abort(); } });
      await assert.rejects(run, AnalysisCancelled);
      assert.ok(done < 50, `${done} analyses after the abort`);
      const aborted = new AbortController();
      aborted.abort();
      await assert.rejects(pool.analyze(samples()[0], aborted.signal), AnalysisCancelled);
      // The pool still works after a cancelled batch.
      const again = await pool.analyze(samples()[1]);
      assert.ok(again.figures.length > 0);
    } finally {
      await pool.close();
    }
    await assert.rejects(pool.analyze(samples()[0]), AnalysisCancelled);
  });

  test('workers that keep dying (here: out of memory) are restarted a few times, then the pool says why', async () => {
    const pool = createAnalysisPool({ ...dirs, workers: 1, workerScript: __filename, resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 } });
    try {
      await assert.rejects(pool.analyze({ text: 'Three soldiers were killed.' }), /analysis worker stopped/);
      await new Promise((r) => setTimeout(r, 2000));
      await assert.rejects(pool.analyze({ text: 'Three soldiers were killed.' }), /restarted 3 times|analysis worker stopped/);
    } finally {
      await pool.close();
    }
  });

  test('a pool whose workers cannot start reports why instead of hanging', async () => {
    const pool = createAnalysisPool({ lexiconsDir: join(root, 'no-such-lexicons'), knowledgeDir: dirs.knowledgeDir, workers: 1, workerScript: __filename });
    try {
      await assert.rejects(pool.analyze({ text: 'Three soldiers were killed.' }), /could not start/);
    } finally {
      await pool.close();
    }
  });

  test('workers read files themselves: the same text and analysis as the main thread, and the same refusals', async () => {
    const { knowledge } = loadKnowledge(dirs.knowledgeDir);
    const analyzer = createAnalyzer({ lexicons: loadLexicons(dirs.lexiconsDir), knowledge });
    const dir = mkdtempSync(join(tmpdir(), 'khabar-pool-'));
    const pool = createAnalysisPool({ ...dirs, workers: 2, workerScript: __filename });
    try {
      const sample = samples()[0];
      writeFileSync(join(dir, 'a.txt'), sample.text);
      writeFileSync(join(dir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('قتل ثلاثة جنود', 'utf16le')]));
      writeFileSync(join(dir, 'bad.txt'), Buffer.from([0x54, 0x77, 0x6f, 0xc3, 0x28, 0x20, 0x6b]));
      writeFileSync(join(dir, 'bin.txt'), Buffer.from([1, 2, 0, 3]));
      writeFileSync(join(dir, 'big.txt'), 'x'.repeat(300_000));
      const files = ['a.txt', 'utf16.txt', 'bad.txt', 'bin.txt', 'big.txt', 'missing.txt'].map((f) => join(dir, f));
      for (const f of files) {
        const inWorker = await pool.analyzeFile({ path: f, maxBytes: 200_000, uri: f });
        const here = await readArticleFile(f, 200_000);
        assert.deepEqual(readArticleFileSync(f, 200_000), here, f);
        if (inWorker.kind === 'text') {
          const { analysis, ...file } = inWorker;
          assert.deepEqual(file, here, f);
          // What an index keeps: everything but the quantities and paragraphs.
          const { quantities: _q, paragraphs: _p, ...indexed } = analyzer.analyze({ text: file.text, uri: f });
          assert.deepEqual(analysis, indexed, f);
        } else assert.deepEqual(inWorker, here, f);
      }
      const kinds = await Promise.all(files.map(async (f) => (await pool.analyzeFile({ path: f, maxBytes: 200_000 })).kind));
      assert.deepEqual(kinds, ['text', 'text', 'text', 'unreadable', 'too-large', 'missing']);
      const bad = await readArticleFile(files[2]);
      assert.equal(bad.kind === 'text' ? bad.warnings.length : -1, 1, 'invalid UTF-8 is reported');
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
