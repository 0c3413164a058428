import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createAnalyzer, createKnowledgeBase } from '../../server/src/core';
import { frameDocument } from '../../server/src/core/events';
import { buildExport } from '../../server/src/core/export';
import { toCsv } from '../../server/src/core/formats';
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
  assert.deepEqual([fa[0].group, fa[0].kind], ['civilians', 'killed']);
  assert.deepEqual(ws.changedSinceLastLink().sort(), ['file:///a', 'file:///b']);
  ws.remove('file:///b');
  assert.equal(ws.findings('file:///a').filter((f) => f.code === 'conflict').length, 0);
  assert.deepEqual(ws.changedSinceLastLink(), ['file:///a', 'file:///b']);
});

// Places in two countries, for where events happen as a whole.
const wideKb = createKnowledgeBase([{ origin: 'test', entities: [
  { id: 'iran', type: 'place', name: 'Iran', kind: 'country', names: { en: ['Iran'], ar: ['إيران'], fa: ['ایران'] }, coordinates: [53, 32] },
  { id: 'sistan', type: 'place', name: 'Sistan and Baluchestan', kind: 'province', country: 'iran', names: { en: ['Sistan and Baluchestan'], fa: ['سیستان و بلوچستان'] }, coordinates: [60.5, 28] },
  { id: 'zahedan', type: 'place', name: 'Zahedan', kind: 'city', country: 'iran', within: 'sistan', names: { en: ['Zahedan'], ar: ['زاهدان'], fa: ['زاهدان'] }, coordinates: [60.86, 29.5] },
  { id: 'khash', type: 'place', name: 'Khash', kind: 'city', country: 'iran', within: 'sistan', names: { en: ['Khash'], ar: ['خاش'], fa: ['خاش'] }, coordinates: [61.2, 28.2] },
  { id: 'tehran', type: 'place', name: 'Tehran', kind: 'city', country: 'iran', names: { en: ['Tehran'], ar: ['طهران'], fa: ['تهران'] }, coordinates: [51.39, 35.69] },
  { id: 'makki', type: 'place', name: 'Makki Grand Mosque', kind: 'landmark', country: 'iran', within: 'zahedan', names: { en: ['Makki Grand Mosque'], fa: ['مسجد مکی'] }, coordinates: [60.86, 29.49] },
  { id: 'azadi-square', type: 'place', name: 'Azadi Square', kind: 'landmark', country: 'iran', within: 'tehran', names: { en: ['Azadi Square'], fa: ['میدان آزادی'] }, coordinates: [51.34, 35.7] },
  { id: 'iraq', type: 'place', name: 'Iraq', kind: 'country', names: { en: ['Iraq'], ar: ['العراق'], fa: ['عراق'] }, coordinates: [44, 33] },
  { id: 'baghdad', type: 'place', name: 'Baghdad', kind: 'city', country: 'iraq', names: { en: ['Baghdad'], ar: ['بغداد'], fa: ['بغداد'] }, coordinates: [44.36, 33.31] },
  { id: 'basra', type: 'place', name: 'Basra', kind: 'city', country: 'iraq', names: { en: ['Basra'], ar: ['البصرة'], fa: ['بصره'] }, coordinates: [47.8, 30.5] },
  { id: 'interior-iran', type: 'organization', name: 'Interior Ministry of Iran', kind: 'ministry', country: 'iran', names: { en: ['Interior Ministry'], fa: ['وزارت کشور'] } },
  { id: 'interior-iraq', type: 'organization', name: 'Interior Ministry of Iraq', kind: 'ministry', country: 'iraq', names: { en: ['Iraqi Interior Ministry'], ar: ['وزارة الداخلية العراقية'] } },
  { id: 'islamic-state', type: 'organization', name: 'Islamic State', kind: 'armed-group', names: { en: ['Islamic State', 'ISIS'], ar: ['داعش', 'تنظيم الدولة الإسلامية'], fa: ['داعش'] } },
  { id: 'jaish-al-adl', type: 'organization', name: 'Jaish al-Adl', kind: 'armed-group', country: 'iran', names: { en: ['Jaish al-Adl'], ar: ['جيش العدل'], fa: ['جیش العدل'] } },
] }]).knowledge;
const wideAnalyzer = createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')), knowledge: wideKb });
const wideDoc = (body: string, published = '2022-09-30') => ({ path: 'a.txt', analysis: wideAnalyzer.analyze({ text: `---\ndate: ${published}\n---\n${body}\n` }) });
const placesOf = (body: string) => buildExport([wideDoc(body)], new Date('2026-11-22T00:00:00Z'), wideKb).events.map((e) => e.location?.entity ?? null);

