// Validates the knowledge base: node scripts/checkKnowledge.mjs [extra.json ...]
// Checks every knowledge/*.json (and any extra file given, e.g. a workspace .khabar/knowledge.json):
// shape, unique ids, kinds, that every country/within reference resolves, that `within` chains end in
// the place's country without cycles, coordinates are [lon, lat] in range and inside the country's
// bounding boxes (scripts/knowledge-src/countries-base.json), people's roles; prints counts.
// Exit code 1 when an error was found. No npm packages needed.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'knowledge');
const files = [...readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f)), ...process.argv.slice(2)];
// Gazetteers (generated places, knowledge/README.md): one place a tab-separated line; a line without
// kind adds names to an entity of the other files.
const gazetteers = readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort().map((f) => join(dir, f));
const GAZ = ['id', 'name', 'kind', 'lon', 'lat', 'country', 'population', 'geonames', 'en', 'ar', 'fa', 'aliasesAmbiguous', 'commonWordNames'];

const KINDS = {
  place: ['country', 'region', 'province', 'city', 'town', 'village', 'district', 'landmark'],
  organization: ['ministry', 'security-service', 'armed-group', 'alliance', 'news-agency', 'government', 'party', 'international', 'company', 'court'],
  person: [],
};
const KEYS = new Set(['id', 'type', 'name', 'names', 'kind', 'coordinates', 'country', 'within', 'disputed', 'iso', 'wikidata', 'roles', 'aliasesAmbiguous', 'demonyms', 'commonWordNames', 'commonWordLanguages', 'population', 'geonames']);
const LANG = /^[a-z]{2,3}$/;
let errors = 0; let warnings = 0;
const err = (where, msg) => { errors++; console.error(`error: ${where}: ${msg}`); };
const warn = (where, msg) => { warnings++; console.warn(`warning: ${where}: ${msg}`); };

