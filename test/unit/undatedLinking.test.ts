import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createAnalyzer, createKnowledgeBase } from '../../server/src/core';
import { buildExport } from '../../server/src/core/export';
import { loadLexicons } from '../../server/src/node/lexicons';
import { root } from './helpers';

// Our own small knowledge base: two countries, two cities of one, a district of a city.
const { knowledge } = createKnowledgeBase([{ origin: 'test', entities: [
  { id: 'afghanistan', type: 'place', name: 'Afghanistan', kind: 'country', names: { en: ['Afghanistan'], ar: ['أفغانستان'], fa: ['افغانستان'] }, coordinates: [66, 34] },
  { id: 'kabul', type: 'place', name: 'Kabul', kind: 'city', country: 'afghanistan', names: { en: ['Kabul'], ar: ['كابل', 'كابول'], fa: ['کابل'] }, coordinates: [69.17, 34.53] },
  { id: 'herat', type: 'place', name: 'Herat', kind: 'city', country: 'afghanistan', names: { en: ['Herat'], ar: ['هرات'], fa: ['هرات'] }, coordinates: [62.2, 34.35] },
  { id: 'iran', type: 'place', name: 'Iran', kind: 'country', names: { en: ['Iran'], ar: ['إيران'], fa: ['ایران'] }, coordinates: [53, 32] },
  { id: 'tehran', type: 'place', name: 'Tehran', kind: 'city', country: 'iran', names: { en: ['Tehran'], ar: ['طهران'], fa: ['تهران'] }, coordinates: [51.39, 35.69] },
  { id: 'khorasan', type: 'place', name: 'Razavi Khorasan', kind: 'province', country: 'iran', names: { en: ['Razavi Khorasan'], ar: ['خراسان رضوي'], fa: ['خراسان رضوی'] }, coordinates: [59, 35.5] },
  { id: 'mashhad', type: 'place', name: 'Mashhad', kind: 'city', country: 'iran', names: { en: ['Mashhad'], ar: ['مشهد'], fa: ['مشهد'] }, coordinates: [59.6, 36.3] },
  { id: 'new-zealand', type: 'place', name: 'New Zealand', kind: 'country', names: { en: ['New Zealand'], ar: ['نيوزيلندا'], fa: ['نیوزیلند'] }, coordinates: [174, -41] },
  { id: 'wellington', type: 'place', name: 'Wellington', kind: 'city', country: 'new-zealand', names: { en: ['Wellington'], ar: ['ولينغتون'], fa: ['ولینگتون'] }, coordinates: [174.78, -41.29] },
] }]);
const analyzer = createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')), knowledge });
/** An article without front matter or dateline: no publication date, as most files copied from a page. */
const undated = (path: string, body: string) => ({ path, analysis: analyzer.analyze({ text: `${body}\n` }) });
const dated = (path: string, published: string, body: string) => ({ path, analysis: analyzer.analyze({ text: `---\ndate: ${published}\n---\n${body}\n` }) });
const exportOf = (...docs: { path: string; analysis: ReturnType<typeof analyzer.analyze> }[]) => buildExport(docs, new Date('2026-12-07T00:00:00Z'), knowledge);
/** The first figure of a kind across the export's events. */
const figureOf = (e: ReturnType<typeof exportOf>, kind: string) => e.events.flatMap((x) => x.figures).find((f) => f.kind === kind);
const summary = (e: ReturnType<typeof exportOf>) => JSON.stringify(e.events.map((x) => [x.type, x.location?.entity, x.sources, x.figures.map((f) => `${f.kind}/${f.group}/${f.estimate.low}`)]));