test('an event across the country is the country\'s; its figures for one city stay in the city', () => {
  // The wide phrase, in each language, near the figures.
  assert.deepEqual(placesOf('Police arrested 1,200 people during protests across the country, after a rally in Zahedan.'), ['iran']);
  assert.deepEqual(placesOf('اعتقلت الشرطة 300 شخص خلال احتجاجات في مختلف أنحاء البلاد، وكانت أكبرها في زاهدان.'), ['iran']);
  assert.deepEqual(placesOf('در جریان ناآرامی‌ها در سراسر ایران ۵۰۰ نفر بازداشت شدند.'), ['iran']);
  const frames = frameDocument(wideDoc('Police arrested 1,200 people during protests across the country. In Zahedan, a bomb killed 4 people on Monday.').analysis, 0, wideKb);
  assert.deepEqual(frames.map((f) => [f.place, !!f.wide]), [['iran', true], ['zahedan', false]]);
  // The event across the country and one city's part of it are two events.
  const e = placesOf('Protests spread to many cities on Friday, and 40 people were killed nationwide. In Zahedan, security forces shot dead five protesters.');
  assert.deepEqual([...e].sort(), ['iran', 'zahedan']);
});

test('background about the whole country leaves a local event where it was; a wide opening does not', () => {
  assert.deepEqual(placesOf('A suicide bomber struck a mosque in Baghdad on Friday. At least 30 people were killed, officials said. The attack comes amid a wave of bombings across the country.'), ['baghdad']);
  assert.deepEqual(placesOf('فجر انتحاري نفسه في مسجد ببغداد يوم الجمعة. وقتل 30 شخصا على الأقل. ويأتي الهجوم وسط موجة تفجيرات في أنحاء البلاد.'), ['baghdad']);
  assert.deepEqual(placesOf('Protests spread across Iran on Friday, a week after unrest in Zahedan. At least 20 people were killed, rights groups said.'), ['iran']);
});

test('a national body\'s figures that name no place are the country\'s in a wide article, not in a local one', () => {
  const wide = placesOf('Unrest has swept Iran for a week, with rallies in many cities. Police shot dead five protesters in Zahedan on Friday. The Interior Ministry said 300 rioters had been detained.');
  assert.deepEqual(wide, ['zahedan', 'iran']);
  // A bombing in a city with a ministry statement stays in the city.
  assert.deepEqual(placesOf('A car bomb exploded in Baghdad on Monday. The Iraqi Interior Ministry said 12 people were killed.'), ['baghdad']);
  assert.deepEqual(placesOf('انفجرت سيارة مفخخة في بغداد يوم الاثنين. وقالت وزارة الداخلية العراقية إن 12 شخصا قتلوا.'), ['baghdad']);
  assert.deepEqual(placesOf('یک بمب در زاهدان منفجر شد. وزارت کشور اعلام کرد ۸ نفر کشته شدند.'), ['zahedan']);
});

test('places listed together that cannot be one place locate the event at what contains them all', () => {
  assert.deepEqual(placesOf('Two bombings in Baghdad and Basra killed 30 people on Sunday.'), ['iraq']);
  assert.deepEqual(placesOf('قتل 30 شخصا في تفجيرين في بغداد والبصرة يوم الأحد.'), ['iraq']);
  assert.deepEqual(placesOf('در انفجارهای تهران و زاهدان ۱۲ نفر کشته شدند.'), ['iran']);
  // Two cities of one province: the province.
  assert.deepEqual(placesOf('در حملات خاش و زاهدان ۹ مامور پلیس کشته شدند.'), ['sistan']);
  // A city and the country it is in are one place.
  assert.deepEqual(placesOf('Gunmen killed four police officers in Zahedan and Iran\'s south-east was put on alert.'), ['zahedan']);
});

test('a place in no knowledge base named with a known city does not win over the city', () => {
  const a = wideAnalyzer.analyze({ text: 'قتل ثلاثة أشخاص في حي النور في مدينة زاهدان.' });
  assert.deepEqual(a.entities.filter((e) => e.type === 'place').map((e) => [e.entity.startsWith('unk:'), e.entity === 'zahedan']), [[true, false], [false, true]]);
  assert.deepEqual(placesOf('قتل ثلاثة أشخاص في حي النور في مدينة زاهدان.'), ['zahedan']);
});

