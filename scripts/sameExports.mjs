// Shows that a change keeps the exports byte-identical: exports samples/, 1,500 generated articles
// (bench/generate.ts, seeded) and, when present, ../shared/corpus/{dev,train}, as JSON and CSV, with
// the command line of the build in dist/ ("generated" left out), and writes them to a folder or
// compares them with a folder written before the change.
//
//   node esbuild.mjs --quiet && node scripts/sameExports.mjs --write /tmp/before
//   … change, rebuild …
//   node scripts/sameExports.mjs --compare /tmp/before     (exit code 1 when any export differs)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const mode = args[0];
const target = args[1];
if ((mode !== '--write' && mode !== '--compare') || !target) {
  console.error('usage: node scripts/sameExports.mjs --write DIR | --compare DIR');
  process.exit(2);
}

/** The generator, bundled from TypeScript on the fly. */
async function generator() {
  const out = join(mkdtempSync(join(tmpdir(), 'khabar-gen-')), 'generate.cjs');
  await esbuild.build({ entryPoints: [join(root, 'bench/generate.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
  const { createRequire } = await import('node:module');
  return createRequire(import.meta.url)(out);
}

/** The generated articles as `khabar analyze --jsonl` reads them: each with its publication date beside the text. */
let batchLines = '';

async function generatedCorpus(count, seed) {
  const { generateArticles, placesFromKnowledge, organizationsFromKnowledge } = await generator();
  const dir = join(root, 'knowledge');
  const raw = readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).entities);
  const folder = mkdtempSync(join(tmpdir(), 'khabar-same-'));
  for (const a of generateArticles({ seed, count, places: placesFromKnowledge(raw), organizations: organizationsFromKnowledge(raw) })) {
    const file = join(folder, a.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, a.text);
    batchLines += JSON.stringify({ id: a.path, path: a.path, text: a.text, published: a.published }) + '\n';
  }
  return folder;
}

function exportOf(folder, format) {
  const text = execFileSync(process.execPath, ['--v8-pool-size=1', join(root, 'dist/cli.js'), 'export', folder, '--format', format], {
    cwd: root, maxBuffer: 1 << 30, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  });
  return format === 'json' ? text.split('\n').filter((l) => !l.includes('"generated"')).join('\n') : text;
}

const generated = await generatedCorpus(1500, 17);
const corpora = [['samples', join(root, 'samples')], ['generated', generated]];
for (const name of ['dev', 'train']) {
  const d = resolve(root, '..', 'shared', 'corpus', name);
  if (existsSync(d)) corpora.push([name, d]);
}
let differ = 0;
mkdirSync(target, { recursive: true });
for (const [name, folder] of corpora) {
  for (const format of ['json', 'csv']) {
    const file = join(target, `${name}.${format}`);
    let text;
    try {
      text = exportOf(folder, format);
    } catch (e) {
      // The command line exits 1 when it skipped a file but still writes the export.
      text = e.stdout ?? '';
      if (format === 'json') text = text.split('\n').filter((l) => !l.includes('"generated"')).join('\n');
    }
    if (mode === '--write') {
      writeFileSync(file, text);
      console.log(`${name}.${format}: ${text.length} characters written`);
    } else {
      const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      const same = before === text;
      if (!same) differ++;
      console.log(`${name}.${format}: ${same ? 'identical' : before === undefined ? 'no earlier export' : 'DIFFERS'}`);
    }
  }
}
// Batch mode: analyses (map) then linking (reduce), with publication dates given beside the texts.
const cli = join(root, 'dist/cli.js');
const run = (argv, input) => {
  try {
    return execFileSync(process.execPath, ['--v8-pool-size=1', cli, ...argv], { cwd: root, input, maxBuffer: 1 << 30, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
  } catch (e) {
    return e.stdout ?? '';
  }
};
const analyses = run(['analyze', '--jsonl'], batchLines);
for (const format of ['json', 'csv']) {
  let text = run(['link', '--format', format], analyses);
  if (format === 'json') text = text.split('\n').filter((l) => !l.includes('"generated"')).join('\n');
  const file = join(target, `batch.${format}`);
  if (mode === '--write') {
    writeFileSync(file, text);
    console.log(`batch.${format}: ${text.length} characters written`);
  } else {
    const same = existsSync(file) && readFileSync(file, 'utf8') === text;
    if (!same) differ++;
    console.log(`batch.${format}: ${same ? 'identical' : 'DIFFERS'}`);
  }
}
rmSync(generated, { recursive: true, force: true });
process.exitCode = differ ? 1 : 0;
