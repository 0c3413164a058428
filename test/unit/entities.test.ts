import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createAnalyzer, createKnowledgeBase, crossScriptKey } from '../../server/src/core';
import { loadKnowledge } from '../../server/src/node/knowledge';
import { loadLexicons } from '../../server/src/node/lexicons';
import { root } from './helpers';

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