test('where an event began does not locate it once it spread; alone, it still does', () => {
  assert.deepEqual(placesOf('The protests, which began in Zahedan, spread to Tehran, and at least 40 people were killed.'), ['iran']);
  assert.deepEqual(placesOf('اندلعت الاحتجاجات أولا في زاهدان ثم امتدت إلى مدن أخرى، وقتل فيها 15 شخصا.'), ['iran']);
  assert.deepEqual(placesOf('اعتراضات که از زاهدان آغاز شد به شهرهای دیگر گسترش یافت و دست‌کم ۳۰ نفر کشته شدند.'), ['iran']);
  assert.deepEqual(placesOf('Clashes that began in Zahedan on Tuesday killed four people.'), ['zahedan']);
  const a = wideAnalyzer.analyze({ text: 'Protests began in Zahedan and Khash on Friday.' });
  assert.deepEqual(a.entities.filter((e) => e.type === 'place').map((e) => [e.entity, !!e.origin]), [['zahedan', true], ['khash', true]]);
});

test('a wide phrase about one city keeps the event in the city', () => {
  assert.deepEqual(placesOf('Clashes continued in various parts of the city of Zahedan, and seven people were killed.'), ['zahedan']);
  assert.deepEqual(placesOf('تیراندازی در مناطق مختلف این شهر ادامه یافت و در زاهدان ۷ نفر کشته شدند.'), ['zahedan']);
  // A wide word before a city's name spreads nothing over a country; before a province's, it does.
  const wideOver = (text: string) => (wideAnalyzer.analyze({ text }).scopeCues ?? []).map((c) => c.place ?? c.kind);
  assert.deepEqual(wideOver('Gunmen opened fire throughout Zahedan on Friday, killing six people.'), []);
  assert.deepEqual(wideOver('Gunmen attacked police posts throughout Sistan and Baluchestan on Friday, killing six officers.'), ['sistan']);
  assert.deepEqual(wideOver('در سراسر ایران ۵۰۰ نفر بازداشت شدند.'), ['iran']);
});

const actorsIn = (body: string) => buildExport([wideDoc(body)], new Date('2026-11-22T00:00:00Z'), wideKb).events.flatMap((e) => (e.actors ?? []).map((a) => `${a.role}:${a.entity ?? a.name}`));

test('actors: the group that attacked and what it attacked, in each language', () => {
  assert.deepEqual(actorsIn('Islamic State gunmen attacked a police station in Zahedan on Monday, killing three officers.'), ['perpetrator:islamic-state', 'target:police station']);
  assert.deepEqual(actorsIn('هاجم مسلحو داعش حاجزا للجيش قرب البصرة، ما أدى إلى مقتل خمسة جنود.'), ['perpetrator:islamic-state', 'target:checkpoint']);
  assert.deepEqual(actorsIn('عناصر گروهک جیش العدل به یک پاسگاه پلیس در خاش حمله کردند و ۵ مامور پلیس کشته شدند.'), ['perpetrator:jaish-al-adl', 'target:police station']);
  // What the attackers came in is not what they attacked.
  assert.deepEqual(actorsIn('Gunmen aboard a bus attacked a checkpoint near Khash and killed two border guards.'), ['target:checkpoint']);
  // Killed militants of a group do not make it the attacker without an attack.
  assert.deepEqual(actorsIn('The army killed 15 Islamic State militants near Basra.'), []);
});

test('actors: the attacker after "by", على يد, توسط; a landmark attacked is the target entity; a raid on a group makes it no attacker', () => {
  assert.deepEqual(actorsIn('Police said the attack on the police station in Zahedan, which killed two officers, was carried out by Islamic State.'), ['perpetrator:islamic-state', 'target:police station']);
  assert.deepEqual(actorsIn('قتل ثلاثة جنود في هجوم على نقطة تفتيش في البصرة على يد مسلحين من داعش.'), ['perpetrator:islamic-state', 'target:checkpoint']);
  assert.deepEqual(actorsIn('در این حمله که توسط جیش العدل به یک ایست بازرسی در خاش انجام شد ۴ مرزبان کشته شدند.'), ['perpetrator:jaish-al-adl', 'target:checkpoint']);
  assert.deepEqual(actorsIn('Gunmen stormed the Makki Grand Mosque in Zahedan, killing 3 worshippers.'), ['target:makki']);
  assert.deepEqual(actorsIn('Security forces raided a hideout of Jaish al-Adl near Khash and killed three militants.'), []);
  // A square where clashes happened is where, not what was attacked.
  assert.deepEqual(actorsIn('Clashes at Azadi Square in Tehran killed four protesters.'), []);
});

