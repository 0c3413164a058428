import { promises as fs } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { createAnalyzer } from './core';
import { buildExport, type ExportInput } from './core/export';
import { toCsv, toGeoJson } from './core/formats';
import { loadKnowledge } from './node/knowledge';
import { loadLexicons } from './node/lexicons';
import { DEFAULT_MAX_BYTES, readArticle } from './node/readArticle';

const ARTICLE = /\.(txt|md|markdown|article)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', '.rig', '.vscode-test']);
const USAGE = `usage: khabar export <files or folders…> [--format json|csv|geojson] [--out FILE] [--max-size-mb N] [--force]`;

interface Target { file: string; root: string }

async function collect(arg: string, out: Target[]): Promise<void> {
  const abs = resolve(arg);
  const stat = await fs.stat(abs);
  if (stat.isFile()) { out.push({ file: abs, root: dirname(abs) }); return; }
  const walk = async (dir: string): Promise<void> => {
    const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.') || SKIP_DIRS.has(e.name)) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && ARTICLE.test(e.name) && !/^(readme|changelog|license)/i.test(e.name)) out.push({ file: p, root: abs });
    }
  };
  await walk(abs);
}

/** `.khabar/knowledge.json` (or .yaml) of each folder given, extending the bundled knowledge base. */
async function workspaceKnowledge(paths: string[]): Promise<{ origin: string; text: string }[]> {
  const out: { origin: string; text: string }[] = [];
  for (const p of paths) {
    for (const name of ['knowledge.json', 'knowledge.yaml', 'knowledge.yml']) {
      const f = join(resolve(p), '.khabar', name);
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
    else if (a === '--out') outFile = args[++i];
    else if (a === '--max-size-mb') maxBytes = Number(args[++i]) * 1048576;
    else if (a === '--force') overwrite = true;
    else if (a.startsWith('--')) { console.error(`khabar: unknown option ${a}\n${USAGE}`); return 2; }
    else paths.push(a);
  }
  if (!['json', 'csv', 'geojson'].includes(format)) { console.error(`khabar: unknown format "${format}" (json, csv, geojson)`); return 2; }
  if (!paths.length || !Number.isFinite(maxBytes)) { console.error(USAGE); return 2; }
  let failed = false;
  const targets: Target[] = [];
  for (const p of paths) {
    try { await collect(p, targets); } catch (e) { console.error(`khabar: ${p}: ${e instanceof Error ? e.message : String(e)}`); failed = true; }
  }
  const { knowledge, problems } = loadKnowledge(join(__dirname, '..', 'knowledge'), await workspaceKnowledge(paths));
  for (const p of problems) console.error(`khabar: ${p.origin}: ${p.index !== undefined ? `entry ${p.index + 1}: ` : ''}${p.message}`);
  const analyzer = createAnalyzer({ lexicons: loadLexicons(join(__dirname, '..', 'lexicons')), knowledge });
  const inputs: ExportInput[] = [];
  for (const t of targets) {
    const r = await readArticle(t.file, maxBytes);
    const shown = relative(process.cwd(), t.file) || basename(t.file);
    if (!r.ok) { console.error(`khabar: ${shown}: skipped: ${r.reason}`); failed = true; continue; }
    for (const w of r.warnings) console.error(`khabar: ${shown}: ${w}`);
    const analysis = analyzer.analyze({ text: r.text, uri: t.file });
    for (const p of analysis.problems) if (p.severity !== 'information') console.error(`khabar: ${shown}: ${p.message}`);
    inputs.push({ path: relative(t.root, t.file).split('\\').join('/'), analysis });
  }
  const data = buildExport(inputs, new Date(), knowledge);
  const json = format === 'csv' ? toCsv(data, knowledge) : JSON.stringify(format === 'geojson' ? toGeoJson(data, knowledge) : data, null, 1) + '\n';
  if (outFile) {
    if (!overwrite && (await fs.stat(outFile).then(() => true, () => false))) { console.error(`khabar: ${outFile} exists; pass --force to overwrite it`); return 1; }
    const tmp = `${outFile}.${process.pid}.tmp`;
    await fs.writeFile(tmp, json, 'utf8');
    await fs.rename(tmp, outFile);
  } else {
    process.stdout.write(json);
  }
  return failed ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'export') return exportCommand(rest);
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => { console.error(`khabar: ${e instanceof Error ? e.stack : String(e)}`); process.exitCode = 1; });
