// `npm run eval -- FOLDER… [--gold FILE] [--min key=value,…] [--json]`: scores Khabar on annotated
// articles. Each folder holds articles and a gold.json (the format of test/fixtures/samples.gold.json);
// prints the measures per corpus and per language; with --min, exits 1 when one falls below its floor.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAnalyzer } from '../core';
import { buildExport } from '../core/export';
import { loadKnowledge } from '../node/knowledge';
import { loadLexicons } from '../node/lexicons';
import { tuneV8ForAnalysis } from '../node/v8Tuning';
import { goldOfLanguage, score, type Gold, type Scores } from './score';

const USAGE = 'usage: npm run eval -- FOLDER… [--gold FILE] [--min figuresF1=0.9,linkF1=0.8,…] [--json]';

/** The measures --min can name, and where each is in {@link Scores}. */
const MEASURES: Record<string, (s: Scores) => number> = {
  figuresF1: (s) => s.figures.f1, figuresP: (s) => s.figures.precision, linkF1: (s) => s.events.crossSourceLinkF1,
  conflictsR: (s) => s.conflicts.recall, conflictsP: (s) => s.conflicts.precision, entitiesF1: (s) => s.entities.f1,
  location: (s) => s.events.locationAccuracy,
};

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);

/** A language's figures and names; its links and conflicts are the corpus's, across languages. */
function languageReport(name: string, s: Scores): string {
  return [
    `${name}: ${s.documents} documents`,
    `  figures   P ${pct(s.figures.precision)}  R(explicit) ${pct(s.figures.recallExplicit)}  R(all) ${pct(s.figures.recallAll)}  F1 ${pct(s.figures.f1)}   (${s.figures.predicted} predicted, ${s.figures.gold} gold)`,
    s.entities.gold ? `  entities  P ${pct(s.entities.precision)}  R ${pct(s.entities.recall)}  F1 ${pct(s.entities.f1)}` : '  entities  not annotated',
  ].join('\n');
}

function report(name: string, s: Scores): string {
  return [
    `${name}: ${s.documents} documents`,
    `  figures   P ${pct(s.figures.precision)}  R(explicit) ${pct(s.figures.recallExplicit)}  R(all) ${pct(s.figures.recallAll)}  F1 ${pct(s.figures.f1)}   (${s.figures.predicted} predicted, ${s.figures.gold} gold)`,
    `  events    pair F1 ${pct(s.events.pairF1)}  cross-source link F1 ${pct(s.events.crossSourceLinkF1)}  location ${pct(s.events.locationAccuracy)}  date ${pct(s.events.dateAccuracy)} (given for ${pct(s.events.dateCoverage)})`,
    `  conflicts P ${pct(s.conflicts.precision)}  R ${pct(s.conflicts.recall)}   (${s.conflicts.predicted} predicted, ${s.conflicts.gold} gold)`,
    s.entities.gold ? `  entities  P ${pct(s.entities.precision)}  R ${pct(s.entities.recall)}  F1 ${pct(s.entities.f1)}` : '  entities  not annotated',
    `  score: ${Object.entries(MEASURES).map(([k, f]) => `${k}=${f(s).toFixed(3)}`).join(' ')}`,
  ].join('\n');
}

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { gold: { type: 'string' }, min: { type: 'string' }, json: { type: 'boolean' } } });
  } catch (e) { console.error(`khabar eval: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`); return 2; }
  const folders = parsed.positionals;
  if (!folders.length || (parsed.values.gold && folders.length > 1)) { console.error(USAGE); return 2; }
  const floors = new Map<string, number>();
  for (const part of (parsed.values.min ?? '').split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    if (!MEASURES[k] || !Number.isFinite(Number(v))) { console.error(`khabar eval: unknown floor "${part}" (measures: ${Object.keys(MEASURES).join(', ')})\n${USAGE}`); return 2; }
    floors.set(k, Number(v));
  }
  tuneV8ForAnalysis();
  const root = join(__dirname, '..');
  const { knowledge } = loadKnowledge(join(root, 'knowledge'));
  const analyzer = createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')), knowledge });
  const results: Record<string, Scores> = {};
  let failed = false;
  for (const folder of folders) {
    let gold: Gold;
    const goldFile = parsed.values.gold ?? join(folder, 'gold.json');
    try { gold = JSON.parse(readFileSync(goldFile, 'utf8')) as Gold; } catch (e) { console.error(`khabar eval: ${goldFile}: ${e instanceof Error ? e.message : String(e)}`); return 1; }
    const texts: Record<string, string> = {};
    const inputs = [];
    for (const name of Object.keys(gold.documents).sort()) {
      try { texts[name] = readFileSync(join(folder, name), 'utf8'); } catch { console.error(`khabar eval: ${join(folder, name)}: not found`); failed = true; continue; }
      inputs.push({ path: name, analysis: analyzer.analyze({ text: texts[name], uri: join(folder, name) }) });
    }
    const exp = buildExport(inputs, new Date(), knowledge);
    const name = basename(folder.replace(/\/+$/, '')) || folder;
    results[name] = score(gold, exp, texts, (p) => basename(p));
    for (const lang of [...new Set(Object.values(gold.documents).map((d) => d.language))].sort()) {
      results[`${name} (${lang})`] = score(goldOfLanguage(gold, lang), exp, texts, (p) => basename(p));
    }
    for (const [k, floor] of floors) {
      const v = MEASURES[k](results[name]);
      if (v < floor) { console.error(`khabar eval: ${name}: ${k} ${v.toFixed(3)} is below its floor ${floor}`); failed = true; }
    }
  }
  if (parsed.values.json) console.log(JSON.stringify(results, null, 1));
  else console.log(Object.entries(results).map(([k, s]) => (k.endsWith(')') ? languageReport(k, s) : report(k, s))).join('\n'));
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
