// Builds knowledge/*.json from the hand-written sources in scripts/knowledge-src/*.txt and the
// machine-derived scripts/knowledge-src/countries-base.json (see genCountryBase.mjs).
// Needs only stopwords-iso (npm, MIT; a devDependency): `node scripts/buildKnowledge.mjs`, then
// `node scripts/checkKnowledge.mjs`.
//
// Source syntax (one entity a line, fields separated by " | "; the first field is the id):
//   almaty | k:city | in:almaty-region | c:76.95,43.25 | en:Almaty; Alma-Ata | ar:ألماتي; ألما آتا | fa:آلماتی | ru:Алматы | wd:Q35493
// keys: k kind, in within, cc country, c lon,lat, en/ar/fa/ru names (first en = canonical name unless
// name: is given), amb aliasesAmbiguous, wd wikidata, roles "Role@from-to; Role@from-" (people),
// q qualified-name template set (see QUAL), disputed (ids, for a place whose country is disputed),
// dem.en / dem.ar / dem.fa demonyms (countries), -en/-ar/-fa/-ru names to drop (countries).
//   "@type place" sets the entity type of the file; "@ k:city | in:x | q:af-prov" sets defaults for the
//   lines after it (until the next "@" line); "#" starts a comment line.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { fold } from './knowledgeFold.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'scripts', 'knowledge-src');
const outDir = join(root, 'knowledge');
const LANGS = ['en', 'ar', 'fa', 'ru'];

// Qualified forms of an administrative unit: "{}" is the bare name in that language.
export const QUAL = {
  'af-prov': { en: ['{} Province'], ar: ['ولاية {}'], fa: ['ولایت {}'] },
  'af-dist': { en: ['{} District'], ar: ['مديرية {}', 'ولسوالية {}'], fa: ['ولسوالی {}'] },
  'ir-prov': { en: ['{} Province'], ar: ['محافظة {}'], fa: ['استان {}'] },
  'ir-county': { en: ['{} County'], ar: ['قضاء {}'], fa: ['شهرستان {}'] },
  'gov': { en: ['{} Governorate', '{} Province'], ar: ['محافظة {}'], fa: ['استان {}'] },
  'region': { en: ['{} Region', '{} Province'], ar: ['منطقة {}', 'مقاطعة {}', 'ولاية {}'], fa: ['استان {}', 'منطقه {}', 'ولایت {}'] },
  'kz-region': { en: ['{} Region', '{} Oblast', '{} Province'], ar: ['منطقة {}', 'مقاطعة {}', 'إقليم {}'], fa: ['استان {}', 'منطقه {}'] },
  'tr-prov': { en: ['{} Province'], ar: ['ولاية {}', 'محافظة {}'], fa: ['استان {}'] },
  'pk-prov': { en: ['{} Province'], ar: ['إقليم {}', 'ولاية {}'], fa: ['ایالت {}', 'استان {}'] },
  'district': { en: ['{} District'], ar: ['منطقة {}', 'مديرية {}'], fa: ['منطقه {}', 'بخش {}'] },
  'ru-rep': { en: ['Republic of {}'], ar: ['جمهورية {}'], fa: ['جمهوری {}'] },
  'ru-obl': { en: ['{} Oblast', '{} Region'], ar: ['مقاطعة {}', 'منطقة {}'], fa: ['استان {}'] },
  'ru-krai': { en: ['{} Krai', '{} Territory'], ar: ['إقليم {}', 'مقاطعة {}'], fa: ['استان {}', 'منطقه {}'] },
  'state': { en: ['{} State'], ar: ['ولاية {}'], fa: ['ایالت {}'] },
};