test('undated reports of one bombing in one city, in three languages and with tolls that differ, are one event', () => {
  const e = exportOf(
    undated('en.txt', 'A suicide car bomb exploded near a crowded market in Kabul, killing 41 people and wounding 90, officials said.'),
    undated('ar.txt', 'انفجرت سيارة مفخخة قرب سوق مزدحم في كابل، ما أسفر عن مقتل 45 شخصا وإصابة 97 آخرين.'),
    undated('fa.txt', 'در انفجار یک خودروی بمب‌گذاری‌شده در نزدیکی بازاری در کابل ۳۸ نفر کشته و ۸۵ نفر زخمی شدند.'),
  );
  const kabul = e.events.filter((x) => x.location?.entity === 'kabul');
  assert.equal(kabul.length, 1, summary(e));
  assert.deepEqual(kabul[0].sources, ['d1', 'd2', 'd3']);
  const killed = kabul[0].figures.find((f) => f.kind === 'killed')!;
  assert.equal(killed.conflict, true, 'three sources, three tolls, none later than the others');
});

test('an undated report joins the dated report of its event, and takes its date as inferred', () => {
  const e = exportOf(
    dated('a.txt', '2021-04-10', 'Gunmen stormed a wedding hall in Herat on Saturday, killing 12 guests.'),
    undated('b.txt', 'مسلحون اقتحموا قاعة أفراح في مدينة هرات وقتلوا 12 من المدعوين.'),
  );
  assert.equal(e.events.length, 1, summary(e));
  const ev = e.events[0];
  assert.deepEqual(ev.sources, ['d1', 'd2']);
  assert.equal(ev.date?.start, '2021-04-10');
  const inferred = (ev as { sourceDates?: { document: string; basis: string }[] }).sourceDates ?? [];
  assert.equal(inferred.find((s) => s.document === 'd2')?.basis, 'inferred', JSON.stringify(inferred));
  assert.notEqual(inferred.find((s) => s.document === 'd1')?.basis, 'inferred');
});

test('two attacks in one city stay apart: tolls that cannot be one event\'s, or different dates', () => {
  const tolls = exportOf(
    undated('a.txt', 'A bomb hidden in a cart killed 2 people at a bus stop in Kabul.'),
    undated('b.txt', 'در حمله انتحاری به یک مسجد در کابل ۶۰ نفر کشته شدند.'),
  );
  assert.equal(tolls.events.filter((x) => x.location?.entity === 'kabul').length, 2, summary(tolls));
  const dates = exportOf(
    dated('a.txt', '2020-03-01', 'A roadside bomb killed 6 soldiers in Kabul on Sunday.'),
    dated('b.txt', '2020-05-20', 'A roadside bomb killed 6 soldiers in Kabul on Wednesday.'),
  );
  assert.equal(dates.events.length, 2, summary(dates));
});

test('undated reports of events in two cities of one country are not linked', () => {
  const e = exportOf(
    undated('a.txt', 'Gunmen attacked a police checkpoint in Herat, killing 7 officers.'),
    undated('b.txt', 'مسلحون هاجموا نقطة تفتيش للشرطة في كابل وقتلوا 7 من عناصرها.'),
  );
  assert.equal(e.events.length, 2, summary(e));
});

test('a dateline after the headline is where the report was filed, not where the event happened', () => {
  const en = exportOf(undated('en.txt', 'Gunmen kill 9 at shrine\nTehran (Agency) – Nine pilgrims were killed when gunmen opened fire at a shrine in Mashhad.'));
  assert.equal(en.events[0]?.location?.entity, 'mashhad', summary(en));
  const ar = exportOf(undated('ar.txt', 'هجوم على ضريح. طهران (وكالات) قتل تسعة زوار في هجوم مسلح على ضريح بمدينة مشهد.'));
  assert.equal(ar.events[0]?.location?.entity, 'mashhad', summary(ar));
  const fa = exportOf(undated('fa.txt', 'حمله به زائران\nتهران - در حمله افراد مسلح به حرمی در مشهد ۹ زائر کشته شدند.'));
  assert.equal(fa.events[0]?.location?.entity, 'mashhad', summary(fa));
});

