import { promises as fs } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createAnalyzer, type DocumentAnalysis, type KnowledgeBase } from './core';
import { buildExport, type EventsExport, type ExportInput } from './core/export';
import { toCsv, toGeoJson } from './core/formats';
import { loadKnowledge } from './node/knowledge';
import { loadLexicons } from './node/lexicons';
import { analysisProblem, analyzeWithPublished, ISO_DATE } from './node/batch';
import { runAnalysisWorkerIfAsked } from './node/parallelIndex';
import { tuneV8ForAnalysis } from './node/v8Tuning';
import { DEFAULT_MAX_BYTES, readArticle } from './node/readArticle';
import { invocationDir, listArticles } from './node/cliFiles';

const USAGE = `usage: khabar export <files or folders…> [--format json|csv|geojson] [--out FILE] [--max-size-kb N] [--force]
       khabar analyze --jsonl [--knowledge FILE] [--max-size-kb N]    < articles.jsonl > analyses.jsonl
       khabar link [--knowledge FILE] [--format json|csv|geojson] [--out FILE] [--force]    < analyses.jsonl
Paths are relative to the directory khabar is run from. A folder stands for its articles (.article,
.txt, .md, .markdown; not README, CHANGELOG, LICENSE, CONTRIBUTING, node_modules or hidden files,
as in the editor); a file named is read whatever its name. Files over --max-size-kb (default
${DEFAULT_MAX_BYTES / 1024}, as the editor's khabar.maxFileSizeKB), empty or not text are skipped.`;

/** The directory paths on the command line are relative to (where the user ran it from). */
const base = invocationDir();
/** A path named on the command line, absolute. */
const fromBase = (p: string) => resolve(base, p);
/** A size limit in bytes from `--max-size-kb` or `--max-size-mb` (NaN when not a positive number). */
const sizeLimit = (value: string | undefined, unit: number) => (value !== undefined && /^\d+(\.\d+)?$/.test(value) && Number(value) > 0 ? Number(value) * unit : NaN);

/** `.khabar/knowledge.json` (or .yaml) of each folder given, extending the bundled knowledge base. */
async function workspaceKnowledge(paths: string[]): Promise<{ origin: string; text: string }[]> {
  const out: { origin: string; text: string }[] = [];
  for (const p of paths) {
    for (const name of ['knowledge.json', 'knowledge.yaml', 'knowledge.yml']) {
      const f = join(p, '.khabar', name);
      try { out.push({ origin: f, text: await fs.readFile(f, 'utf8') }); } catch { /* none there */ }
    }
  }
  return out;
}

async function exportCommand(args: string[]): Promise<number> {
  let format = 'json';
  let outFile: string | undefined;
  let maxBytes = DEFAULT_MAX_BYTES;
  let overwrite = false;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format') format = args[++i] ?? '';
    else if (a === '--out') outFile = args[++i] === undefined ? undefined : fromBase(args[i]);
    else if (a === '--max-size-kb') maxBytes = sizeLimit(args[++i], 1024);
    else if (a === '--max-size-mb') maxBytes = sizeLimit(args[++i], 1048576);
    else if (a === '--force') overwrite = true;
    else if (a.startsWith('--')) { console.error(`khabar: unknown option ${a}\n${USAGE}`); return 2; }
    else paths.push(a);
  }
  if (!['json', 'csv', 'geojson'].includes(format)) { console.error(`khabar: unknown format "${format}" (json, csv, geojson)`); return 2; }
  if (!paths.length || !Number.isFinite(maxBytes)) { console.error(USAGE); return 2; }
  const listed = await listArticles(paths, base);
  if (listed.missing.length) {
    for (const p of listed.missing) console.error(`khabar: ${p}: no such file or folder (paths are relative to ${base})`);
    return 2;
  }
  let failed = false;
  for (const f of listed.failed) { console.error(`khabar: ${f.path}: ${f.reason}`); failed = true; }
  const targets = listed.targets;
  const extra = await workspaceKnowledge(listed.folders);
  const { knowledge, problems } = loadKnowledge(join(__dirname, '..', 'knowledge'), extra);
  for (const p of problems) console.error(`khabar: ${p.origin}: ${p.index !== undefined ? `entry ${p.index + 1}: ` : ''}${p.message}`);
  // A workspace knowledge file (or an entry of it) that could not be read was skipped: say so in the exit code.
  if (problems.some((p) => extra.some((x) => x.origin === p.origin))) failed = true;
  const analyzer = createAnalyzer({ lexicons: loadLexicons(join(__dirname, '..', 'lexicons')), knowledge });
  const inputs: ExportInput[] = [];
  for (const t of targets) {
    const r = await readArticle(t.file, maxBytes);
    const shown = relative(base, t.file) || basename(t.file);
    if (!r.ok) { console.error(`khabar: ${shown}: skipped: ${r.reason}`); failed = true; continue; }
    if (!r.text.trim()) { console.error(`khabar: ${shown}: skipped: empty file, nothing to analyse`); failed = true; continue; }
    for (const w of r.warnings) console.error(`khabar: ${shown}: ${w}`);
    const analysis = analyzer.analyze({ text: r.text, uri: t.file });
    for (const p of analysis.problems) if (p.severity !== 'information') console.error(`khabar: ${shown}: ${p.message}`);
    inputs.push({ path: relative(t.root, t.file).split('\\').join('/'), analysis });
  }
  const data = buildExport(inputs, new Date(), knowledge);
  if (!(await writeExport(data, knowledge, format, outFile, overwrite))) return 1;
  return failed ? 1 : 0;
}