// Generic short forms shared by the same body of many countries ("the Interior Ministry"): an amb:
// item "@interior" expands to these, so that every ministry lists them as ambiguous.
export const MACROS = {
  '@interior': ['Interior Ministry', 'Ministry of Interior', 'Ministry of Internal Affairs', 'وزارة الداخلية', 'وزارت کشور', 'وزارت امور داخله', 'وزارت داخله', 'МВД'],
  '@defence': ['Defence Ministry', 'Defense Ministry', 'Ministry of Defence', 'Ministry of Defense', 'وزارة الدفاع', 'وزارت دفاع', 'Минобороны', 'Министерство обороны'],
  '@foreign': ['Foreign Ministry', 'Ministry of Foreign Affairs', 'وزارة الخارجية', 'الخارجية', 'وزارت امور خارجه', 'وزارت خارجه', 'МИД'],
  '@nsc': ['National Security Committee', 'State Committee for National Security', 'لجنة الأمن القومي', 'لجنة الأمن الوطني', 'لجنة الدولة للأمن القومي', 'کمیته امنیت ملی', 'کمیته دولتی امنیت ملی', 'ГКНБ', 'Комитет национальной безопасности'],
  '@natguard': ['National Guard', 'الحرس الوطني', 'گارد ملی', 'Национальная гвардия'],
  '@border': ['Border Service', 'Border Guard', 'border guards', 'حرس الحدود', 'مرزبانی', 'Пограничная служба'],
  '@emergency': ['Emergencies Ministry', 'Ministry of Emergency Situations', 'وزارة الطوارئ', 'وزارة حالات الطوارئ', 'وزارت شرایط اضطراری', 'МЧС'],
  '@prosecutor': ["Prosecutor General's Office", "General Prosecutor's Office", 'النيابة العامة', 'مكتب المدعي العام', 'دادستانی کل', 'Генеральная прокуратура'],
  '@army': ['the army', 'الجيش', 'ارتش'],
  '@government': ['the government', 'الحكومة', 'دولت', 'Правительство'],
  '@parliament': ['parliament', 'البرلمان', 'پارلمان', 'مجلس'],
};

function splitList(v) { return v.split(';').map((s) => s.trim()).filter(Boolean); }

function parseLine(line) {
  const fields = line.split(' | ').map((f) => f.trim());
  const rec = { id: fields.shift() };
  for (const f of fields) {
    const m = /^([a-z0-9.\-]+):\s*(.*)$/s.exec(f);
    if (!m) throw new Error(`bad field "${f}" in: ${line}`);
    rec[m[1]] = m[2];
  }
  return rec;
}

function parseFile(path) {
  const text = readFileSync(path, 'utf8');
  let type = null; let defaults = {}; const recs = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (line.startsWith('@type ')) { type = line.slice(6).trim(); return; }
    if (line.startsWith('@')) { const d = parseLine('x | ' + line.slice(1).trim().replace(/^\|\s*/, '')); delete d.id; defaults = d; return; }
    try { recs.push({ ...defaults, ...parseLine(line), _where: `${path.split('/').pop()}:${i + 1}` }); } catch (e) { throw new Error(`${path}:${i + 1}: ${e.message}`); }
  });
  return { type, recs };
}

function uniqPush(arr, ...vals) { for (const v of vals) if (v && !arr.includes(v)) arr.push(v); }

function toEntity(rec, type) {
  const names = {};
  for (const l of LANGS) if (rec[l]) names[l] = splitList(rec[l]);
  if (names.ru) names.ru = names.ru.filter((n) => /\p{Script=Cyrillic}/u.test(n));
  if (names.ru && !names.ru.length) delete names.ru;
  if (rec.q) {  // "q:" with no value switches the default off
    const q = QUAL[rec.q];
    if (!q) throw new Error(`${rec._where}: unknown q:${rec.q}`);
    rec._bare = {};
    for (const l of Object.keys(q)) {
      if (!names[l]) continue;
      const bare = names[l].filter((n) => !/[{}]/.test(n));
      rec._bare[l] = bare.slice();
      // templates apply to the bare names that are single toponyms (not already qualified)
      const quals = [];
      for (const b of bare) for (const t of q[l]) quals.push(t.replace('{}', b));
      names[l] = [...quals, ...bare].filter((v, i, a) => a.indexOf(v) === i);
      if (l === 'en') names.en = [...new Set([...bare.slice(0, 1).map((b) => q.en[0].replace('{}', b)), ...names.en])];
    }
  }
  const e = { id: rec.id, type };
  e.name = rec.name || (rec.q && rec._bare?.en ? QUAL[rec.q].en[0].replace('{}', rec._bare.en[0]) : names.en?.[0]);
  e.names = names;
  if (rec.k) e.kind = rec.k;
  if (rec.c) e.coordinates = rec.c.split(',').map((x) => Number(x.trim()));
  if (rec.cc) e.country = rec.cc;
  if (rec.in) e.within = rec.in;
  if (rec.disputed) e.disputed = splitList(rec.disputed.replace(/,/g, ';'));
  if (rec.wd) e.wikidata = rec.wd;
  if (rec.roles) e.roles = splitList(rec.roles).map((r) => {
    const m = /^(.*?)(?:@(\d{4})?-?(\d{4})?)?$/.exec(r);
    const o = { role: m[1].trim() };
    if (m[2]) o.from = m[2];
    if (m[3]) o.to = m[3];
    return o;
  });
  if (rec.amb) e.aliasesAmbiguous = [...new Set(splitList(rec.amb).flatMap((a) => {
    if (!a.startsWith('@')) return [a];
    if (!MACROS[a]) throw new Error(`${rec._where}: unknown macro ${a}`);
    return MACROS[a];
  }))];
  const dem = {};
  for (const l of LANGS) if (rec['dem.' + l]) dem[l] = splitList(rec['dem.' + l]);
  if (Object.keys(dem).length) e.demonyms = dem;
  Object.defineProperty(e, '_rec', { value: rec, enumerable: false });
  return e;
}

