/**
 * Applying corrections to one analysis (issue 18, core/curationApply.ts): each figure change (kind,
 * group, value, approximate, not a casualty figure) and name change (not a name, another spelling of
 * a known entity) changes that mention only, marks it with the correction, keeps the analysis as
 * made untouched, and survives an edit of the article; words no figure is read from, an unknown
 * entity or words gone are findings that change nothing; no correction gives the same object.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeAnchor, type Correction, type CurationChange } from '../../server/src/core/curation';
import { curateDocument } from '../../server/src/core/curationApply';
import { createAnalyzer } from '../../server/src/core';
import { loadKnowledge } from '../../server/src/node/knowledge';
import { loadLexicons } from '../../server/src/node/lexicons';
import { root } from './helpers';

const TEXT = readFileSync(join(root, 'samples', 'shiraz-shrine-attack.en.article'), 'utf8');
const kb = loadKnowledge(join(root, 'knowledge')).knowledge;
const analyzer = createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')), knowledge: kb });
const analysis = analyzer.analyze({ text: TEXT });
/** Where the body begins (after the front matter, whose title repeats words of it). */
const BODY = TEXT.indexOf('SHIRAZ, Iran');

/** A correction of the words `words` (their first occurrence in the body) with a change. */
function correction(id: string, words: string, type: 'figure' | 'name', change: CurationChange): Correction {
  const at = TEXT.indexOf(words, BODY + 1);
  assert.ok(at >= 0, words);
  return { id, document: 'a.article', target: makeAnchor(TEXT, at, at + words.length, type), change, reason: `because ${id}` };
}
const run = (text: string, list: Correction[]) => curateDocument(text, analysis, list.map((correction, order) => ({ correction, order })), kb);
const figureAt = (a: typeof analysis, words: string, text = TEXT) => {
  const at = text.indexOf(words, text.indexOf('SHIRAZ, Iran') + 1);
  return a.figures.find((f) => f.start <= at && at < f.end);
};

test('no correction of figures or names: the same analysis object', () => {
  assert.equal(run(TEXT, []).analysis, analysis);
  assert.equal(run(TEXT, [{ id: 'd', document: 'a.article', target: { type: 'document' }, change: { op: 'split' } }]).analysis, analysis);
});

test('figure changes: kind, group, value and approximate, each marked with its correction; the analysis as made is untouched', () => {
  const before = figureAt(analysis, 'at least 15 people')!;
  assert.deepEqual([before.kind, before.group, before.low, before.high], ['killed', 'people', 15, null]);
  const r = run(TEXT, [
    correction('k', 'at least 15 people', 'figure', { op: 'value', low: 16, high: 16 }),
    correction('g', 'at least 15 people', 'figure', { op: 'group', group: 'civilians' }),
    correction('a', 'at least 15 people', 'figure', { op: 'approximate', approximate: true }),
  ]);
  assert.deepEqual(r.findings, []);
  const after = figureAt(r.analysis, 'at least 15 people')!;
  assert.deepEqual([after.kind, after.group, after.low, after.high, after.approximate], ['killed', 'civilians', 16, 16, true]);
  assert.deepEqual(after.curation!.map((c) => [c.id, c.order, c.reason]), [['k', 0, 'because k'], ['g', 1, 'because g'], ['a', 2, 'because a']]);
  assert.equal(figureAt(analysis, 'at least 15 people')!.curation, undefined);
  assert.equal(r.analysis.figures.length, analysis.figures.length);
  const kind = run(TEXT, [correction('w', 'dozens', 'figure', { op: 'kind', kind: 'arrested' })]);
  assert.equal(figureAt(kind.analysis, 'dozens')!.kind, 'arrested');
});

test('not a casualty figure: the figure is dropped; the others stay', () => {
  const r = run(TEXT, [correction('n', 'dozens', 'figure', { op: 'notCasualty' })]);
  assert.equal(r.analysis.figures.length, analysis.figures.length - 1);
  assert.equal(figureAt(r.analysis, 'dozens'), undefined);
  assert.ok(figureAt(r.analysis, 'at least 15 people'));
});

test('names: not a name drops the mention; another spelling of a known entity makes it that entity, marked', () => {
  const shiraz = analysis.entities.find((m) => m.text === 'Shiraz' && m.start > BODY + 1)!;
  assert.ok(shiraz, analysis.entities.map((m) => m.text).join(', '));
  const dropped = run(TEXT, [correction('x', 'Shiraz', 'name', { op: 'notName' })]);
  assert.equal(dropped.analysis.entities.length, analysis.entities.length - 1);
  const tehran = [...kb.entities.values()].find((e) => e.type === 'place' && e.name === 'Tehran')!;
  const same = run(TEXT, [correction('s', 'Shiraz', 'name', { op: 'sameAs', entity: tehran.id })]);
  const m = same.analysis.entities.find((x) => x.start === shiraz.start)!;
  assert.deepEqual([m.entity, m.name, m.inKnowledgeBase, m.curation?.[0].id], [tehran.id, 'Tehran', true, 's']);
  const unknown = run(TEXT, [correction('u', 'Shiraz', 'name', { op: 'sameAs', entity: 'no-such-entity' })]);
  assert.deepEqual(unknown.findings.map((f) => [f.id, f.code, f.value]), [['u', 'curation-unknown-entity', 'no-such-entity']]);
  assert.equal(unknown.analysis, analysis);
});

test('corrections follow their words across an edit; words gone, or no figure there, are findings that change nothing', () => {
  const edited = 'Editor\'s note: updated with the governor\'s statement.\n\n' + TEXT.replace('state media reported', 'the state news agency IRNA reported');
  const moved = analyzer.analyze({ text: edited });
  const list = [correction('k', 'at least 15 people', 'figure', { op: 'value', low: 16, high: 16 })];
  const r = curateDocument(edited, moved, list.map((correction, order) => ({ correction, order })), kb);
  assert.deepEqual(r.findings, []);
  assert.equal(figureAt(r.analysis, 'at least 15 people', edited)!.low, 16);
  const gone = curateDocument(edited.replace('at least 15 people', 'at least 17 people'), moved, list.map((correction, order) => ({ correction, order })), kb);
  assert.deepEqual(gone.findings.map((f) => [f.code, f.value]), [['curation-anchor-lost', 'at least 15 people']]);
  const nothing = run(TEXT, [correction('t', 'marble floor', 'figure', { op: 'notCasualty' })]);
  assert.deepEqual(nothing.findings.map((f) => f.code), ['curation-no-target']);
  assert.equal(nothing.analysis, analysis);
});