test('actors: who claimed responsibility, and no one when the claim is denied', () => {
  assert.deepEqual(actorsIn('Jaish al-Adl claimed responsibility for the attack on a checkpoint near Khash that killed four border guards.'), ['claimant:jaish-al-adl', 'target:checkpoint']);
  assert.deepEqual(actorsIn('أعلنت جماعة جيش العدل مسؤوليتها عن تفجير حافلة في زاهدان قتل فيه 9 أشخاص.'), ['claimant:jaish-al-adl', 'target:bus']);
  assert.deepEqual(actorsIn('گروه داعش مسئولیت این حمله را بر عهده گرفت که در آن ۱۲ نفر در بغداد کشته شدند.'), ['claimant:islamic-state']);
  assert.deepEqual(actorsIn('Jaish al-Adl has not claimed responsibility for the bombing in Tehran that killed 8 people.'), []);
  assert.deepEqual(actorsIn('لم يعلن تنظيم داعش مسؤوليته عن التفجير الذي قتل 8 أشخاص في بغداد.'), []);
  assert.deepEqual(actorsIn('مسئولیت این انفجار را که ۸ نفر را در تهران کشت هیچ گروهی بر عهده نگرفته است.'), []);
});

test('actors of one event across sources: their union, with the documents that name each; in the CSV too', () => {
  const docs = [
    { path: 'en.txt', analysis: wideAnalyzer.analyze({ text: '---\ndate: 2023-03-05\n---\nIslamic State gunmen attacked a police station in Baghdad on Sunday, killing four police officers.\n' }) },
    { path: 'ar.txt', analysis: wideAnalyzer.analyze({ text: '---\ndate: 2023-03-05\n---\nتبنى تنظيم داعش الهجوم على مركز للشرطة في بغداد الذي أسفر عن مقتل أربعة شرطيين.\n' }) },
  ];
  const data = buildExport(docs, new Date('2026-11-22T00:00:00Z'), wideKb);
  assert.equal(data.events.length, 1);
  assert.deepEqual(data.events[0].actors, [
    { role: 'perpetrator', entity: 'islamic-state', name: 'Islamic State', documents: ['d1'] },
    { role: 'claimant', entity: 'islamic-state', name: 'Islamic State', documents: ['d2'] },
    { role: 'target', entity: null, name: 'police station', documents: ['d1', 'd2'] },
  ]);
  const csv = toCsv(data, wideKb).split('\r\n');
  assert.match(csv[0], /,actors$/);
  assert.match(csv[1], /perpetrator: Islamic State; claimant: Islamic State; target: police station"?$/);
});

test('another event named to tell a time does not locate the event; alone in the lead, it still does', () => {
  const a = wideAnalyzer.analyze({ text: 'Two weeks after the Zahedan attacks, police arrested five armed men in Tehran.' });
  assert.deepEqual(a.entities.filter((e) => e.type === 'place').map((e) => [e.entity, !!e.reference]), [['zahedan', true], ['tehran', false]]);
  assert.deepEqual(placesOf('بعد أسبوعين من هجمات زاهدان اعتقلت الشرطة خمسة مسلحين في طهران.'), ['tehran']);
  assert.deepEqual(placesOf('پس از حملات زاهدان، پلیس ۵ فرد مسلح را در تهران بازداشت کرد.'), ['tehran']);
  assert.deepEqual(placesOf('Police arrested five suspects after the attack in Zahedan.'), ['zahedan']);
  // Later in an article, too, unless the sentence is dated on its own.
  assert.deepEqual(placesOf('Gunmen killed two police officers in Tehran on Monday. In Baghdad, police arrested 3 suspects after the Zahedan bombing. Police arrested 4 suspects after the Zahedan bombing.'), ['tehran', 'baghdad', 'zahedan']);
});

test('days without a year in an article without a date still tell its events apart', () => {
  const events = (body: string) => buildExport([{ path: 'a.txt', analysis: wideAnalyzer.analyze({ text: body }) }], new Date('2026-11-22T00:00:00Z'), wideKb).events;
  const en = events('Gunmen attacked a police station in Zahedan on 5 June, killing three officers. On 26 June, police arrested two members of the cell in Zahedan.');
  assert.equal(en.length, 2, JSON.stringify(en.map((e) => e.figures.map((f) => f.kind))));
  assert.ok(en.every((e) => e.date === null));
  const ar = events('هاجم مسلحون مركزا للشرطة في زاهدان في الخامس من يونيو وقتلوا ثلاثة شرطيين. وفي السادس والعشرين من يونيو اعتقلت الشرطة اثنين من أعضاء الخلية في زاهدان.');
  assert.equal(ar.length, 2, JSON.stringify(ar.map((e) => e.figures.map((f) => f.kind))));
  // The same day named twice is one event.
  assert.equal(events('Gunmen attacked a police station in Zahedan on 5 June, killing three officers. Police arrested two of the attackers on 5 June.').length, 1);
});

test('a report over a whole country and one of a single city link only on a figure they share', () => {
  const separate = exportOf(
    doc('wide.txt', '2022-01-08', 'More than 1,200 people were detained across Kazakhstan on Friday, the interior ministry said.'),
    doc('local.txt', '2022-01-08', 'Five people were killed in Almaty on Friday when security forces opened fire.'),
  );
  assert.deepEqual(separate.events.map((e) => e.sources.join(',')).sort(), ['d1', 'd2']);
  assert.deepEqual(separate.events.map((e) => e.location?.entity).sort(), ['almaty', 'kazakhstan']);
  const shared = exportOf(
    doc('wide.txt', '2022-01-08', 'More than 1,200 people were detained across Kazakhstan on Friday, the interior ministry said.'),
    doc('other.txt', '2022-01-08', 'Security forces detained more than 1,200 people across Kazakhstan on Friday.'),
  );
  assert.equal(shared.events.length, 1);
});

test('reports dated a day apart across the turn of a month are compared (blocks by week, not by calendar month)', () => {
  const e = exportOf(
    doc('a.txt', '2016-07-02', 'Three police officers were killed in Almaty on 30 June.'),
    doc('b.txt', '2016-07-02', 'Three police officers were killed in Almaty on 1 July.'),
  );
  assert.equal(e.events.length, 1, JSON.stringify(e.events.map((x) => [x.date, x.sources])));
});

test('one sentence with figures in two cities tells of two events, in every language', () => {
  for (const [lang, body] of [
    ['en', 'Five people were killed in Almaty and three in Taraz on Monday.'],
    ['ar', 'قتل خمسة أشخاص في ألماتي وثلاثة في تراز يوم الاثنين.'],
    ['fa', 'روز دوشنبه پنج نفر در آلماتی و سه نفر در تراز کشته شدند.'],
  ] as const) {
    const e = exportOf(doc(`${lang}.txt`, '2016-07-19', body));
    const where = e.events.map((x) => `${x.location?.entity}:${x.figures.map((f) => f.estimate.low).join(',')}`).sort();
    assert.deepEqual(where, ['almaty:5', 'taraz:3'], `${lang}: ${JSON.stringify(e.events.map((x) => [x.location, x.figures.map((f) => f.reports.map((r) => r.text))]))}`);
  }
  // A hometown or a place inside the first one does not split the event.
  const one = exportOf(doc('en.txt', '2016-07-19', 'Five people were killed in Boralday near Almaty on Monday, and three were wounded in Almaty.'));
  assert.equal(one.events.length, 1);
});

test('undated reports of the same vague count of the same people in the same place are one event; elsewhere they are not', () => {
  const bare = (path: string, body: string) => ({ path, analysis: analyzer.analyze({ text: `${body}\n` }) });
  const e = exportOf(
    bare('a.txt', 'Police killed dozens of rioters in Almaty during the unrest.'),
    bare('b.txt', 'قتلت الشرطة العشرات من مثيري الشغب في ألماتي خلال الاضطرابات.'),
    bare('c.txt', 'Police killed dozens of rioters in Taraz during the unrest.'),
  );
  assert.deepEqual(e.events.map((x) => x.sources.join(',')).sort(), ['d1,d2', 'd3']);
});

test('a report is of the type its words give most often; "attack" and "arrest" only when nothing says more', () => {
  const typeOf = (body: string) => frameDocument(doc('t.md', '2022-01-06', body).analysis, 0, knowledge).map((f) => f.type);
  // One exchange of fire among riots: riots.
  assert.deepEqual(typeOf('Amid the riots in Almaty, an exchange of fire broke out near the square. Police said 24 rioters were killed in the riots.'), ['riot']);
  assert.deepEqual(typeOf('وسط أعمال الشغب في ألماتي وقع تبادل لإطلاق النار قرب الساحة. وقالت الشرطة إن 24 من مثيري الشغب قتلوا خلال أعمال الشغب.'), ['riot']);
  // A bombing called an attack twice is still a bombing; arrests after an attack are part of the attack.
  assert.deepEqual(typeOf('A bomb exploded in Almaty, killing 3 people. The attack was the worst this year, and after the attack police arrested 2 men.'), ['bombing']);
  assert.deepEqual(typeOf('Gunmen attacked a checkpoint in Taraz, killing 2 guards; police arrested 4 suspects after the attack.'), ['attack']);
});
