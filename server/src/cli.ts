import { basename, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createAnalyzer, type DocumentAnalysis, type KnowledgeBase } from './core';
import { buildExport, type EventsExport, type ExportInput } from './core/export';
import { formatExport, type ExportFileFormat } from './core/formats';
import { KnowledgeLoader, type LoadedKnowledge } from './knowledgeFiles';
import { loadLexicons } from './node/lexicons';
import { analysisProblem, analyzeWithPublished, articleProblem, ISO_DATE } from './node/batch';
import { runAnalysisWorkerIfAsked } from './node/parallelIndex';
import { tuneV8ForAnalysis } from './node/v8Tuning';
import { DEFAULT_MAX_BYTES, readArticle } from './node/readArticle';
import { explainWriteError, WriteError, writeFileWhole } from './node/writeWhole';
import { invocationDir, listArticles } from './node/cliFiles';
import { curationFor, type CliCuration } from './node/cliCuration';
import { curateDocument, type CurationFinding } from './core/curationApply';
import { correctionsByDocument, linkCurated } from './core/curationLink';
import { analyzeStep, assembleStep, doneLine, eventsStep, linksStep } from './node/batchParts';

const USAGE = `usage: khabar export <files or folders…> [--format json|csv|geojson] [--out FILE] [--curation FILE|none] [--max-size-kb N] [--force]
       khabar analyze --jsonl [--knowledge FILE] [--curation FILE] [--max-size-kb N]    < articles.jsonl > analyses.jsonl
       khabar link [--knowledge FILE] [--curation FILE] [--format json|csv|geojson] [--out FILE] [--force]    < analyses.jsonl
       khabar part list <files or folders…> | part analyze | part links | part events | part assemble [--json FILE] [--csv FILE] [--geojson FILE] [--force]
         (the steps of batch/dask_job.py, JSON lines in and out; each takes --knowledge FILE or --folder DIR; README: "On Dask")
Paths are relative to the directory khabar is run from. A folder stands for its articles (.article,
.txt, .md, .markdown; not README, CHANGELOG, LICENSE, CONTRIBUTING, node_modules or hidden files,
as in the editor); a file named is read whatever its name. Files over --max-size-kb (default
${DEFAULT_MAX_BYTES / 1024}, as the editor's khabar.maxFileSizeKB), empty or not text are skipped.
Corrections (docs/curation.md): export applies those of --curation FILE, else of each folder's
.khabar/curation.json (or .yaml) when there is one (--curation none: no corrections); their
documents are the export's paths. In batch mode give the same file to analyze (figures and names,
by each line's path) and to link (reports and events). A correction whose words are gone is said
on stderr and changes nothing.`;

/** The directory paths on the command line are relative to (where the user ran it from). */
const base = invocationDir();
/** A path named on the command line, absolute. */
const fromBase = (p: string) => resolve(base, p);
/** A size limit in bytes from `--max-size-kb` or `--max-size-mb` (NaN when not a positive number). */
const sizeLimit = (value: string | undefined, unit: number) => (value !== undefined && /^\d+(\.\d+)?$/.test(value) && Number(value) > 0 ? Number(value) * unit : NaN);

/**
 * The knowledge base for a command: the bundled one with files over it, by the language server's
 * loader; what could not be read or parsed is said on stderr (`failed`).
 */
async function knowledgeFor(load: (loader: KnowledgeLoader) => Promise<LoadedKnowledge>, missingIsError: boolean): Promise<{ knowledge: KnowledgeBase; failed: boolean }> {
  const loaded = await load(new KnowledgeLoader(join(__dirname, '..', 'knowledge')));
  let failed = false;
  for (const s of loaded.skipped) { console.error(`khabar: ${s.path}: ${s.message}`); failed = true; }
  if (missingIsError) for (const m of loaded.missing) { console.error(`khabar: ${m}: no such knowledge file`); failed = true; }
  for (const p of [...loaded.bundledProblems, ...loaded.files.flatMap((f) => f.raw)]) console.error(`khabar: ${p.origin}: ${p.index !== undefined ? `entry ${p.index + 1}: ` : ''}${p.message}`);
  // A knowledge file (or an entry of it) that could not be read was skipped: say so in the exit code.
  if (loaded.files.some((f) => f.raw.length)) failed = true;
  return { knowledge: loaded.knowledge, failed };
}