/** Writes an export in a format to a file (whole, never overwriting unless forced) or stdout; false when refused. */
async function writeExport(data: EventsExport, knowledge: KnowledgeBase, format: string, outFile: string | undefined, overwrite: boolean): Promise<boolean> {
  const json = format === 'csv' ? toCsv(data, knowledge) : JSON.stringify(format === 'geojson' ? toGeoJson(data, knowledge) : data, null, 1) + '\n';
  if (outFile) {
    if (!overwrite && (await fs.stat(outFile).then(() => true, () => false))) { console.error(`khabar: ${outFile} exists; pass --force to overwrite it`); return false; }
    const tmp = `${outFile}.${process.pid}.tmp`;
    await fs.writeFile(tmp, json, 'utf8');
    await fs.rename(tmp, outFile);
  } else {
    await write(json);
  }
  return true;
}

/** Writes to stdout, waiting when the pipe is full. */
function write(chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.stdout.write(chunk, (e) => (e ? reject(e) : undefined))) resolve();
    else process.stdout.once('drain', resolve);
  });
}

// ---------------------------------------------------------------------------------------------
// Batch mode: `analyze --jsonl` maps articles to analyses, one JSON line each (a pure map over
// documents, for Hadoop Streaming or Spark's RDD.pipe); `link` reduces analyses to the export.

/** Knowledge for batch commands: the bundled base and the files given with --knowledge. */
async function batchKnowledge(files: string[]): Promise<{ knowledge: KnowledgeBase; failed: boolean }> {
  const extra: { origin: string; text: string }[] = [];
  let failed = false;
  for (const f of files) {
    try { extra.push({ origin: f, text: await fs.readFile(fromBase(f), 'utf8') }); } catch (e) { console.error(`khabar: ${f}: ${e instanceof Error ? e.message : String(e)}`); failed = true; }
  }
  const { knowledge, problems } = loadKnowledge(join(__dirname, '..', 'knowledge'), extra);
  for (const p of problems) console.error(`khabar: ${p.origin}: ${p.index !== undefined ? `entry ${p.index + 1}: ` : ''}${p.message}`);
  return { knowledge, failed: failed || problems.some((p) => extra.some((x) => x.origin === p.origin)) };
}

/** Lines of stdin, numbered from 1; a line may be as long as a whole article. */
async function* stdinLines(): AsyncGenerator<{ n: number; line: string }> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) yield { n: ++n, line };
}

