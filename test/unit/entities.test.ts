import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createAnalyzer, createKnowledgeBase, crossScriptKey } from '../../server/src/core';
import { loadKnowledge } from '../../server/src/node/knowledge';
import { loadLexicons } from '../../server/src/node/lexicons';
import { bundledAnalyzer, root } from './helpers';

const { knowledge, problems } = createKnowledgeBase([{ origin: 'test', entities: [
  { id: 'kazakhstan', type: 'place', name: 'Kazakhstan', kind: 'country', names: { en: ['Kazakhstan'], ar: ['كازاخستان', 'قازاخستان'], fa: ['قزاقستان'] } },
  { id: 'almaty', type: 'place', name: 'Almaty', kind: 'city', country: 'kazakhstan', names: { en: ['Almaty', 'Alma-Ata'], ar: ['ألماتي', 'ألما آتا'], fa: ['آلماتی'] }, coordinates: [76.95, 43.25] },
  { id: 'astana', type: 'place', name: 'Astana', kind: 'city', country: 'kazakhstan', names: { en: ['Astana', 'Nur-Sultan'], ar: ['أستانا'] }, aliasesAmbiguous: ['نور سلطان'] },
  { id: 'nursultan-nazarbayev', type: 'person', name: 'Nursultan Nazarbayev', country: 'kazakhstan', names: { en: ['Nursultan Nazarbayev'], ar: ['نور سلطان نزارباييف', 'نزارباييف'], fa: ['نورسلطان نظربایف'] }, aliasesAmbiguous: ['نور سلطان'], roles: [{ role: 'President of Kazakhstan' }] },
  { id: 'russia', type: 'place', name: 'Russia', kind: 'country', names: { en: ['Russia'], ar: ['روسيا'] } },
  { id: 'interior-ministry-kz', type: 'organization', name: 'Ministry of Internal Affairs of Kazakhstan', names: { ar: ['وزارة الداخلية'], fa: ['وزارت کشور'] } },
] }]);
const analyzer = createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')), knowledge });
const ents = (text: string) => analyzer.analyze({ text }).entities.map((e) => `${e.type}:${e.entity}:${e.text}`);

test('the knowledge base loads without problems', () => assert.deepEqual(problems, []));

test('names across scripts and spellings, with clitics', () => {
  assert.deepEqual(ents('وقع الهجوم في ألماتي أمس.'), ['place:almaty:ألماتي']);
  assert.deepEqual(ents('وقع الهجوم بألما آتا وفي قازاخستان.'), ['place:almaty:بألما آتا', 'place:kazakhstan:قازاخستان']);
  assert.deepEqual(ents('در آلماتي و قزاقستان'), ['place:almaty:آلماتي', 'place:kazakhstan:قزاقستان']);
  assert.deepEqual(ents('Police in Alma-Ata said so.'), ['place:almaty:Alma-Ata']);
  assert.deepEqual(ents('أعلنت وزارة الداخلية'), ['organization:interior-ministry-kz:وزارة الداخلية']);
});

test('the adjective is not the country: الروسية is not روسيا', () => {
  assert.deepEqual(ents('قالت وزارة الخارجية الروسية').filter((e) => e.includes('russia')), []);
});

test('ambiguity resolved by context and by the longest name', () => {
  assert.deepEqual(ents('قال الرئيس نور سلطان نزارباييف'), ['person:nursultan-nazarbayev:نور سلطان نزارباييف']);
  assert.deepEqual(ents('في العاصمة نور سلطان'), ['place:astana:نور سلطان']);
  assert.deepEqual(ents('قال الرئيس نور سلطان'), ['person:nursultan-nazarbayev:نور سلطان']);
});

test('names in no knowledge base: found by cue, romanized, one id across scripts', () => {
  const ar = analyzer.analyze({ text: 'وقع الاشتباك في قرية بورالداي.' }).entities;
  const en = analyzer.analyze({ text: 'The clash happened in the village of Boralday.' }).entities;
  assert.equal(ar.length, 1);
  assert.equal(en.length, 1);
  assert.equal(ar[0].inKnowledgeBase, false);
  assert.equal(ar[0].entity, en[0].entity);
  assert.equal(crossScriptKey('بورالداي'), crossScriptKey('boralday'));
  const fa = analyzer.analyze({ text: 'در روستای بورالدای درگیری رخ داد.' }).entities;
  assert.equal(fa[0]?.entity, ar[0].entity);
});

