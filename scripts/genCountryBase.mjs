// One-off generator of scripts/knowledge-src/countries-base.json: the machine-derived part of
// knowledge/countries.json (names from ICU and world-countries, centroids, Wikidata ids and
// bounding boxes from country-coder). buildKnowledge.mjs merges the hand-written variants into it.
//
// Needs two npm packages that are NOT dependencies of the extension (install them anywhere):
//   mkdir -p /tmp/kgen && cd /tmp/kgen && npm i world-countries@5.1.0 @rapideditor/country-coder@5.6.1
//   KHABAR_KGEN_DEPS=/tmp/kgen node scripts/genCountryBase.mjs
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const depsDir = process.env.KHABAR_KGEN_DEPS;
if (!depsDir) { console.error('set KHABAR_KGEN_DEPS to a folder with world-countries and @rapideditor/country-coder installed'); process.exit(2); }
const req = createRequire(join(depsDir, 'package.json'));
const worldCountries = req('world-countries');
const ccMod = await import(pathToFileURL(req.resolve('@rapideditor/country-coder')).href);
const cc = ccMod.wikidataQID ? ccMod : ccMod.default;

const EXTRA = new Set(['VA', 'PS', 'XK', 'TW', 'EH']);
const here = dirname(fileURLToPath(import.meta.url));

export function slug(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/&/g, ' and ').replace(/['’.]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
const dn = Object.fromEntries(['en', 'ar', 'fa', 'ru'].map((l) => [l, new Intl.DisplayNames([l], { type: 'region' })]));
const latin = (s) => /^[\p{Script=Latin}\p{N}\s.'’()-]+$/u.test(s);

function boxes(code) {
  const f = cc.feature(code);
  const g = (f && f.geometry) ? f.geometry : cc.aggregateFeature(code).geometry;
  if (!g) return [];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let bs = polys.map((p) => {
    let b = [180, 90, -180, -90];
    for (const [x, y] of p[0]) { b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)]; }
    return b;
  });
  // merge boxes that come within 1 degree of each other
  let merged = true;
  while (merged) {
    merged = false;
    outer: for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++) {
      const a = bs[i], b = bs[j];
      if (a[0] - 1 <= b[2] && b[0] - 1 <= a[2] && a[1] - 1 <= b[3] && b[1] - 1 <= a[3]) {
        bs[i] = [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
        bs.splice(j, 1); merged = true; break outer;
      }
    }
  }
  return bs.map((b) => b.map((v) => Math.round(v * 100) / 100));
}

const out = [];
for (const c of worldCountries) {
  if (!(c.unMember || EXTRA.has(c.cca2))) continue;
  const name = c.name.common;
  const uniq = (a) => [...new Set(a.filter(Boolean).map((s) => s.trim()))];
  const en = uniq([name, dn.en.of(c.cca2), c.name.official, ...c.altSpellings.filter((s) => latin(s) && !/^[A-Z]{2,3}$/.test(s) && s.length > 3)]);
  const ar = uniq([c.translations.ara?.common, dn.ar.of(c.cca2), c.translations.ara?.official]);
  const fa = uniq([c.translations.per?.common, dn.fa.of(c.cca2), c.translations.per?.official]);
  const ru = uniq([c.translations.rus?.common, dn.ru.of(c.cca2)]);
  out.push({
    code: c.cca2, id: slug(name), name,
    names: { en, ar, fa, ru },
    coordinates: [c.latlng[1], c.latlng[0]],
    wikidata: cc.wikidataQID(c.cca2) || undefined,
    capital: c.capital?.[0],
    demonymEn: c.demonyms?.eng?.m,
    boxes: boxes(c.cca2),
  });
}
out.sort((a, b) => a.id.localeCompare(b.id));
writeFileSync(join(here, 'knowledge-src', 'countries-base.json'), JSON.stringify(out, null, 1) + '\n');
console.log(out.length, 'countries');