test('a time zone or an outlet named after a city does not locate the event', () => {
  const fa = exportOf(undated('fa.txt', 'پلیس بامداد یکشنبه به وقت تهران اعلام کرد که در تیراندازی به دو مسجد در ولینگتون ۱۲ نفر کشته شدند.'));
  assert.equal(fa.events[0]?.location?.entity, 'wellington', summary(fa));
  const en = exportOf(undated('en.txt', 'Police said at 9 a.m. Tehran time that 12 people were killed in a shooting at two mosques in Wellington.'));
  assert.equal(en.events[0]?.location?.entity, 'wellington', summary(en));
  const ar = exportOf(undated('ar.txt', 'أعلنت الشرطة صباح الأحد بتوقيت طهران مقتل 12 شخصا في إطلاق نار على مسجدين في ولينغتون.'));
  assert.equal(ar.events[0]?.location?.entity, 'wellington', summary(ar));
  const outlet = exportOf(undated('fa.txt', 'به گزارش مشهد نیوز، در تیراندازی به دو مسجد در ولینگتون ۱۲ نفر کشته شدند.'));
  assert.equal(outlet.events[0]?.location?.entity, 'wellington', summary(outlet));
});

test('conflicts a reader can trust: a count that rose days later is an update; "about" is close, not loose', () => {
  const later = exportOf(
    dated('a.txt', '2021-04-10', 'A car bomb killed 20 people in Kabul on Saturday.'),
    dated('b.txt', '2021-04-14', '31 people were killed by the car bomb in Kabul on Saturday, officials said on Wednesday.'),
  );
  const k1 = figureOf(later, 'killed')!;
  assert.equal(k1.conflict, false, summary(later));
  assert.equal(k1.update, true);
  const about = exportOf(
    dated('a.txt', '2021-04-10', 'A car bomb in Kabul wounded about 320 people on Saturday.'),
    dated('b.txt', '2021-04-10', 'در انفجار خودروی بمب‌گذاری‌شده در کابل ۳۴۶ نفر زخمی شدند.'),
  );
  const w = figureOf(about, 'injured')!;
  assert.equal(w?.conflict, true, summary(about));
});

test('a source that says the toll rose disagrees with a same-day lower count, unless it cites that count as the earlier one', () => {
  const sameDay = exportOf(
    undated('a.txt', 'قالت السلطات إن عدد قتلى الهجوم على السوق في هرات ارتفع إلى 29 شخصا.'),
    undated('b.txt', 'در حمله به بازار هرات ۱۲ نفر کشته شدند.'),
  );
  const k = figureOf(sameDay, 'killed');
  assert.equal(k?.conflict, true, summary(sameDay));
  const cited = exportOf(
    undated('a.txt', 'The death toll from the attack on the market in Herat rose to 29, after officials had earlier reported 12 killed.'),
    undated('b.txt', 'در حمله به بازار هرات ۱۲ نفر کشته شدند.'),
  );
  const c = figureOf(cited, 'killed');
  assert.equal(c?.conflict, false, summary(cited));
  assert.equal(c?.update, true);
});

test('a count an article gives as an earlier one is superseded: no conflict with the source that gave it', () => {
  const en = exportOf(
    undated('a.txt', 'Officials now say 20 people were killed in the market bombing in Herat. Earlier reports said 36 people were killed.'),
    undated('b.txt', 'قتل 36 شخصا في تفجير السوق في هرات.'),
  );
  const k = figureOf(en, 'killed');
  assert.equal(k?.conflict, false, summary(en));
  const fa = exportOf(
    undated('a.txt', 'در انفجار بازار هرات ۲۰ نفر کشته شدند. پیش‌تر گزارش شده بود که ۳۶ نفر کشته شده‌اند.'),
    undated('b.txt', 'قتل 36 شخصا في تفجير السوق في هرات.'),
  );
  const kf = figureOf(fa, 'killed');
  assert.equal(kf?.conflict, false, summary(fa));
  // Without the words that make it an earlier count, two counts in two sources disagree.
  const plain = exportOf(
    undated('a.txt', 'Officials say 20 people were killed in the market bombing in Herat.'),
    undated('b.txt', 'قتل 36 شخصا في تفجير السوق في هرات.'),
  );
  assert.equal(figureOf(plain, 'killed')?.conflict, true, summary(plain));
});