async function analyzeCommand(args: string[]): Promise<number> {
  let jsonl = false;
  let maxBytes = DEFAULT_MAX_BYTES;
  const knowledgeFiles: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--jsonl') jsonl = true;
    else if (a === '--knowledge') knowledgeFiles.push(args[++i] ?? '');
    else if (a === '--max-size-kb') maxBytes = sizeLimit(args[++i], 1024);
    else if (a === '--max-size-mb') maxBytes = sizeLimit(args[++i], 1048576);
    else { console.error(`khabar: analyze: unknown argument ${a}\n${USAGE}`); return 2; }
  }
  if (!Number.isFinite(maxBytes)) { console.error(`khabar: analyze: the size limit must be a positive number\n${USAGE}`); return 2; }
  if (!jsonl) { console.error(`khabar: analyze reads JSON lines on stdin: pass --jsonl\n${USAGE}`); return 2; }
  const kb = await batchKnowledge(knowledgeFiles);
  let failed = kb.failed;
  const analyzer = createAnalyzer({ lexicons: loadLexicons(join(__dirname, '..', 'lexicons')), knowledge: kb.knowledge });
  const bad = (n: number, why: string) => { console.error(`khabar: stdin line ${n}: ${why}; skipped`); failed = true; };
  for await (const { n, line } of stdinLines()) {
    if (!line.trim()) continue;
    let input: unknown;
    try { input = JSON.parse(line); } catch (e) { bad(n, `not JSON (${e instanceof Error ? e.message : String(e)})`); continue; }
    if (!input || typeof input !== 'object' || Array.isArray(input)) { bad(n, 'not a JSON object'); continue; }
    const { id, text, published, path } = input as Record<string, unknown>;
    if (typeof id !== 'string' && typeof id !== 'number') { bad(n, '"id" must be a string or a number'); continue; }
    if (typeof text !== 'string') { bad(n, `${JSON.stringify(id)}: "text" must be a string`); continue; }
    if (published !== undefined && published !== null && (typeof published !== 'string' || !ISO_DATE.test(published))) { bad(n, `${JSON.stringify(id)}: "published" must be a date yyyy-mm-dd`); continue; }
    if (path !== undefined && path !== null && typeof path !== 'string') { bad(n, `${JSON.stringify(id)}: "path" must be a string`); continue; }
    if (Buffer.byteLength(text) > maxBytes) { bad(n, `${JSON.stringify(id)}: text is ${(Buffer.byteLength(text) / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(1)} MB limit`); continue; }
    const analysis = analyzeWithPublished(analyzer, text, (published as string | null | undefined) ?? undefined, String(id));
    for (const p of analysis.problems) if (p.severity !== 'information') console.error(`khabar: stdin line ${n}: ${JSON.stringify(id)}: ${p.message}`);
    await write(JSON.stringify({ id, path: (path as string | undefined) ?? String(id), published: analysis.published, analysis }) + '\n');
  }
  return failed ? 1 : 0;
}

async function linkCommand(args: string[]): Promise<number> {
  let format = 'json';
  let outFile: string | undefined;
  let overwrite = false;
  const knowledgeFiles: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format') format = args[++i] ?? '';
    else if (a === '--out') outFile = args[++i] === undefined ? undefined : fromBase(args[i]);
    else if (a === '--force') overwrite = true;
    else if (a === '--knowledge') knowledgeFiles.push(args[++i] ?? '');
    else { console.error(`khabar: link: unknown argument ${a}\n${USAGE}`); return 2; }
  }
  if (!['json', 'csv', 'geojson'].includes(format)) { console.error(`khabar: unknown format "${format}" (json, csv, geojson)`); return 2; }
  const kb = await batchKnowledge(knowledgeFiles);
  let failed = kb.failed;
  const bad = (n: number, why: string) => { console.error(`khabar: stdin line ${n}: ${why}; skipped`); failed = true; };
  const docs = new Map<string, ExportInput>();
  for await (const { n, line } of stdinLines()) {
    if (!line.trim()) continue;
    let row: unknown;
    try { row = JSON.parse(line); } catch (e) { bad(n, `not JSON (${e instanceof Error ? e.message : String(e)})`); continue; }
    if (!row || typeof row !== 'object' || Array.isArray(row)) { bad(n, 'not a JSON object'); continue; }
    const { id, path, published, analysis } = row as Record<string, unknown>;
    if (typeof id !== 'string' && typeof id !== 'number') { bad(n, '"id" must be a string or a number'); continue; }
    const why = analysisProblem(analysis);
    if (why) { bad(n, `${JSON.stringify(id)}: ${why}`); continue; }
    if (docs.has(String(id))) { bad(n, `${JSON.stringify(id)}: duplicate id`); continue; }
    const a = analysis as DocumentAnalysis;
    const pub = a.published ?? (typeof published === 'string' && ISO_DATE.test(published) ? published : null);
    docs.set(String(id), { path: typeof path === 'string' ? path : String(id), analysis: { ...a, published: pub } });
  }
  // Documents in the order of their ids, whatever order the map phase wrote them in.
  const inputs = [...docs.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, d]) => d);
  const data = buildExport(inputs, new Date(), kb.knowledge);
  if (!(await writeExport(data, kb.knowledge, format, outFile, overwrite))) return 1;
  return failed ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'export') return exportCommand(rest);
  if (command === 'analyze') return analyzeCommand(rest);
  if (command === 'link') return linkCommand(rest);
  console.error(USAGE);
  return 2;
}

if (!runAnalysisWorkerIfAsked()) {
  tuneV8ForAnalysis();
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => { console.error(`khabar: ${e instanceof Error ? e.stack : String(e)}`); process.exitCode = 1; });
}