// ---- countries: base + hand-written variants
const base = JSON.parse(readFileSync(join(srcDir, 'countries-base.json'), 'utf8'));
const countryHand = new Map(parseFile(join(srcDir, 'countries.txt')).recs.map((r) => [r.id, r]));
const countries = [];
const codeToId = {};
for (const b of base) {
  const h = countryHand.get(b.code) || {};
  countryHand.delete(b.code);
  const id = h.id2 || b.id;
  codeToId[b.code] = id;
  const names = {};
  for (const l of LANGS) {
    const drop = new Set(h['-' + l] ? splitList(h['-' + l]) : []);
    const first = h['first.' + l] ? splitList(h['first.' + l]) : [];
    names[l] = [];
    uniqPush(names[l], ...first, ...b.names[l].filter((n) => !drop.has(n)), ...(h[l] ? splitList(h[l]) : []));
  }
  const e = { id, type: 'place', name: h.name || b.name, names, kind: 'country', coordinates: h.c ? h.c.split(',').map(Number) : b.coordinates, iso: b.code };
  if (!e.names.en.includes(e.name)) e.names.en.unshift(e.name);
  else { e.names.en = [e.name, ...e.names.en.filter((n) => n !== e.name)]; }
  if (b.wikidata) e.wikidata = b.wikidata;
  if (h.amb) e.aliasesAmbiguous = splitList(h.amb);
  const dem = {};
  if (b.demonymEn) dem.en = [b.demonymEn];
  for (const l of LANGS) if (h['dem.' + l]) { dem[l] = dem[l] || []; uniqPush(dem[l], ...splitList(h['dem.' + l])); }
  if (Object.keys(dem).length) e.demonyms = dem;
  Object.defineProperty(e, '_rec', { value: { ...h, _where: 'countries' }, enumerable: false });
  countries.push(e);
}
if (countryHand.size) throw new Error('countries.txt codes not in base: ' + [...countryHand.keys()].join(', '));

// ---- other files
const outputs = [['countries', countries]];
for (const f of readdirSync(srcDir).filter((f) => f.endsWith('.txt') && f !== 'countries.txt').sort()) {
  const { type, recs } = parseFile(join(srcDir, f));
  if (!type) throw new Error(`${f}: missing @type`);
  outputs.push([f.replace(/\.txt$/, ''), recs.map((r) => toEntity(r, type))]);
}
const all = outputs.flatMap(([, es]) => es);
const byId = new Map();
for (const e of all) {
  if (byId.has(e.id)) throw new Error(`duplicate id ${e.id} (${e._rec._where} and ${byId.get(e.id)._rec._where})`);
  byId.set(e.id, e);
}

// country of a place: follow `within` to a country
for (const e of all) {
  if (e.country || e.kind === 'country' || e.disputed) continue;
  let cur = e; const seen = new Set();
  while (cur && cur.within && !seen.has(cur.id)) {
    seen.add(cur.id);
    cur = byId.get(cur.within);
    if (cur && cur.kind === 'country') { e.country = cur.id; break; }
    if (cur && cur.country) { e.country = cur.country; break; }
  }
}
// a place whose `within` is its country does not repeat it as within? keep both: within is the container.