test('the same weekday named is evidence for undated reports that share nothing else but place and type', () => {
  const friday = exportOf(
    undated('a.txt', 'Two soldiers were killed in Kabul on Friday.'),
    undated('b.txt', 'قتل أربعة من رجال الشرطة في كابل يوم الجمعة.'),
  );
  assert.equal(friday.events.filter((x) => x.location?.entity === 'kabul').length, 1, summary(friday));
  const none = exportOf(
    undated('a.txt', 'Two soldiers were killed in Kabul.'),
    undated('b.txt', 'قتل أربعة من رجال الشرطة في كابل.'),
  );
  assert.equal(none.events.filter((x) => x.location?.entity === 'kabul').length, 2, summary(none));
});

test('a figure dated years before publication is background, even when the article\'s event has no date of its own', () => {
  for (const body of [
    'Gunmen killed 4 cyclists near Herat. The civil war that ended in 1997 killed some 50,000 people.',
    'قتل مسلحون 4 من راكبي الدراجات قرب هرات. وأودت الحرب الأهلية التي انتهت عام 1997 بحياة 50 ألف شخص.',
    'افراد مسلح ۴ دوچرخه‌سوار را در نزدیکی هرات کشتند. در جنگ داخلی که در سال ۱۹۹۷ پایان یافت ۵۰ هزار نفر کشته شدند.',
  ]) {
    const e = exportOf(dated('a.txt', '2018-07-30', body));
    const herat = e.events.find((x) => x.figures.some((f) => f.estimate.low === 4));
    assert.ok(herat, summary(e));
    assert.ok(!herat.figures.some((f) => f.estimate.low === 50000), `the background toll joined the event: ${summary(e)}`);
    assert.notEqual(herat.date?.start?.slice(0, 4), '1997', summary(e));
  }
});

test('"at least 63 killed" and "63 killed" are one count: undated reports that name only the country link on it', () => {
  const e = exportOf(
    undated('en.txt', 'At least 63 people were killed when gunmen attacked a mosque in Iran, state media said.'),
    undated('ar.txt', 'قتل 63 شخصا في هجوم مسلح على مسجد في إيران.'),
    undated('fa.txt', 'در حمله مسلحانه به یک مسجد در ایران ۶۳ نفر کشته شدند.'),
  );
  const lows = e.events.flatMap((x) => x.figures).filter((f) => f.kind === 'killed').flatMap((f) => f.reports.map((r) => [r.low, r.high]));
  assert.ok(lows.some(([, high]) => high === null) && lows.some(([low, high]) => high === low), `one lower bound, one point: ${JSON.stringify(lows)}`);
  assert.equal(e.events.length, 1, summary(e));
  assert.deepEqual(e.events[0].sources, ['d1', 'd2', 'd3']);
  assert.equal(figureOf(e, 'killed')?.conflict, false);
});

test('a report published the day after a dated report of its province, its words undated, is the same news; one published before that date is not', () => {
  const e = exportOf(
    dated('a.txt', '2019-06-08', 'A bomb exploded at a mosque in Razavi Khorasan on Friday, killing 12 worshippers.'),
    dated('b.txt', '2019-06-08', 'در انفجار بمب در یک مسجد در خراسان رضوی ۱۹ نمازگزار کشته شدند.'),
    dated('c.txt', '2019-06-05', 'انفجار قنبلة في مسجد في خراسان رضوي أسفر عن مقتل 40 مصليا.'),
  );
  const withA = e.events.find((x) => x.sources.includes('d1'))!;
  assert.deepEqual(withA.sources, ['d1', 'd2'], summary(e));
  assert.equal(withA.figures.find((f) => f.kind === 'killed')?.conflict, true, summary(e));
});

test('a dateline in capitals with a colon is where the report was filed: the event is where the text puts it', () => {
  const e = exportOf(
    undated('en.txt', '15 dead in shrine attack\nTEHRAN: On Wednesday gunmen stormed a shrine in Mashhad and killed 15 pilgrims, state television said.\n\nThe broadcaster said 40 more were wounded in the attack on the shrine in Mashhad.'),
  );
  assert.equal(e.events.length, 1, summary(e));
  assert.equal(e.events[0].location?.entity, 'mashhad');
  // A headline that names the place with a colon is no dateline: the event is there.
  const headline = exportOf(undated('h.txt', 'Herat: gunmen kill 12 at a wedding hall\nGunmen stormed a wedding hall on Saturday, killing 12 guests.'));
  assert.equal(headline.events[0]?.location?.entity, 'herat', summary(headline));
});

