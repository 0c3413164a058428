import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createAnalyzer, createKnowledgeBase } from '../../server/src/core';
import { buildExport } from '../../server/src/core/export';
import { loadLexicons } from '../../server/src/node/lexicons';
import { root } from './helpers';

// A small in-memory knowledge base, independent of the bundled one.
const { knowledge } = createKnowledgeBase([{ origin: 'test', entities: [
  { id: 'kazakhstan', type: 'place', name: 'Kazakhstan', kind: 'country', names: { en: ['Kazakhstan'], ar: ['كازاخستان', 'قازاخستان'], fa: ['قزاقستان'] }, coordinates: [67, 48] },
  { id: 'almaty', type: 'place', name: 'Almaty', kind: 'city', country: 'kazakhstan', names: { en: ['Almaty'], ar: ['ألماتي', 'ألما آتا'], fa: ['آلماتی'] }, coordinates: [76.95, 43.25] },
  { id: 'boralday', type: 'place', name: 'Boralday', kind: 'village', within: 'almaty', country: 'kazakhstan', names: { en: ['Boralday'], ar: ['بورالداي'] }, coordinates: [76.86, 43.35] },
  { id: 'taraz', type: 'place', name: 'Taraz', kind: 'city', country: 'kazakhstan', names: { en: ['Taraz'], ar: ['تراز'], fa: ['تراز'] }, coordinates: [71.37, 42.9] },
  { id: 'kyrgyzstan', type: 'place', name: 'Kyrgyzstan', kind: 'country', names: { en: ['Kyrgyzstan'] }, coordinates: [74.6, 41.2] },
  { id: 'osh', type: 'place', name: 'Osh', kind: 'city', country: 'kyrgyzstan', names: { en: ['Osh'] }, coordinates: [72.8, 40.5] },
] }]);
const analyzer = createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')), knowledge });
const doc = (path: string, published: string, body: string) => ({ path, analysis: analyzer.analyze({ text: `---\ndate: ${published}\n---\n${body}\n` }) });
const exportOf = (...docs: ReturnType<typeof doc>[]) => buildExport(docs, new Date('2026-11-22T00:00:00Z'), knowledge);

test('one event across languages; sources that disagree on civilians conflict, agreeing police do not', () => {
  const e = exportOf(
    doc('en.txt', '2016-07-19', 'A gunman opened fire in Almaty. Three police officers and one civilian were killed.'),
    doc('ar.txt', '2016-07-19', 'هاجم مسلح مقرا للشرطة في ألماتي، ما أدى إلى مقتل ثلاثة رجال شرطة ومدنيين اثنين.'),
  );
  assert.equal(e.events.length, 1, JSON.stringify(e.events.map((x) => [x.location, x.sources])));
  const ev = e.events[0];
  assert.deepEqual(ev.sources, ['d1', 'd2']);
  assert.equal(ev.location?.entity, 'almaty');
  const civ = ev.figures.find((f) => f.group === 'civilians')!;
  const pol = ev.figures.find((f) => f.group === 'police')!;
  assert.equal(civ.conflict, true);
  assert.deepEqual(civ.estimate, { low: 1, best: 1, high: 2 });
  assert.equal(pol.conflict, false);
  assert.equal(pol.reports.length, 2);
});

test('military and security reports are compared at the security level', () => {
  const e = exportOf(
    doc('fa.txt', '2016-06-06', 'در حمله به شهر تراز ۷ سرباز کشته شدند.'),
    doc('en.txt', '2016-06-06', 'In the attack in Taraz, three security officers were killed.'),
  );
  assert.equal(e.events.length, 1);
  const sec = e.events[0].figures.filter((f) => f.kind === 'killed');
  assert.equal(sec.length, 1);
  assert.equal(sec[0].group, 'security');
  assert.equal(sec[0].conflict, true);
});

test('a later report that the toll rose is an update, not a conflict', () => {
  const e = exportOf(
    doc('a.txt', '2016-07-18', 'Five people were killed in an attack in Almaty.'),
    doc('b.txt', '2016-07-20', 'The death toll from the attack in Almaty rose to 8 people.'),
  );
  assert.equal(e.events.length, 1);
  const f = e.events[0].figures[0];
  assert.equal(f.conflict, false);
  assert.equal(f.update, true);
});

test('a village near a city is compatible with the city; another country is never linked', () => {
  const e = exportOf(
    doc('a.txt', '2011-12-04', 'Two police officers were killed in a shootout in Boralday.'),
    doc('b.txt', '2011-12-04', 'Two police officers were killed in a shootout near Almaty.'),
    doc('c.txt', '2011-12-04', 'Two police officers were killed in a shootout in Osh.'),
  );
  const sources = e.events.map((x) => x.sources.join(',')).sort();
  assert.deepEqual(sources, ['d1,d2', 'd3']);
  assert.equal(e.events.find((x) => x.sources.length === 2)?.location?.entity, 'boralday');
  assert.equal(e.events.find((x) => x.sources.length === 2)?.type, 'armed_clash');
});

test('background in another place is its own event', () => {
  const e = exportOf(doc('a.txt', '2011-12-04', 'Two police officers were killed in Almaty on Saturday. Last month in Taraz, a gunman killed seven people.'));
  assert.equal(e.events.length, 2);
  assert.deepEqual(e.events.map((x) => x.location?.entity), ['almaty', 'taraz']);
});

test('the workspace index reports a conflict in each document with the other sources related', async () => {
  const { createWorkspaceIndex } = await import('../../server/src/core');
  const ws = createWorkspaceIndex(knowledge);
  const a = doc('en.txt', '2016-07-19', 'A gunman opened fire in Almaty. Three police officers and one civilian were killed.');
  const b = doc('ar.txt', '2016-07-19', 'هاجم مسلح مقرا للشرطة في ألماتي، ما أدى إلى مقتل ثلاثة رجال شرطة ومدنيين اثنين.');
  ws.update('file:///a', a.path, a.analysis);
  ws.update('file:///b', b.path, b.analysis);
  const fa = ws.findings('file:///a').filter((f) => f.code === 'conflict');
  assert.equal(fa.length, 1);
  assert.equal(fa[0].related[0].uri, 'file:///b');
  assert.match(fa[0].message, /civilians killed/);
  assert.deepEqual(ws.changedSinceLastLink().sort(), ['file:///a', 'file:///b']);
  ws.remove('file:///b');
  assert.equal(ws.findings('file:///a').filter((f) => f.code === 'conflict').length, 0);
  assert.deepEqual(ws.changedSinceLastLink(), ['file:///a', 'file:///b']);
});
