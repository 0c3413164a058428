/**
 * The language server's workspace helpers, in plain Node: file URIs as VS Code spells them, the walk
 * of the workspace under include/exclude, reading article files, the workspace knowledge file and
 * where its parse errors lie, the Events view's model and the entity hover.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArticleFilter } from '../../server/src/articles';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { canonicalUri, languageIdForPath, listArticleFiles, pathToUri, readArticleFile } from '../../server/src/workspaceFiles';
import { isWorkspaceKnowledgePath, KnowledgeLoader, locateProblems, positionOf } from '../../server/src/knowledgeFiles';
import { entityAppearances, entityHoverMarkdown, eventsDocument, eventView } from '../../server/src/views';
import { createAnalyzer, createKnowledgeBase, createWorkspaceIndex } from '../../server/src/core';
import { loadKnowledge, parseKnowledgeFile } from '../../server/src/node/knowledge';
import { loadLexicons } from '../../server/src/node/lexicons';
import { root, sharedAnalyzer } from './helpers';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'khabar-unit-'));
}

test('file URIs: spelled as VS Code spells them, so editor documents and files on disk share a key', () => {
  assert.equal(pathToUri('/ws/news/a.txt'), 'file:///ws/news/a.txt');
  assert.equal(pathToUri('/ws/my news/خبر.txt'), 'file:///ws/my%20news/%D8%AE%D8%A8%D8%B1.txt');
  assert.equal(pathToUri('/ws/a(1)+b,c@d!.md'), 'file:///ws/a%281%29%2Bb%2Cc%40d%21.md');
  assert.equal(pathToUri('C:\\Users\\x\\a.txt'), 'file:///c%3A/Users/x/a.txt');
  assert.equal(canonicalUri('file:///ws/a(1).md'), 'file:///ws/a%281%29.md');
  assert.equal(canonicalUri('file:///ws/%D8%AE.txt'), 'file:///ws/%D8%AE.txt');
  assert.equal(canonicalUri('untitled:Untitled-1'), 'untitled:Untitled-1');
  assert.equal(languageIdForPath('/a/b.article'), 'news-article');
  assert.equal(languageIdForPath('/a/b.MD'), 'markdown');
  assert.equal(languageIdForPath('/a/b.txt'), 'plaintext');
});

test('workspace walk: include and exclude globs, excluded folders not entered, sorted', async () => {
  const dir = tempDir();
  try {
    for (const f of ['a.txt', 'b.article', 'c.md', 'README.md', 'notes.log', 'sub/d.txt', 'sub/deeper/e.md', 'node_modules/pkg/f.md', '.khabar/knowledge.json']) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), 'x');
    }
    const filter = new ArticleFilter({ ...DEFAULT_SETTINGS, workspaceFolders: [pathToUri(dir)], ignoreCase: false });
    assert.ok(filter.excludesFolder(`${dir}/node_modules`));
    assert.ok(!filter.excludesFolder(`${dir}/sub`));
    assert.equal(filter.folderOf(`${dir}/sub/d.txt`), dir);
    assert.equal(filter.folderOf('/elsewhere/x.txt'), undefined);
    const { files, truncated } = await listArticleFiles([dir], filter);
    assert.equal(truncated, false);
    assert.deepEqual(files.map((f) => f.slice(dir.length + 1)), ['a.txt', 'b.article', 'c.md', 'sub/d.txt', 'sub/deeper/e.md']);
    const capped = await listArticleFiles([dir], filter, { maxFiles: 2 });
    assert.equal(capped.truncated, true);
    assert.equal(capped.files.length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('reading article files: the size limit, UTF-16, binary refused, missing files', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(3000));
    writeFileSync(join(dir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('قتل', 'utf16le')]));
    writeFileSync(join(dir, 'bin.txt'), Buffer.from([1, 0, 2, 3]));
    assert.deepEqual(await readArticleFile(join(dir, 'big.txt'), 2), { kind: 'too-large', sizeKB: 3000 / 1024 });
    assert.equal((await readArticleFile(join(dir, 'big.txt'), 4)).kind, 'text');
    assert.deepEqual(await readArticleFile(join(dir, 'utf16.txt'), 4), { kind: 'text', text: 'قتل', encoding: 'utf-16le', warnings: [] });
    assert.equal((await readArticleFile(join(dir, 'bin.txt'), 4)).kind, 'unreadable');
    assert.deepEqual(await readArticleFile(join(dir, 'nope.txt'), 4), { kind: 'missing' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('knowledge file: parse error positions from the parsers (jsonc-parser offsets for JSON, yaml line and column)', () => {
  const text = '{\n  "entities": [\n    { "id": "x",, }\n  ]\n}\n';
  const where = (origin: string, t: string) => locateProblems(t, parseKnowledgeFile(origin, t).problems).map((p) => [p.line, p.character]);
  assert.deepEqual(where('k.json', text), [[2, 16]]);
  assert.deepEqual(where('k.json', '{"entities": [\n  {"id": "y"},\n'), [[2, 0]], 'the end of a truncated file');
  assert.deepEqual(where('k.yaml', 'entities:\n  - id: x\n a: [\n'), [[2, 0]]);
  assert.deepEqual(where('k.json', '{"entities": 3}'), [[0, 0]], 'no parse error: the top of the file');
  assert.deepEqual(positionOf('ab\r\ncd\ne', 7), { line: 2, character: 0 });
  const [p] = locateProblems(text, parseKnowledgeFile('k.json', text).problems);
  assert.equal(p.line, 2);
  assert.match(p.message, /cannot parse/);
  assert.match(p.message, /analysis goes on with the bundled knowledge base/);
  const [q] = locateProblems(text, [{ origin: 'x', index: 0, message: '"x": coordinates must be [lon, lat]' }]);
  assert.deepEqual([q.line, q.character], [0, 0]);
  assert.match(q.message, /this entry is skipped/);
  assert.ok(isWorkspaceKnowledgePath('/ws/.khabar/knowledge.json'));
  assert.ok(isWorkspaceKnowledgePath('C:\\ws\\.khabar\\knowledge.yml'));
  assert.ok(!isWorkspaceKnowledgePath('/ws/knowledge.json'));
});

test('knowledge loader: a workspace file merges over the bundled one; a malformed one is reported and left out', async () => {
  const bundled = tempDir();
  const ws = tempDir();
  try {
    writeFileSync(join(bundled, 'places.json'), JSON.stringify({ entities: [{ id: 'almaty', type: 'place', name: 'Almaty', names: { en: ['Almaty'] } }] }));
    mkdirSync(join(ws, '.khabar'));
    const loader = new KnowledgeLoader(bundled);
    writeFileSync(join(ws, '.khabar', 'knowledge.json'), JSON.stringify({ entities: [{ id: 'almaty', names: { ar: ['ألماتي'] } }, { id: 'x', type: 'place', name: 'X' }] }));
    let loaded = await loader.load([ws]);
    assert.equal(loaded.entityCount, 2);
    assert.deepEqual(loaded.knowledge.entities.get('almaty')?.names, { en: ['Almaty'], ar: ['ألماتي'] });
    assert.deepEqual(loaded.files.map((f) => f.problems.length), [0]);
    writeFileSync(join(ws, '.khabar', 'knowledge.json'), '{"entities": [\n  {"id": "y", "type": "planet"},\n');
    loaded = await loader.load([ws]);
    assert.equal(loaded.entityCount, 1, 'the bundled knowledge is still there');
    assert.equal(loaded.files[0].problems.length, 1);
    assert.match(loaded.files[0].problems[0].message, /cannot parse/);
    writeFileSync(join(ws, '.khabar', 'knowledge.json'), '{"entities": [\n  {"id": "y", "type": "planet"}\n]}\n');
    loaded = await loader.load([ws]);
    assert.equal(loaded.files[0].problems.length, 1);
    assert.match(loaded.files[0].problems[0].message, /type must be place, person or organization/);
    assert.deepEqual(loaded.bundledProblems, []);
  } finally {
    rmSync(bundled, { recursive: true, force: true });
    rmSync(ws, { recursive: true, force: true });
  }
});

function sampleIndex() {
  const index = createWorkspaceIndex();
  const texts = {
    'file:///ws/en.txt': '---\ndate: 2024-03-14\nsource: Steppe Wire\n---\nThree police officers and one civilian were killed in the attack.\n',
    'file:///ws/en2.txt': '---\ndate: 2024-03-14\nsource: Other Wire\n---\nThree police officers and two civilians were killed in the attack.\n',
  };
  for (const [uri, text] of Object.entries(texts)) index.update(uri, uri.slice('file:///ws/'.length), sharedAnalyzer().analyze({ text, uri }));
  return { index, texts: texts as Record<string, string> };
}

test('Events view model: events, figures and reports placed in their documents', () => {
  const { index, texts } = sampleIndex();
  const { data } = index.export();
  const rangeOf = (uri: string, start: number, end: number) => {
    const text = texts[uri];
    if (!text) return null;
    const pos = (o: number) => positionOf(text, o);
    return { start: pos(start), end: pos(end) };
  };
  const documents = [...index.uris()].sort().map((uri) => eventsDocument(uri, uri.slice('file:///ws/'.length), index.get(uri)!));
  assert.deepEqual(documents.map((d) => [d.id, d.uri, d.path, d.source]), [
    ['file:///ws/en.txt', 'file:///ws/en.txt', 'en.txt', 'Steppe Wire'],
    ['file:///ws/en2.txt', 'file:///ws/en2.txt', 'en2.txt', 'Other Wire'],
  ]);
  const events = [...index.events().values()].map((e) => eventView(e, rangeOf));
  assert.equal(events.length, data.events.length);
  assert.deepEqual(events.map((e) => e.conflict).sort(), data.events.map((e) => e.figures.some((f) => f.conflict)).sort());
  for (const ev of events) {
    for (const f of ev.figures) {
      for (const r of f.reports) {
        const text = texts[r.uri];
        assert.ok(text, `report in an unknown document ${r.uri}`);
        const lines = text.split('\n');
        assert.equal(lines[r.range.start.line].slice(r.range.start.character, r.range.end.character), r.text);
      }
    }
  }
  const civilians = events.flatMap((e) => e.figures).find((f) => f.group === 'civilians');
  if (civilians) {
    // The engine links the two reports of one attack: then their civilian tolls disagree.
    assert.equal(civilians.conflict, civilians.reports.length > 1);
  }
});

test('Events view changes: applied to the previous model they give the whole model', async () => {
  const { applyEvents } = await import('../../server/src/protocol');
  const { index, texts } = sampleIndex();
  const rangeOf = () => null;
  const whole = () => [...index.events().values()].map((e) => eventView(e, rangeOf));
  const docs = () => [...index.uris()].map((uri) => eventsDocument(uri, uri, index.get(uri)!));
  let model = applyEvents(undefined, { sequence: 1, documentCount: index.size, indexing: false, full: true, documents: docs(), events: whole() });
  const before = new Set(index.events().keys());
  index.update('file:///ws/en2.txt', 'en2.txt', sharedAnalyzer().analyze({ text: texts['file:///ws/en2.txt'].replace('two civilians', 'five civilians') }));
  const after = index.events();
  const changed = [...after].filter(([k]) => !before.has(k)).map(([, e]) => eventView(e, rangeOf));
  const removedEvents = [...before].filter((k) => !after.has(k));
  assert.ok(changed.length >= 1 && removedEvents.length >= 1, 'the edit changed no event');
  model = applyEvents(model, { sequence: 2, documentCount: index.size, indexing: false, full: false, documents: docs().filter((d) => d.uri.endsWith('en2.txt')), events: changed, removedEvents });
  const expected = applyEvents(undefined, { sequence: 2, documentCount: index.size, indexing: false, full: true, documents: docs(), events: whole() });
  assert.deepEqual(model.events, expected.events);
  assert.deepEqual(new Set(model.documents.map((d) => d.id)), new Set(expected.documents.map((d) => d.id)));
  assert.ok(model.events.some((e) => e.figures.some((f) => f.reports.some((r) => r.low === 5))), 'the new figure is not in the model');
});

const KB = createKnowledgeBase([
  {
    origin: 'test',
    entities: [
      { id: 'kazakhstan', type: 'place', name: 'Kazakhstan', kind: 'country', names: { en: ['Kazakhstan'] } },
      {
        id: 'qyzyltal', type: 'place', name: 'Qyzyltal', kind: 'city', coordinates: [75.12, 44.61], country: 'kazakhstan', wikidata: 'Q4115189',
        names: { en: ['Qyzyltal'], ar: ['قيزيلتال'], ru: ['Кызылтал'] },
      },
      { id: 'd-s', type: 'person', name: 'Daniyar Seitkali', names: { en: ['Daniyar Seitkali'] }, roles: [{ role: 'police spokesman', from: '2021' }] },
    ],
  },
]).knowledge;

test('the documents mentioning an entity are those of its mentions in the export, counted', () => {
  const { index } = sampleIndex();
  index.update('file:///ws/none.txt', 'none.txt', sharedAnalyzer().analyze({ text: 'Nothing happened.\n' }));
  const withKb = createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')), knowledge: loadKnowledge(join(root, 'knowledge')).knowledge });
  index.update('file:///ws/k.txt', 'k.txt', withKb.analyze({ text: 'Two soldiers were killed in Kabul on Monday. Police in Kabul and Herat arrested four men.\n' }));
  index.update('file:///ws/b.txt', 'b.txt', withKb.analyze({ text: 'A bomb killed three people in Baghdad. Kabul was quiet.\n' }));
  const { data, uris } = index.export();
  assert.ok(data.entities.some((e) => e.mentions.length > 1), 'the texts mention entities, some more than once');
  for (const e of data.entities) {
    const expected = new Map<string, number>();
    for (const m of e.mentions) expected.set(uris[Number(m.document.slice(1)) - 1], (expected.get(uris[Number(m.document.slice(1)) - 1]) ?? 0) + 1);
    const got = index.mentions(e.id);
    assert.deepEqual(new Map(got.map((d) => [d.uri, d.count])), expected, e.id);
    for (const d of got) assert.equal(d.path, d.uri.slice('file:///ws/'.length));
  }
  assert.deepEqual(index.mentions('no-such-entity'), []);
});

test('entity hover: names in other scripts, coordinates, country, Wikidata, workspace appearances', () => {
  const appearances = entityAppearances([{ path: 'a.txt', count: 1 }, { path: 'b/c.txt', count: 2 }]);
  assert.deepEqual(appearances, { documents: [{ path: 'b/c.txt', count: 2 }, { path: 'a.txt', count: 1 }], mentions: 3 });
  const md = entityHoverMarkdown({ entity: 'qyzyltal', type: 'place', name: 'Qyzyltal', inKnowledgeBase: true, text: 'Qyzyltal' }, KB, appearances);
  assert.match(md, /\*\*Khabar: Qyzyltal\*\*/);
  assert.match(md, /\*\*Type:\*\* place \(city\)/);
  assert.match(md, /Arabic: \u2068قيزيلتال\u2069/);
  assert.match(md, /Russian: Кызылтал/);
  assert.match(md, /44\.61° N, 75\.12° E/);
  assert.match(md, /\*\*Country:\*\* Kazakhstan/);
  assert.match(md, /\[Q4115189\]\(https:\/\/www\.wikidata\.org\/wiki\/Q4115189\)/);
  assert.match(md, /2 documents, 3 mentions: b\/c\\\.txt \(2\), a\\\.txt \(1\)/);
  const person = entityHoverMarkdown({ entity: 'd-s', type: 'person', name: 'Daniyar Seitkali', inKnowledgeBase: true, text: 'Daniyar Seitkali' }, KB, { documents: [], mentions: 0 });
  assert.match(person, /\*\*Roles:\*\* police spokesman \(2021–\)/);
  assert.match(person, /in no indexed article/);
  assert.doesNotMatch(person, /Coordinates/);
  const unknown = entityHoverMarkdown({ entity: 'unk:place:brld', type: 'place', name: 'Boralday', inKnowledgeBase: false, text: 'بورالداي' }, KB, entityAppearances([]));
  assert.match(unknown, /Not in the knowledge base/);
  assert.match(unknown, /بورالداي/);
  assert.ok(root);
});
