/**
 * The writer of `.khabar/curation.json` (and `.yaml`) and of the workspace knowledge file: a new
 * file is created and filled, an existing one gets the entry appended and keeps its formatting,
 * ids stay unique, `by` only when an author is set, a file that does not parse is refused with a
 * clear message, and entries are taken out again.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { addCorrectionsEdit, appendEntriesEdit, CurationEditError, newCorrectionId, removeEntriesEdit, type CorrectionDraft, type KhabarFile } from '../../server/src/host/curationEdits';

const URI = 'file:///ws/.khabar/curation.json';
const NOW = { now: new Date('2026-12-07T19:30:00.123Z') };

const draft: CorrectionDraft = {
  document: 'articles/kabul.txt',
  target: { type: 'figure', exact: '90 people', prefix: 'the blast killed at least ', suffix: ' and wounded 400', start: 412 },
  change: { op: 'value', low: 150, high: null },
  reason: 'later toll from the ministry',
};

/** The text of the file after the edit (the edits of its one TextDocumentEdit applied), and whether the edit creates it. */
function applied(file: KhabarFile, edit: WorkspaceEdit): { text: string; creates: boolean } {
  const changes = edit.documentChanges ?? [];
  const creates = changes.some((c) => 'kind' in c && c.kind === 'create' && c.uri === file.uri);
  const edits = changes.filter((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === file.uri).flatMap((c) => c.edits);
  return { text: TextDocument.applyEdits(TextDocument.create(file.uri, 'json', 1, file.text ?? ''), edits as never), creates };
}

test('a correction creates the curation file when there is none: version 1, one entry, id, reason and time, no author', () => {
  const file = { uri: URI, text: null };
  const { edit, ids } = addCorrectionsEdit(file, [draft], NOW);
  const { text, creates } = applied(file, edit);
  assert.ok(creates, 'the file is created');
  const json = JSON.parse(text);
  assert.equal(json.version, 1);
  assert.equal(json.corrections.length, 1);
  const [c] = json.corrections;
  assert.match(c.id, /^c-[0-9a-f]{6}$/);
  assert.deepEqual(ids, [c.id]);
  assert.deepEqual(c.target, draft.target);
  assert.deepEqual(c.change, draft.change);
  assert.equal(c.reason, draft.reason);
  assert.equal(c.at, '2026-12-07T19:30:00Z');
  assert.equal('by' in c, false, 'no author set: no by');
  assert.ok(text.split('\n').length > 10, 'pretty-printed, a field a line');
});

test('a correction is appended to an existing file after its last entry, the rest of the file untouched', () => {
  const first = applied({ uri: URI, text: null }, addCorrectionsEdit({ uri: URI, text: null }, [draft], NOW).edit).text;
  const file = { uri: URI, text: first };
  const second: CorrectionDraft = { document: 'a.txt', target: { type: 'document' }, change: { op: 'split' } };
  const { edit } = addCorrectionsEdit(file, [second], { ...NOW, author: ' Leila ' });
  const changes = edit.documentChanges as TextDocumentEdit[];
  assert.equal(changes.length, 1, 'no file created');
  const [{ range }] = changes[0].edits;
  assert.ok(range.start.line >= first.split('\n').length - 5, `the edit is at the end of the list, not line ${range.start.line}`);
  const text = applied(file, edit).text;
  assert.ok(text.startsWith(first.slice(0, first.lastIndexOf('}\n  ]'))), 'the first entry is as it was');
  const json = JSON.parse(text);
  assert.equal(json.corrections.length, 2);
  assert.equal(json.corrections[1].by, 'Leila');
  assert.notEqual(json.corrections[1].id, json.corrections[0].id);
});

test('the file\'s indentation is kept (tabs), and a file without a corrections list gets one', () => {
  const file = { uri: URI, text: '{\n\t"version": 1\n}\n' };
  const text = applied(file, addCorrectionsEdit(file, [draft], NOW).edit).text;
  assert.equal(JSON.parse(text).corrections.length, 1);
  assert.match(text, /\n\t"corrections": \[\n\t\t\{/);
});

test('a YAML curation file gets the entry appended, its comments kept', () => {
  const uri = 'file:///ws/.khabar/curation.yaml';
  const file = { uri, text: '# corrections of the Kabul articles\nversion: 1\ncorrections:\n  - id: c-000001\n    document: a.txt\n    target: {type: document}\n    change: {op: split}\n' };
  const text = applied(file, addCorrectionsEdit(file, [draft], NOW).edit).text;
  assert.ok(text.startsWith('# corrections of the Kabul articles\n'), text);
  const y = parseYaml(text);
  assert.equal(y.corrections.length, 2);
  assert.equal(y.corrections[0].id, 'c-000001');
  assert.deepEqual(y.corrections[1].change, draft.change);
  const created = applied({ uri, text: null }, addCorrectionsEdit({ uri, text: null }, [draft], NOW).edit).text;
  assert.equal(parseYaml(created).corrections[0].target.exact, '90 people');
});

test('a file that does not parse is refused with a message naming it, and nothing is written', () => {
  for (const text of ['{"version": 1, "corrections": [', '[1, 2]', '{"corrections": 3}']) {
    assert.throws(() => addCorrectionsEdit({ uri: URI, text }, [draft], NOW), (e: unknown) => e instanceof CurationEditError && /curation\.json/.test(e.message), text);
  }
  assert.throws(() => addCorrectionsEdit({ uri: 'file:///ws/.khabar/curation.yaml', text: 'corrections: [\n' }, [draft], NOW), CurationEditError);
});

test('ids are unique within the file, also one with comments', () => {
  const file = { uri: URI, text: '{\n  // the Kabul corrections\n  "corrections": [\n    {"id": "c-aaaaaa"}\n  ]\n}\n' };
  const text = applied(file, addCorrectionsEdit(file, [draft], NOW).edit).text;
  assert.ok(text.includes('// the Kabul corrections'), 'the comment is kept');
  assert.ok(text.includes('{"id": "c-aaaaaa"},'), 'the entry before is left as it is');
  const taken = new Set<string>();
  for (let i = 0; i < 200; i++) taken.add(newCorrectionId('same seed', taken));
  assert.equal(taken.size, 200);
});

test('a place added to the workspace knowledge file: appended to its entities', () => {
  const uri = 'file:///ws/.khabar/knowledge.json';
  const file = { uri, text: '{\n  "entities": [\n    {"id": "a", "type": "place", "name": "A", "names": {"en": ["A"]}}\n  ]\n}\n' };
  const entity = { id: 'b', type: 'place', name: 'B', names: { en: ['B'] }, coordinates: [1, 2] };
  const text = applied(file, appendEntriesEdit(file, 'entities', [entity])).text;
  assert.deepEqual(JSON.parse(text).entities.map((e: { id: string }) => e.id), ['a', 'b']);
  assert.ok(text.includes('{"id": "a", "type": "place", "name": "A", "names": {"en": ["A"]}}'), 'the existing entry keeps its line');
});

test('entries are taken out (the stale ones), the others kept; nothing to take out is no edit', () => {
  let text: string | null = null;
  for (const exact of ['one', 'two', 'three']) {
    const file: KhabarFile = { uri: URI, text };
    text = applied(file, addCorrectionsEdit(file, [{ ...draft, target: { ...draft.target, exact } as CorrectionDraft['target'] }], NOW).edit).text;
  }
  const file = { uri: URI, text };
  const edit = removeEntriesEdit(file, 'corrections', [0, 2]);
  assert.ok(edit);
  const left = JSON.parse(applied(file, edit).text).corrections;
  assert.deepEqual(left.map((c: { target: { exact: string } }) => c.target.exact), ['two']);
  assert.equal(removeEntriesEdit(file, 'corrections', []), null);
  const yaml = { uri: 'file:///ws/.khabar/curation.yaml', text: 'corrections:\n  - id: a\n  - id: b\n' };
  assert.deepEqual(parseYaml(applied(yaml, removeEntriesEdit(yaml, 'corrections', [0])!).text).corrections, [{ id: 'b' }]);
});