/** The options of a command, or a usage error said on stderr (null). */
function options<T extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], spec: T, positionals = false) {
  try {
    return parseArgs({ args, options: spec, allowPositionals: positionals, strict: true });
  } catch (e) {
    console.error(`khabar: ${command}: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return null;
  }
}

const FORMATS: readonly string[] = ['json', 'csv', 'geojson'];

async function exportCommand(args: string[]): Promise<number> {
  const parsed = options('export', args, {
    format: { type: 'string', default: 'json' }, out: { type: 'string' }, 'max-size-kb': { type: 'string' }, 'max-size-mb': { type: 'string' }, force: { type: 'boolean', default: false },
    curation: { type: 'string', multiple: true, default: [] },
  }, true);
  if (!parsed) return 2;
  const { values: o, positionals: paths } = parsed;
  const maxBytes = o['max-size-mb'] !== undefined ? sizeLimit(o['max-size-mb'], 1048576) : o['max-size-kb'] !== undefined ? sizeLimit(o['max-size-kb'], 1024) : DEFAULT_MAX_BYTES;
  if (!FORMATS.includes(o.format)) { console.error(`khabar: unknown format "${o.format}" (json, csv, geojson)`); return 2; }
  if (!paths.length || !Number.isFinite(maxBytes)) { console.error(USAGE); return 2; }
  const listed = await listArticles(paths, base);
  if (listed.missing.length) {
    for (const p of listed.missing) console.error(`khabar: ${p}: no such file or folder (paths are relative to ${base})`);
    return 2;
  }
  let failed = false;
  for (const f of listed.failed) { console.error(`khabar: ${f.path}: ${f.reason}`); failed = true; }
  const targets = listed.targets;
  const kb = await knowledgeFor((loader) => loader.load(listed.folders), false);
  if (kb.failed) failed = true;
  const knowledge = kb.knowledge;
  const curation = await curationFor(o.curation, listed.folders, fromBase, base);
  if (curation.failed) failed = true;
  const byDocument = correctionsByDocument(curation.corrections);
  const stale: CurationFinding[] = [];
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
    const path = relative(t.root, t.file).split('\\').join('/');
    const curated = curateDocument(r.text, analysis, byDocument.get(path) ?? [], knowledge);
    stale.push(...curated.findings);
    inputs.push({ path, analysis: curated.analysis });
  }
  const data = exportCurated(inputs, curation, stale, knowledge);
  if (!(await writeExport(data, knowledge, o.format, o.out === undefined ? undefined : fromBase(o.out), o.force))) return 1;
  return failed ? 1 : 0;
}

/** The export of curated documents, the report corrections applied to their events; stale corrections said on stderr, in the file's order. */
function exportCurated(inputs: readonly ExportInput[], curation: CliCuration, stale: CurationFinding[], knowledge: KnowledgeBase): EventsExport {
  if (!curation.corrections.length) return buildExport(inputs, new Date(), knowledge);
  const { linked, findings } = linkCurated(inputs, curation.corrections, knowledge);
  const order = new Map(curation.corrections.map((c, i) => [c.id, i]));
  curation.reportStale([...stale, ...findings].sort((x, y) => order.get(x.id)! - order.get(y.id)!));
  return buildExport(inputs, new Date(), knowledge, linked);
}

/** Writes an export in a format to a file (whole, never overwriting unless forced) or stdout; false when refused or failed (said on stderr). */
async function writeExport(data: EventsExport, knowledge: KnowledgeBase, format: string, outFile: string | undefined, overwrite: boolean): Promise<boolean> {
  const json = formatExport(data, knowledge, format as ExportFileFormat);
  if (outFile) {
    try {
      await writeFileWhole(outFile, json, overwrite);
    } catch (e) {
      console.error(`khabar: ${explainWriteError(e, outFile).message}`);
      return false;
    }
  } else {
    await write(json);
  }
  return true;
}

/** An error writing to stdout: a closed pipe (the reader has gone, as `| head` does) or a full disk. */
class StdoutError extends Error {
  constructor(readonly error: NodeJS.ErrnoException) {
    super(error.message);
  }
}

// Errors of stdout also come as 'error' events, which would end the process with a stack trace unheard.
let stdoutFailed: NodeJS.ErrnoException | undefined;
process.stdout.on('error', (e: NodeJS.ErrnoException) => { stdoutFailed ??= e; });

/** Writes to stdout; resolves when the chunk is written (so waits when the pipe is full), rejects with a {@link StdoutError}. */
function write(chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stdoutFailed) { reject(new StdoutError(stdoutFailed)); return; }
    process.stdout.write(chunk, (e) => (e || stdoutFailed ? reject(new StdoutError((e ?? stdoutFailed) as NodeJS.ErrnoException)) : resolve()));
  });
}

/** One line for an error that ended a command, and its exit code; a closed stdout ends quietly, as Unix tools do. */
function fatal(e: unknown): { line?: string; code: number } {
  if (e instanceof StdoutError) {
    const code = e.error.code;
    if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') return { code: 1 };
    if (code === 'ENOSPC' || code === 'EDQUOT') return { line: 'khabar: cannot write to standard output: no space left on the device; free some space or write to a file elsewhere with --out FILE', code: 1 };
    if (code === 'EFBIG') return { line: 'khabar: cannot write to standard output: the output is larger than this system allows (ulimit -f); raise the limit or write elsewhere with --out FILE', code: 1 };
    return { line: `khabar: cannot write to standard output (${e.message}); write to a file with --out FILE instead`, code: 1 };
  }
  if (e instanceof WriteError) return { line: `khabar: ${e.message}`, code: 1 };
  const message = e instanceof Error ? e.message : String(e);
  return { line: `khabar: failed: ${message.split('\n')[0]}${process.env.KHABAR_DEBUG ? `\n${e instanceof Error ? e.stack : ''}` : ' (run with KHABAR_DEBUG=1 for details)'}`, code: 1 };
}

// ---------------------------------------------------------------------------------------------
// Batch mode: `analyze --jsonl` maps articles to analyses, one JSON line each (a pure map over
// documents, for Hadoop Streaming or Spark's RDD.pipe); `link` reduces analyses to the export.

/** Knowledge for batch commands: the bundled base and the files given with --knowledge. */
function batchKnowledge(files: string[]): Promise<{ knowledge: KnowledgeBase; failed: boolean }> {
  return knowledgeFor((loader) => loader.loadFiles(files, fromBase), true);
}

/** Lines of stdin, numbered from 1; a line may be as long as a whole article. */
async function* stdinLines(): AsyncGenerator<{ n: number; line: string }> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) yield { n: ++n, line };
}

async function analyzeCommand(args: string[]): Promise<number> {
  const parsed = options('analyze', args, { jsonl: { type: 'boolean', default: false }, knowledge: { type: 'string', multiple: true, default: [] }, curation: { type: 'string', multiple: true, default: [] }, 'max-size-kb': { type: 'string' }, 'max-size-mb': { type: 'string' } });
  if (!parsed) return 2;
  const { jsonl, knowledge: knowledgeFiles, curation: curationFiles, 'max-size-kb': kb, 'max-size-mb': mb } = parsed.values;
  const maxBytes = mb !== undefined ? sizeLimit(mb, 1048576) : kb !== undefined ? sizeLimit(kb, 1024) : DEFAULT_MAX_BYTES;
  if (!Number.isFinite(maxBytes)) { console.error(`khabar: analyze: the size limit must be a positive number\n${USAGE}`); return 2; }
  if (!jsonl) { console.error(`khabar: analyze reads JSON lines on stdin: pass --jsonl\n${USAGE}`); return 2; }
  const loaded = await batchKnowledge(knowledgeFiles);
  const curation = await curationFor(curationFiles, [], fromBase, base);
  const byDocument = correctionsByDocument(curation.corrections);
  let failed = loaded.failed || curation.failed;
  const analyzer = createAnalyzer({ lexicons: loadLexicons(join(__dirname, '..', 'lexicons')), knowledge: loaded.knowledge });
  const bad = (n: number, why: string) => { console.error(`khabar: stdin line ${n}: ${why}; skipped`); failed = true; };
  for await (const { n, line } of stdinLines()) {
    if (!line.trim()) continue;
    let input: unknown;
    try { input = JSON.parse(line); } catch (e) { bad(n, `not JSON (${e instanceof Error ? e.message : String(e)})`); continue; }
    const article = articleProblem(input, maxBytes);
    if (typeof article === 'string') { bad(n, article); continue; }
    const { id, text, published, path } = article;
    const docPath = path ?? String(id);
    const curated = curateDocument(text, analyzeWithPublished(analyzer, text, published ?? undefined, String(id)), byDocument.get(docPath) ?? [], loaded.knowledge);
    curation.reportStale(curated.findings);
    const analysis = curated.analysis;
    for (const p of analysis.problems) if (p.severity !== 'information') console.error(`khabar: stdin line ${n}: ${JSON.stringify(id)}: ${p.message}`);
    await write(JSON.stringify({ id, path: docPath, published: analysis.published, analysis }) + '\n');
  }
  return failed ? 1 : 0;
}

async function linkCommand(args: string[]): Promise<number> {
  const parsed = options('link', args, { format: { type: 'string', default: 'json' }, out: { type: 'string' }, force: { type: 'boolean', default: false }, knowledge: { type: 'string', multiple: true, default: [] }, curation: { type: 'string', multiple: true, default: [] } });
  if (!parsed) return 2;
  const { format, out, force: overwrite, knowledge: knowledgeFiles, curation: curationFiles } = parsed.values;
  const outFile = out === undefined ? undefined : fromBase(out);
  if (!FORMATS.includes(format)) { console.error(`khabar: unknown format "${format}" (json, csv, geojson)`); return 2; }
  const kb = await batchKnowledge(knowledgeFiles);
  const curation = await curationFor(curationFiles, [], fromBase, base);
  let failed = kb.failed || curation.failed;
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
  // Figures and names were corrected by `analyze --curation` (it has the texts): the events' corrections only.
  const reports = { ...curation, corrections: curation.corrections.filter((c) => c.target.type === 'document' || !inputs.some((x) => x.path === c.document)) };
  const data = exportCurated(inputs, reports, [], kb.knowledge);
  if (!(await writeExport(data, kb.knowledge, format, outFile, overwrite))) return 1;
  return failed ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Partitioned batch mode: `khabar part <step>`, the steps a distributed job (batch/dask_job.py) runs
// as subprocesses over its partitions.

/** `khabar part list`: the articles of files and folders as `khabar export` takes them, in its order, one JSON line each. */
async function partListCommand(paths: string[]): Promise<number> {
  if (!paths.length) { console.error(USAGE); return 2; }
  const listed = await listArticles(paths, base);
  for (const p of listed.missing) console.error(`khabar: ${p}: no such file or folder (paths are relative to ${base})`);
  if (listed.missing.length) return 2;
  for (const f of listed.failed) console.error(`khabar: ${f.path}: ${f.reason}`);
  let seq = 0;
  for (const t of listed.targets) await write(JSON.stringify({ seq: seq++, file: t.file, path: relative(t.root, t.file).split('\\').join('/'), shown: relative(base, t.file) || basename(t.file) }) + '\n');
  return listed.failed.length ? 1 : 0;
}

async function partCommand(args: string[]): Promise<number> {
  const [step, ...rest] = args;
  if (step === 'list') return partListCommand(rest);
  const parsed = options(`part ${step}`, rest, {
    knowledge: { type: 'string', multiple: true, default: [] }, folder: { type: 'string', multiple: true, default: [] }, 'max-size-kb': { type: 'string' },
    json: { type: 'string' }, csv: { type: 'string' }, geojson: { type: 'string' }, force: { type: 'boolean', default: false },
  });
  if (!parsed) return 2;
  const o = parsed.values;
  const maxBytes = o['max-size-kb'] !== undefined ? sizeLimit(o['max-size-kb'], 1024) : DEFAULT_MAX_BYTES;
  if (!Number.isFinite(maxBytes)) { console.error(`khabar: part: the size limit must be a positive number\n${USAGE}`); return 2; }
  // The folders' knowledge files as `khabar export` loads them, then the files named.
  const kb = await knowledgeFor(async (loader) => (o.folder.length ? loader.load(o.folder.map(fromBase)) : loader.loadFiles(o.knowledge, fromBase)), !o.folder.length);
  if (kb.failed) return 1;
  const warn = (m: string) => console.error(`khabar: ${m}`);
  const emit = (line: string) => write(line + '\n');
  const knowledge = kb.knowledge;
  if (step === 'analyze') return analyzeStep(stdinLines(), emit, warn, createAnalyzer({ lexicons: loadLexicons(join(__dirname, '..', 'lexicons')), knowledge }), knowledge, maxBytes);
  if (step === 'links') return linksStep(stdinLines(), emit, warn, knowledge);
  if (step === 'events') return eventsStep(stdinLines(), emit, warn, knowledge);
  if (step !== 'assemble') { console.error(`khabar: part: unknown step "${step ?? ''}" (list, analyze, links, events, assemble)\n${USAGE}`); return 2; }
  const data = await assembleStep(stdinLines(), warn, knowledge, new Date());
  if (!data) return 1;
  const outs = (['json', 'csv', 'geojson'] as const).filter((f) => o[f] !== undefined);
  for (const f of outs.length ? outs : (['json'] as const)) if (!(await writeExport(data, knowledge, f, o[f] === undefined ? undefined : fromBase(o[f]), o.force))) return 1;
  // Written to files: stdout says how large the export was and this step's peak memory.
  if (outs.length) await write(doneLine(data.documents.length + data.events.length) + '\n');
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'export') return exportCommand(rest);
  if (command === 'analyze') return analyzeCommand(rest);
  if (command === 'link') return linkCommand(rest);
  if (command === 'part') return partCommand(rest);
  console.error(USAGE);
  return 2;
}

if (!runAnalysisWorkerIfAsked()) {
  tuneV8ForAnalysis();
  main(process.argv.slice(2)).then(
    (code) => {
      // An error of stdout that came after the last write was done.
      const late = stdoutFailed && fatal(new StdoutError(stdoutFailed));
      if (late && late.line) console.error(late.line);
      process.exitCode = late ? Math.max(code, late.code) : code;
    },
    (e) => {
      const f = fatal(e);
      if (f.line) console.error(f.line);
      process.exitCode = f.code;
    },
  );
}