test('a workspace knowledge file adds names; a malformed one is reported and the rest still loads', () => {
  const ws = loadKnowledge(join(root, 'knowledge'), [{ origin: '.khabar/knowledge.json', text: JSON.stringify({ entities: [{ id: 'almaty', names: { ar: ['الماتا'] } }, { id: 'x', type: 'alien' }] }) }]);
  assert.ok(ws.problems.some((p) => p.origin === '.khabar/knowledge.json' && /type/.test(p.message)));
  assert.ok(ws.knowledge.entities.get('almaty')?.names.ar?.includes('الماتا'));
  assert.ok(ws.knowledge.entities.size > 500);
  const broken = loadKnowledge(join(root, 'knowledge'), [{ origin: 'k.json', text: '{"entities": [' }]);
  assert.ok(broken.problems.some((p) => p.origin === 'k.json'));
  assert.ok(broken.knowledge.entities.size > 500);
});

test('a generic name of several bodies: the country of the whole article decides, and a country after the name is a place of its own', () => {
  const { knowledge: kb } = createKnowledgeBase([{ origin: 'test', entities: [
    { id: 'kazakhstan', type: 'place', name: 'Kazakhstan', kind: 'country', names: { en: ['Kazakhstan'], ar: ['كازاخستان'], fa: ['قزاقستان'] } },
    { id: 'almaty', type: 'place', name: 'Almaty', kind: 'city', country: 'kazakhstan', names: { en: ['Almaty'], ar: ['ألماتي'], fa: ['آلماتی'] } },
    { id: 'iran', type: 'place', name: 'Iran', kind: 'country', names: { en: ['Iran'], ar: ['إيران'], fa: ['ایران'] } },
    { id: 'uae', type: 'place', name: 'United Arab Emirates', kind: 'country', names: { en: ['United Arab Emirates', 'UAE'] } },
    { id: 'moi-kz', type: 'organization', name: 'Ministry of Internal Affairs of Kazakhstan', country: 'kazakhstan', names: { en: ['Ministry of Internal Affairs of Kazakhstan'], ar: ['وزارة الداخلية في كازاخستان'], fa: ['وزارت کشور قزاقستان'] }, aliasesAmbiguous: ['Interior Ministry', 'Ministry of Internal Affairs', 'وزارة الداخلية', 'وزارت کشور'] },
    { id: 'moi-ir', type: 'organization', name: 'Ministry of Interior of Iran', country: 'iran', names: { en: ['Iranian Interior Ministry'], fa: ['وزارت کشور ایران'] }, aliasesAmbiguous: ['Interior Ministry', 'وزارة الداخلية', 'وزارت کشور'] },
    { id: 'moi-uae', type: 'organization', name: 'UAE Interior Ministry', country: 'uae', names: { en: ['UAE Interior Ministry'] }, aliasesAmbiguous: ['Interior Ministry', 'وزارة الداخلية'] },
  ] }]);
  const a = createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')), knowledge: kb });
  const found = (text: string) => a.analyze({ text }).entities.map((e) => `${e.type}:${e.entity}:${e.text}`);
  // The country comes after the name, in the same or a later sentence.
  assert.deepEqual(found('The Interior Ministry said three people were killed. The attack took place in Almaty.'), ['organization:moi-kz:Interior Ministry', 'place:almaty:Almaty']);
  assert.deepEqual(found('وزارت کشور اعلام کرد سه نفر در آلماتی کشته شدند.'), ['organization:moi-kz:وزارت کشور', 'place:almaty:آلماتی']);
  // No country anywhere: no body is guessed ("UAE Interior Ministry" shares its vowel-less key with
  // the generic name); the name is a body's all the same, one of no knowledge base.
  assert.deepEqual(found('The Interior Ministry said so.'), ['organization:unk:organization:ntrmnstr:Interior Ministry']);
  assert.deepEqual(a.analyze({ text: 'The Interior Ministry said so.' }).entities.map((e) => e.inKnowledgeBase), [false]);
  // The country right after the generic name, with or without a linking word.
  assert.deepEqual(found('به گفته وزارت کشور قزاقستان، سه نفر کشته شدند.'), ['organization:moi-kz:وزارت کشور', 'place:kazakhstan:قزاقستان']);
  assert.deepEqual(found('قالت وزارة الداخلية في كازاخستان إن ثلاثة قتلوا.'), ['organization:moi-kz:وزارة الداخلية', 'place:kazakhstan:كازاخستان']);
  assert.deepEqual(found('The Ministry of Internal Affairs of Kazakhstan said so.'), ['organization:moi-kz:Ministry of Internal Affairs', 'place:kazakhstan:Kazakhstan']);
});