// ---- ambiguity: a folded name shared by several entities
const holders = new Map(); // folded -> [{e, lang, name}]
for (const e of all) for (const [l, ns] of Object.entries(e.names)) for (const n of ns) {
  const k = fold(n);
  if (!holders.has(k)) holders.set(k, []);
  holders.get(k).push({ e, l, n });
}
const ambFolded = (e) => new Set((e.aliasesAmbiguous || []).map(fold));
let warnings = 0;
for (const [k, hs] of holders) {
  const ents = [...new Set(hs.map((h) => h.e))];
  if (ents.length < 2) continue;
  // entities that declared it ambiguous, or province-like entities whose bare name it is, yield it
  const yields = (e) => ambFolded(e).has(k) || (e._rec._bare && Object.values(e._rec._bare).flat().some((b) => fold(b) === k));
  let keepers = ents.filter((e) => !yields(e));
  if (keepers.length > 1) {
    warnings++;
    console.warn(`shared name "${hs[0].n}" [${k}]: ${keepers.map((e) => e.id).join(', ')} -> ambiguous for all`);
    keepers = [];
  }
  for (const e of ents) {
    if (keepers.includes(e)) continue;
    for (const h of hs.filter((h) => h.e === e)) {
      e.names[h.l] = e.names[h.l].filter((n) => n !== h.n);
      e.aliasesAmbiguous = e.aliasesAmbiguous || [];
      if (!e.aliasesAmbiguous.map(fold).includes(fold(h.n)) || !e.aliasesAmbiguous.includes(h.n)) uniqPush(e.aliasesAmbiguous, h.n);
    }
  }
}
// An ambiguous alias written with letters only Arabic uses (ة ى أ إ ك ي) or only Persian uses
// (پ چ ژ گ ک ی) is ambiguous in that language: it removes the same folded name from that language only.
const scriptLang = (a) => (/[ةىأإكي]/.test(a) ? 'ar' : /[پچژگکی]/.test(a) ? 'fa' : null);
for (const e of all) {
  const ambs = (e.aliasesAmbiguous || []).map((a) => ({ k: fold(a), lang: scriptLang(a) }));
  for (const l of Object.keys(e.names)) {
    const seen = new Set();
    const amb = new Set(ambs.filter((a) => !a.lang || a.lang === l || !['ar', 'fa'].includes(l)).map((a) => a.k));
    e.names[l] = e.names[l].filter((n) => { const k = fold(n); if (amb.has(k) || seen.has(k)) return false; seen.add(k); return true; });
  }
  for (const l of Object.keys(e.names)) if (!e.names[l].length) delete e.names[l];
  if (!e.names.en) e.names.en = [e.name];
}

// A place's Arabic name that reads as a proclitic and a function word is an ordinary word too
// (وان: و + أن "and that"; بانه: ب + أنه): the engine then takes it only with a cue or the place's
// country named in the article (commonWordNames). Function words from stopwords-iso, the proclitics
// from the Arabic lexicon: those a particle can take (not the article, not the future's س, which a
// verb takes); a name with the article (الفاو) reads as no particle.
const functionWords = new Set(createRequire(import.meta.url)('stopwords-iso').ar.map(fold));
const proclitics = JSON.parse(readFileSync(join(root, 'lexicons', 'ar.json'), 'utf8')).clitics.prefixes.map(fold).filter((p) => p && !p.includes('ال') && !p.includes('س'));
const readsAsFunctionWord = (name) => {
  if (/^(ال|لل)/.test(name)) return false;
  const k = fold(name);
  return proclitics.some((p) => k.startsWith(p) && [...k.slice(p.length)].length >= 2 && functionWords.has(k.slice(p.length)));
};
for (const e of all) {
  const common = e.type === 'place' ? (e.names.ar ?? []).filter(readsAsFunctionWord) : [];
  if (common.length) { e.commonWordNames = common; e.commonWordLanguages = ['ar']; }
}

const ORDER = ['id', 'type', 'name', 'names', 'kind', 'coordinates', 'country', 'within', 'disputed', 'iso', 'wikidata', 'roles', 'aliasesAmbiguous', 'commonWordNames', 'commonWordLanguages', 'demonyms'];
for (const [file, es] of outputs) {
  const clean = es.map((e) => Object.fromEntries(ORDER.filter((k) => e[k] !== undefined).map((k) => [k, e[k]])));
  const body = '{"entities": [\n' + clean.map((e) => JSON.stringify(e)).join(',\n') + '\n]}\n';
  writeFileSync(join(outDir, file + '.json'), body);
  console.log(`knowledge/${file}.json: ${es.length}`);
}
if (warnings) console.warn(`${warnings} shared names made ambiguous for every holder (add amb: to say which entity yields)`);