const entities = []; const byId = new Map();
for (const file of files) {
  const short = file.startsWith(root) ? file.slice(root.length + 1) : file;
  let data;
  try { data = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { err(short, `not valid JSON: ${e.message}`); continue; }
  if (!data || !Array.isArray(data.entities)) { err(short, 'expected {"entities": [...]}'); continue; }
  data.entities.forEach((e, i) => {
    const where = `${short}#${i} ${e && e.id}`;
    if (!e || typeof e !== 'object') { err(where, 'entity is not an object'); return; }
    if (typeof e.id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(e.id)) err(where, 'id must be a lowercase slug');
    if (byId.has(e.id)) err(where, `duplicate id (also in ${byId.get(e.id).where})`);
    for (const k of Object.keys(e)) if (!KEYS.has(k)) warn(where, `unknown key "${k}"`);
    if (!(e.type in KINDS)) err(where, `type must be place, person or organization`);
    if (typeof e.name !== 'string' || !e.name.trim()) err(where, 'name must be a non-empty string');
    if (!e.names || typeof e.names !== 'object') err(where, 'names must be an object');
    else {
      if (!Array.isArray(e.names.en) || !e.names.en.length) err(where, 'names.en must list at least one name');
      for (const [l, ns] of Object.entries(e.names)) {
        if (!LANG.test(l)) err(where, `names key "${l}" is not a language code`);
        if (!Array.isArray(ns) || ns.some((n) => typeof n !== 'string' || !n.trim() || n !== n.trim())) err(where, `names.${l} must be trimmed non-empty strings`);
        else if (new Set(ns).size !== ns.length) warn(where, `names.${l} repeats a name`);
      }
    }
    if (e.aliasesAmbiguous !== undefined && (!Array.isArray(e.aliasesAmbiguous) || e.aliasesAmbiguous.some((n) => typeof n !== 'string' || !n.trim()))) err(where, 'aliasesAmbiguous must be a list of strings');
    if (e.type === 'person') {
      if (e.kind !== undefined) err(where, 'people have no kind');
      if (e.coordinates !== undefined) err(where, 'people have no coordinates');
      if (!Array.isArray(e.roles) || !e.roles.length) warn(where, 'person without roles');
      else for (const r of e.roles) {
        if (!r || typeof r.role !== 'string' || !r.role.trim()) err(where, 'role without "role"');
        for (const k of ['from', 'to']) if (r && r[k] !== undefined && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(r[k])) err(where, `role ${k} must be a year or date`);
        if (r && r.from && r.to && r.from > r.to) err(where, `role "${r.role}" ends before it starts`);
      }
    } else {
      if (!KINDS[e.type]?.includes(e.kind)) err(where, `kind "${e.kind}" is not one of ${KINDS[e.type]?.join(', ')}`);
      if (e.roles !== undefined) err(where, 'only people have roles');
    }
    if (e.type === 'place') {
      const c = e.coordinates;
      if (!Array.isArray(c) || c.length !== 2 || !c.every(Number.isFinite)) err(where, 'places need coordinates [lon, lat]');
      else if (Math.abs(c[0]) > 180 || Math.abs(c[1]) > 90) err(where, `coordinates out of range ${c}`);
      if (e.kind === 'country') { if (e.within) err(where, 'countries have no within'); }
      else if (!e.country && !e.disputed && !(e.kind === 'region' && !e.within)) err(where, 'place without country (only a region spanning countries may have none)');
    } else if (e.coordinates !== undefined && e.type !== 'person') err(where, 'only places have coordinates');
    if (e.wikidata !== undefined && !/^Q\d+$/.test(e.wikidata)) err(where, 'wikidata must look like Q123');
    entities.push({ e, where });
    byId.set(e.id, { e, where });
  });
}

const additions = [];
for (const file of gazetteers) {
  const short = file.startsWith(root) ? file.slice(root.length + 1) : file;
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line || line.startsWith('#')) return;
    const f = line.split('\t');
    const where = `${short}:${i + 1} ${f[0]}`;
    if (f.length !== GAZ.length) { err(where, `expected ${GAZ.length} tab-separated columns, found ${f.length}`); return; }
    const r = Object.fromEntries(GAZ.map((k, j) => [k, f[j]]));
    const list = (s) => (s ? s.split('|') : []);
    const names = { en: list(r.en), ...(r.ar ? { ar: list(r.ar) } : {}), ...(r.fa ? { fa: list(r.fa) } : {}) };
    for (const [l, ns] of Object.entries(names)) if (ns.some((n) => !n.trim() || n !== n.trim())) err(where, `${l} names must be trimmed non-empty strings`);
    if (!r.kind) { additions.push({ id: r.id, where }); return; }
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(r.id)) err(where, 'id must be a lowercase slug');
    if (byId.has(r.id)) err(where, `duplicate id (also in ${byId.get(r.id).where})`);
    if (!/^\d+$/.test(r.geonames) || (r.population && !/^\d+$/.test(r.population))) err(where, 'geonames and population must be whole numbers');
    const e = { id: r.id, type: 'place', name: r.name, names, kind: r.kind, coordinates: [Number(r.lon), Number(r.lat)], country: r.country, aliasesAmbiguous: list(r.aliasesAmbiguous) };
    if (!e.name) err(where, 'name must be a non-empty string');
    if (!KINDS.place.includes(e.kind) || e.kind === 'country') err(where, `kind "${e.kind}" is not a kind of town`);
    if (!e.coordinates.every(Number.isFinite) || Math.abs(e.coordinates[0]) > 180 || Math.abs(e.coordinates[1]) > 90) err(where, 'coordinates must be [lon, lat]');
    if (!names.en.length && !e.aliasesAmbiguous.length) err(where, 'a place needs a name');
    for (const n of list(r.commonWordNames)) if (![...Object.values(names).flat(), ...e.aliasesAmbiguous].includes(n)) err(where, `commonWordNames: "${n}" is not one of its names`);
    entities.push({ e, where });
    byId.set(e.id, { e, where });
  });
}
for (const a of additions) if (!byId.has(a.id)) err(a.where, `adds names to "${a.id}", which no file gives`);