test('a place named like a particle and a function word (وان: و + أن) is that word in Arabic, the place in Persian or with a cue', () => {
  const bundled = bundledAnalyzer();
  const places = (text: string) => bundled.analyze({ text }).entities.filter((e) => e.type === 'place').map((e) => e.entity);
  // Sentences of my own: the particle readings ("and that", "that it", "as if") name no place.
  assert.deepEqual(places('وأكد المتحدث وأن الهجوم وقع بأنه لم يكن في الموصل.'), ['mosul']);
  assert.deepEqual(places('وقال الشهود كأنه زلزال ضرب المدينة، وأنها لم تشهد مثله.'), []);
  assert.deepEqual(places('وأوضح البيان وأنا أرى أن الوضع هادئ في البصرة.'), ['basra']);
  // The places themselves: after a cue in Arabic; in Persian, where the name is no word.
  assert.deepEqual(places('قتل ثلاثة أشخاص في هجوم على مدينة بانه الإيرانية.'), ['baneh']);
  assert.deepEqual(places('انفجار في ولاية وان شرقي تركيا.'), ['van-province', 'turkey']);
  assert.deepEqual(places('در حمله‌ای در بانه در استان کردستان سه نفر کشته شدند.'), ['baneh', 'kurdistan-province']);
});

test('a small place named like a word with a pronoun (دويه: دوي + ه "its boom") needs context', () => {
  const bundled = bundledAnalyzer();
  const places = (text: string) => bundled.analyze({ text }).entities.filter((e) => e.type === 'place').map((e) => e.entity);
  assert.deepEqual(places('وتحدث الشهود عن انفجار سمع دويه في أرجاء الحي.'), []);
  assert.deepEqual(places('وقع انفجار في مدينة دويه شمال فرنسا.'), ['douai', 'france']);
  assert.deepEqual(places('A blast was heard in Douai, northern France.'), ['douai', 'france']);
});

test('جمعیت is a crowd or a population in the news, not the head of a body; the Red Crescent societies are known', () => {
  const bundled = bundledAnalyzer();
  const names = (text: string) => bundled.analyze({ text }).entities.map((e) => `${e.type}:${e.entity}`);
  assert.deepEqual(names('راننده کامیون به سمت جمعیت حاضر در ساحل رانندگی کرد.'), []);
  assert.deepEqual(names('این شهر ۴۰۰ هزار نفر از جمعیت کشور را در خود جای داده است.'), []);
  assert.deepEqual(names('جمعیت هلال احمر اعلام کرد که ۱۲ نفر در انفجار کرمان زخمی شدند.'), ['organization:iranian-red-crescent', 'place:kerman']);
  assert.deepEqual(names('وقال الهلال الأحمر الإيراني إن 20 شخصا أصيبوا.'), ['organization:iranian-red-crescent']);
  assert.deepEqual(names('The Red Crescent said 40 people were wounded in Kabul.'), ['organization:afghan-red-crescent', 'place:kabul']);
});

test('"an armed group" describes a body and names none; a name after the description is still one', () => {
  const bundled = bundledAnalyzer();
  const orgs = (text: string) => bundled.analyze({ text }).entities.filter((e) => e.type === 'organization').map((e) => e.entity);
  assert.deepEqual(orgs('واتهمت السلطات جماعة مسلحة بالوقوف وراء الهجوم.'), []);
  assert.deepEqual(orgs('وتبنت منظمة إرهابية مجهولة التفجير.'), []);
  assert.deepEqual(orgs('یک گروه تروریستی مسئولیت حمله را پذیرفت.'), []);
  assert.deepEqual(orgs('An armed group claimed the attack.'), []);
  assert.deepEqual(orgs('مسئولیت این حمله را گروه تروریستی داعش بر عهده گرفت.'), ['isis']);
  assert.deepEqual(orgs('وتبنت جماعة أنصار الله الهجوم.'), ['houthis']);
});

test('"the terrorist group Daesh", "the Daesh organisation": the epithet describes the group, the name is Daesh', () => {
  const bundled = bundledAnalyzer();
  const orgs = (text: string) => bundled.analyze({ text }).entities.filter((e) => e.type === 'organization').map((e) => `${e.entity}:${e.text}`);
  assert.deepEqual(orgs('مسئولیت این حمله را گروه تروریستی داعش بر عهده گرفت.'), ['isis:داعش']);
  assert.deepEqual(orgs('وأعلنت قناة تابعة لتنظيم داعش أن التنظيم تبنى الهجوم.'), ['isis:داعش']);
  assert.deepEqual(orgs('وتبنى تنظيم الدولة الإسلامية الهجوم.'), ['isis:تنظيم الدولة الإسلامية']);
  assert.deepEqual(orgs('The Islamic State group claimed the attack.'), ['isis:Islamic State group']);
  // "affiliated to": the head describes a body belonging to the one named after.
  assert.deepEqual(orgs('یک گروه وابسته به داعش مسئولیت حمله را پذیرفت.'), ['isis:داعش']);
  assert.deepEqual(orgs('وقالت جماعة موالية لطالبان إنها نفذت الهجوم.'), ['taliban:لطالبان']);
  assert.deepEqual(orgs('Security Forces affiliated with the Taliban arrested two men.'), ['taliban:Taliban']);
});
