/**
 * The editor's side of curation in the server: the quick fixes offered on a figure, on a conflict
 * diagnostic and on a name, each anchored to its words (found again by `findAnchor`); the service
 * that writes them to the folder's `.khabar/curation.json` (paths relative to the folder, `moveTo`'s
 * other article too), adds entities to the knowledge file, lists the corrections and clears the
 * stale ones; and what the user types (values, dates, coordinates).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { createAnalyzer, createKnowledgeBase } from '../../server/src/core';
import { findAnchor } from '../../server/src/core/curation';
import { loadLexicons } from '../../server/src/node/lexicons';
import { curationActions, type AskArguments, type CurationActionData } from '../../server/src/host/curationActions';
import { CurationService, newEntityId } from '../../server/src/host/curationService';
import { HostState } from '../../server/src/host/state';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { pathToUri } from '../../server/src/workspaceFiles';
import { parseDate, parseLatLon, parseValue } from '../../client/src/curationInput';
import { root } from './helpers';

const { knowledge } = createKnowledgeBase([{ origin: 'test', entities: [
  { id: 'kabul', type: 'place', name: 'Kabul', kind: 'city', names: { en: ['Kabul'] }, coordinates: [69.18, 34.52] },
  { id: 'taliban', type: 'organization', name: 'Taliban', names: { en: ['Taliban'] } },
] }]);
const analyzer = createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')), knowledge });
const TEXT = 'A suicide bomber killed 12 civilians in Kabul on Monday, police said. The clash happened in the village of Boralday.';
const URI = 'file:///ws/kabul.txt';

function actionsAt(words: string, diagnostics: { code: string; words: string }[] = []): CodeAction[] {
  const analysis = analyzer.analyze({ text: TEXT, uri: URI });
  const start = TEXT.indexOf(words) + 1;
  return curationActions({
    uri: URI, text: TEXT, analysis, start, end: start,
    diagnostics: diagnostics.map((d) => {
      const s = TEXT.indexOf(d.words);
      return { diagnostic: { source: 'khabar', code: d.code, message: '', range: { start: { line: 0, character: s }, end: { line: 0, character: s + d.words.length } } }, start: s, end: s + d.words.length };
    }),
  });
}

const dataOf = (a: CodeAction) => (a.command?.command === 'khabar.curation.apply' ? (a.command.arguments?.[0] as CurationActionData) : undefined);
const askOf = (a: CodeAction) => a.command?.arguments?.[0] as AskArguments | undefined;

test('on a figure: not a casualty figure, each other kind, each other group, a value to type, approximate; each anchored to the figure\'s words', () => {
  const actions = actionsAt('12 civilians');
  const ops = actions.map((a) => { const d = dataOf(a); return d?.khabar === 'corrections' ? d.corrections[0].change : askOf(a)?.correction?.change; });
  assert.deepEqual(ops.map((c) => c?.op), ['notCasualty', 'kind', 'kind', 'group', 'group', 'group', 'group', 'group', 'value', 'approximate']);
  assert.deepEqual(ops.filter((c) => c?.op === 'kind').map((c) => (c as { kind: string }).kind), ['injured', 'arrested']);
  assert.ok(!ops.some((c) => c?.op === 'group' && (c as { group: string }).group === 'civilians'), 'not the group it has');
  assert.deepEqual(ops.at(-1), { op: 'approximate', approximate: true });
  assert.ok(actions.every((a) => a.kind === 'quickfix'));
  const value = actions.find((a) => askOf(a)?.ask === 'value')!;
  assert.equal(value.command?.command, 'khabar.curation.ask');
  assert.deepEqual(askOf(value)?.current, { low: 12, high: 12 });
  const first = dataOf(actions[0]);
  assert.ok(first?.khabar === 'corrections');
  assert.deepEqual(findAnchor(TEXT, first.corrections[0].target), { start: TEXT.indexOf('12 civilians'), end: TEXT.indexOf('12 civilians') + '12 civilians'.length });
  assert.equal(actions[0].edit, undefined, 'the edit is made when the fix runs (the file read then)');
});

test('on a conflict diagnostic: adjudicate (asks a reason, preferred), an update, not a disagreement, with the diagnostic; other diagnostics give none', () => {
  const actions = actionsAt('12 civilians', [{ code: 'conflict', words: '12 civilians' }]);
  const [adjudicate, update, notConflict] = actions;
  assert.equal(askOf(adjudicate)?.ask, 'reason');
  assert.equal(askOf(adjudicate)?.correction?.change.op, 'adjudicate');
  assert.equal(adjudicate.isPreferred, true);
  assert.equal((dataOf(update) as { corrections: { change: { op: string } }[] }).corrections[0].change.op, 'update');
  assert.equal((dataOf(notConflict) as { corrections: { change: { op: string } }[] }).corrections[0].change.op, 'notConflict');
  assert.equal(update.diagnostics?.[0].code, 'conflict');
  assert.equal(actionsAt('12 civilians', [{ code: 'vague', words: '12 civilians' }]).length, actionsAt('12 civilians').length);
});

test('on a name: not a name and another spelling; a name in no knowledge base can be added as a place (coordinates asked), person or organisation', () => {
  const known = actionsAt('Kabul');
  assert.deepEqual(known.map((a) => dataOf(a)?.khabar === 'corrections' ? 'notName' : askOf(a)?.ask), ['notName', 'sameAs']);
  assert.deepEqual(askOf(known[1])?.current, { type: 'place' });
  const unknown = actionsAt('Boralday');
  assert.equal(unknown.length, 5);
  assert.equal(askOf(unknown[2])?.ask, 'coordinates');
  assert.equal(askOf(unknown[2])?.entity?.text, 'Boralday');
  const person = dataOf(unknown[3]);
  assert.equal(person?.khabar === 'knowledge' && person.entity.type, 'person');
  assert.deepEqual(actionsAt('suicide'), [], 'no figure or name there: no fix');
});

/** A workspace folder on disk with an article, and a service whose edits are applied to the files. */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-curation-'));
  mkdirSync(join(dir, 'articles'));
  writeFileSync(join(dir, 'articles', 'a.txt'), TEXT);
  writeFileSync(join(dir, 'articles', 'b.txt'), 'Another report: 14 civilians were killed in Kabul.');
  const state = new HostState();
  state.configure(DEFAULT_SETTINGS, [pathToUri(dir)]);
  state.knowledge = knowledge;
  const labels: string[] = [];
  const apply = (edit: WorkspaceEdit) => {
    for (const c of edit.documentChanges ?? []) {
      if (!('textDocument' in c)) continue;
      const file = new URL(c.textDocument.uri).pathname;
      let text = '';
      try { text = readFileSync(file, 'utf8'); } catch { mkdirSync(join(file, '..'), { recursive: true }); }
      writeFileSync(file, TextDocument.applyEdits(TextDocument.create(c.textDocument.uri, 'json', 1, text), (c as TextDocumentEdit).edits as never));
    }
  };
  const service = new CurationService({
    state,
    applyEdit: async (label, edit) => { labels.push(label); apply(edit); return true; },
    author: async () => 'Leila',
    articleText: async (uri) => { try { return readFileSync(new URL(uri).pathname, 'utf8'); } catch { return null; } },
    openText: () => undefined,
  });
  return { dir, service, labels, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('service: corrections go to the folder\'s .khabar/curation.json with paths relative to the folder; listed, found again, and cleared once stale', async () => {
  const { dir, service, done } = workspace();
  try {
    const a = pathToUri(join(dir, 'articles', 'a.txt')), b = pathToUri(join(dir, 'articles', 'b.txt'));
    const s = TEXT.indexOf('12 civilians');
    const target = { type: 'figure' as const, exact: '12 civilians', prefix: TEXT.slice(s - 32, s), suffix: TEXT.slice(s + 12, s + 44), start: s };
    assert.equal((await service.addCorrections([{ uri: a, target, change: { op: 'notCasualty' } }])).applied, true);
    const moved = await service.addCorrections([{ uri: b, target: { type: 'document' }, change: { op: 'moveTo', document: a }, reason: ' same attack ' }]);
    assert.equal(moved.applied, true);
    const file = JSON.parse(readFileSync(join(dir, '.khabar', 'curation.json'), 'utf8'));
    assert.deepEqual(file.corrections.map((c: { document: string }) => c.document), ['articles/a.txt', 'articles/b.txt']);
    assert.deepEqual(file.corrections[1].change, { op: 'moveTo', document: 'articles/a.txt' });
    assert.equal(file.corrections[1].reason, 'same attack');
    assert.equal(file.corrections[1].by, 'Leila');
    assert.deepEqual(moved.ids, [file.corrections[1].id]);
    let list = await service.corrections();
    assert.deepEqual(list.map((c) => [c.stale, c.range?.start.character ?? null]), [[false, s], [false, null]]);
    assert.equal((await service.clearStale()).removed, 0);
    writeFileSync(join(dir, 'articles', 'a.txt'), TEXT.replace('12 civilians', 'twelve people'));
    list = await service.corrections();
    assert.deepEqual(list.map((c) => c.stale), [true, false]);
    const cleared = await service.clearStale();
    assert.equal(cleared.removed, 1);
    const after = JSON.parse(readFileSync(join(dir, '.khabar', 'curation.json'), 'utf8'));
    assert.deepEqual(after.corrections.map((c: { id: string }) => c.id), [file.corrections[1].id]);
  } finally {
    done();
  }
});

test('service: an article outside the workspace folders, or a curation file that does not parse, writes nothing and says why', async () => {
  const { dir, service, labels, done } = workspace();
  try {
    const outside = await service.addCorrections([{ uri: 'file:///elsewhere/x.txt', target: { type: 'document' }, change: { op: 'split' } }]);
    assert.equal(outside.applied, false);
    assert.match(outside.message ?? '', /workspace folder/);
    mkdirSync(join(dir, '.khabar'));
    writeFileSync(join(dir, '.khabar', 'curation.json'), '{"corrections": [');
    const broken = await service.addCorrections([{ uri: pathToUri(join(dir, 'articles', 'a.txt')), target: { type: 'document' }, change: { op: 'split' } }]);
    assert.equal(broken.applied, false);
    assert.match(broken.message ?? '', /curation\.json is not a JSON object/);
    assert.deepEqual(labels, [], 'nothing applied');
    assert.deepEqual(await service.addCorrections(undefined as never), { applied: false, message: 'No correction to add.' });
    const a = pathToUri(join(dir, 'articles', 'a.txt'));
    const bad = await service.addCorrections([{ uri: a, target: { type: 'document' }, change: { op: 'value', low: 'ten' } as never }]);
    assert.match(bad.message ?? '', /cannot write this correction: .*(low|value)/, bad.message);
    assert.match((await service.addCorrections([{ uri: a } as never])).message ?? '', /needs an article \(uri\) and a change/);
    assert.deepEqual(labels, [], 'nothing applied');
  } finally {
    done();
  }
});

test('service: a name added to the workspace knowledge base as a place, with its coordinates, under a fresh id', async () => {
  const { dir, service, done } = workspace();
  try {
    const r = await service.addKnowledge({ uri: pathToUri(join(dir, 'articles', 'a.txt')), type: 'place', text: 'بورالداي', language: 'ar', name: 'Boralday', coordinates: [76.9, 43.3] });
    assert.equal(r.applied, true);
    const kb = JSON.parse(readFileSync(join(dir, '.khabar', 'knowledge.json'), 'utf8'));
    assert.deepEqual(kb.entities, [{ id: 'boralday', type: 'place', name: 'Boralday', names: { ar: ['بورالداي'], en: ['Boralday'] }, coordinates: [76.9, 43.3] }]);
    assert.equal(newEntityId('Kabul', (id) => knowledge.entities.has(id)), 'kabul-2');
    assert.deepEqual(service.knowledgeEntities('organization'), [{ id: 'taliban', name: 'Taliban' }]);
    assert.deepEqual(service.knowledgeEntities('alien'), []);
  } finally {
    done();
  }
});

test('what the user types: values, dates, coordinates', () => {
  assert.deepEqual(parseValue('150'), { low: 150, high: 150 });
  assert.deepEqual(parseValue(' 10 - 12 '), { low: 10, high: 12 });
  assert.deepEqual(parseValue('1,200+'), { low: 1200, high: null });
  for (const bad of ['', 'ten', '12-10', '-3', '1.5']) assert.equal(parseValue(bad), null, bad);
  assert.deepEqual(parseDate('2026-12-07'), { start: '2026-12-07', end: '2026-12-07', precision: 'day' });
  assert.deepEqual(parseDate('2024-02'), { start: '2024-02-01', end: '2024-02-29', precision: 'month' });
  assert.deepEqual(parseDate('2026'), { start: '2026-01-01', end: '2026-12-31', precision: 'year' });
  assert.deepEqual(parseDate('2026-12-06..2026-12-07'), { start: '2026-12-06', end: '2026-12-07', precision: 'day' });
  for (const bad of ['2026-13', '2026-02-30', '2026-12-07..2026-12-01', 'yesterday', '']) assert.equal(parseDate(bad), null, bad);
  assert.deepEqual(parseLatLon('34.52, 69.18'), [34.52, 69.18]);
  assert.equal(parseLatLon('134.52, 69.18'), null);
});