// references
const boxesFile = join(root, 'scripts', 'knowledge-src', 'countries-base.json');
const boxes = new Map();
if (existsSync(boxesFile)) for (const c of JSON.parse(readFileSync(boxesFile, 'utf8'))) boxes.set(c.code, c.boxes);
const BOX_MARGIN = 0.6; // degrees
const inBoxes = (bs, [x, y]) => bs.some(([a, b, c, d]) => x >= a - BOX_MARGIN && x <= c + BOX_MARGIN && y >= b - BOX_MARGIN && y <= d + BOX_MARGIN);
for (const { e, where } of entities) {
  let country = null;
  if (e.country !== undefined) {
    country = byId.get(e.country)?.e;
    if (!country) err(where, `country "${e.country}" is not an entity`);
    else if (country.kind !== 'country') err(where, `country "${e.country}" is not a country`);
  }
  for (const d of e.disputed || []) if (byId.get(d)?.e.kind !== 'country') err(where, `disputed "${d}" is not a country`);
  if (e.within !== undefined) {
    const w = byId.get(e.within)?.e;
    if (!w) err(where, `within "${e.within}" is not an entity`);
    else if (w.type !== 'place') err(where, `within "${e.within}" is not a place`);
    else {
      // walk up: no cycle, ends at a country that is the entity's country
      let cur = e; const seen = new Set(); let top = null;
      while (cur) {
        if (seen.has(cur.id)) { err(where, 'within chain has a cycle'); break; }
        seen.add(cur.id);
        if (cur.kind === 'country') { top = cur; break; }
        if (!cur.within) { top = byId.get(cur.country)?.e || null; break; }
        cur = byId.get(cur.within)?.e;
      }
      if (top && e.country && top.id !== e.country) err(where, `within chain ends in ${top.id}, not in its country ${e.country}`);
    }
  }
  if (e.type === 'place' && e.kind !== 'country' && Array.isArray(e.coordinates)) {
    const cs = (e.disputed || [e.country]).map((id) => byId.get(id)?.e).filter(Boolean);
    const checkable = cs.filter((c) => c.iso && boxes.get(c.iso));
    if (checkable.length && !checkable.some((c) => inBoxes(boxes.get(c.iso), e.coordinates))) err(where, `coordinates ${e.coordinates} are outside ${cs.map((c) => c.id).join('/')}`);
  }
}

// counts
const count = (f) => entities.reduce((m, x) => { const k = f(x.e); if (k != null) m[k] = (m[k] || 0) + 1; return m; }, {});
console.log('entities:', entities.length);
console.log('by type:', JSON.stringify(count((e) => e.type)));
for (const t of Object.keys(KINDS)) { const c = count((e) => (e.type === t ? e.kind || '-' : null)); if (Object.keys(c).length) console.log(`  ${t} kinds:`, JSON.stringify(c)); }
const langs = {};
for (const { e } of entities) for (const [l, ns] of Object.entries(e.names || {})) {
  langs[l] = langs[l] || { entities: 0, names: 0 };
  langs[l].entities++; langs[l].names += ns.length;
}
console.log('by language (entities with a name in it / names):', Object.entries(langs).map(([l, v]) => `${l} ${v.entities}/${v.names}`).join(', '));
for (const t of Object.keys(KINDS)) {
  const es = entities.filter((x) => x.e.type === t).map((x) => x.e);
  console.log(`  ${t}: ` + ['en', 'ar', 'fa', 'ru'].map((l) => `${l} ${es.filter((e) => e.names?.[l]?.length).length}`).join(', ') + ` of ${es.length}`);
}
console.log(`ambiguous aliases: ${entities.reduce((n, x) => n + (x.e.aliasesAmbiguous?.length || 0), 0)}`);
console.log(`${errors} errors, ${warnings} warnings`);
process.exit(errors ? 1 : 0);