test('a weekday is resolved against a full date near it, not one told far later as background', () => {
  for (const [lang, body] of [
    ['en', 'A gunman attacked the shrine in Mashhad on Sunday, wounding 3 worshippers.\nPolice arrested the attacker at the scene.\nThe shrine reopened in the evening.\nOfficials praised the guards.\nLast year armed men carried out a similar attack on the shrine.\nOn October 26, 2022, a gunman killed 15 pilgrims at the shrine.'],
    ['ar', 'هاجم مسلح المرقد في مشهد يوم الأحد مما أدى إلى إصابة 3 مصلين.\nواعتقلت الشرطة المهاجم في المكان.\nوأعيد فتح المرقد مساء.\nوأشاد المسؤولون بالحراس.\nوفي العام الماضي نفذ مسلحون هجوما مماثلا على المرقد.\nوفي 26 أكتوبر 2022 قتل مسلح 15 زائرا في المرقد.'],
    ['fa', 'یک مرد مسلح روز یکشنبه به حرم در مشهد حمله کرد و ۳ نمازگزار زخمی شدند.\nپلیس مهاجم را در محل دستگیر کرد.\nحرم عصر دوباره باز شد.\nمسئولان از نگهبانان قدردانی کردند.\nسال گذشته افراد مسلح حمله مشابهی به حرم انجام دادند.\nدر ۲۶ اکتبر ۲۰۲۲ یک مرد مسلح ۱۵ زائر را در حرم کشت.'],
  ] as const) {
    const a = analyzer.analyze({ text: `${body}\n` });
    const sunday = a.dates.find((d) => d.value.weekday === 0);
    assert.ok(sunday, `${lang}: the weekday is read`);
    assert.equal(sunday.value.start, null, `${lang}: no full date near it, so no day: ${JSON.stringify(sunday.value)}`);
    const e = exportOf({ path: `${lang}.txt`, analysis: a });
    const wounded = e.events.find((x) => x.figures.some((f) => f.kind === 'injured'));
    assert.equal(wounded?.date ?? null, null, `${lang}: the attack of the article keeps no date: ${summary(e)}`);
  }
});

test('undated reports of one place that name different weekdays are two attacks', () => {
  const e = exportOf(
    undated('a.txt', 'A gunman attacked a shrine in Mashhad on Sunday, wounding 2 pilgrims; police arrested 1 attacker.'),
    undated('b.txt', 'روز چهارشنبه مردان مسلح به حرمی در مشهد حمله کردند و ۱۵ زائر را کشتند؛ پلیس ۱ مهاجم را دستگیر کرد.'),
  );
  assert.equal(e.events.length, 2, summary(e));
});

test('a date told as the day after the attack is not the attack\'s date', () => {
  for (const [lang, body] of [
    ['en', 'A truck drove into a crowd in Herat, killing 30 people.\nOn Friday, the day after the attack, the government declared a day of mourning.\nThe attack happened on Thursday night during a festival.'],
    ['ar', 'اقتحمت شاحنة حشدا في هرات مما أسفر عن مقتل 30 شخصا.\nوفي يوم الجمعة، غداة الهجوم، أعلنت الحكومة الحداد.\nووقع الهجوم ليلة الخميس خلال مهرجان.'],
    ['fa', 'یک کامیون به جمعیتی در هرات زد و ۳۰ نفر کشته شدند.\nروز جمعه، یک روز پس از حمله، دولت عزای عمومی اعلام کرد.\nاین حمله شب پنجشنبه در جریان یک جشنواره رخ داد.'],
  ] as const) {
    const e = exportOf(dated(`${lang}.txt`, '2021-04-15', body));
    const killed = e.events.filter((x) => x.figures.some((f) => f.kind === 'killed'));
    assert.equal(killed.length, 1, `${lang}: ${summary(e)}`);
    assert.equal(killed[0].date?.start, '2021-04-15', `${lang}: ${JSON.stringify(killed[0].date)}`);
  }
});
