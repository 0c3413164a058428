/**
 * Reading a curation file (issue 18, docs/curation.md): JSON (with comments) and YAML give the same
 * corrections; a bad entry is reported at its place, with what is wrong, and skipped while the
 * others are kept; a file that does not parse is an error where the parser stopped; nothing throws.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { parseCurationText, placeFindings } from '../../server/src/curationFiles';
import { checkCuration } from '../../server/src/core/curationCheck';

const GOOD = {
  version: 1,
  corrections: [
    { id: 'c1', document: 'articles/a.txt', target: { type: 'figure', exact: '90 people', prefix: 'killed at least ', suffix: ' and', start: 40 }, change: { op: 'value', low: 150, high: null }, reason: 'ministry', by: 'Leila', at: '2026-12-07T19:30:00Z' },
    { id: 'c2', document: 'articles\\b.txt', target: { type: 'document' }, change: { op: 'date', start: '2024-05-12', end: '2024-05-12', precision: 'day' } },
    { id: 'c3', document: 'a.txt', target: { type: 'name', exact: 'Kabol' }, change: { op: 'sameAs', entity: 'kabul', stray: 1 } },
  ],
};

test('JSON with comments and YAML give the same corrections, with only the fields of the format', () => {
  const json = parseCurationText('.khabar/curation.json', '// the analyst\'s corrections\n' + JSON.stringify(GOOD, null, 2));
  const yaml = parseCurationText('.khabar/curation.yaml', stringify(GOOD));
  assert.deepEqual(json.problems, []);
  assert.deepEqual(yaml.problems, []);
  assert.deepEqual(json.curation, yaml.curation);
  assert.equal(json.curation.corrections.length, 3);
  assert.deepEqual(json.curation.corrections[0].change, { op: 'value', low: 150, high: null });
  assert.equal(json.curation.corrections[1].document, 'articles/b.txt');
  assert.deepEqual(json.curation.corrections[2].change, { op: 'sameAs', entity: 'kabul' });
  assert.equal(json.curation.corrections[0].by, 'Leila');
});

test('a bad entry is reported at the value at fault and skipped; the others are kept', () => {
  const bad = structuredClone(GOOD) as { corrections: Record<string, unknown>[] };
  bad.corrections.splice(1, 0,
    { id: 'x1', document: 'a.txt', target: { type: 'figure', exact: '3' }, change: { op: 'kind', kind: 'wounded' } },
    { id: 'x2', document: 'a.txt', target: { type: 'name', exact: 'X' }, change: { op: 'split' } },
    { id: 'c1', document: 'a.txt', target: { type: 'document' }, change: { op: 'split' } },
    { id: 'x3', document: 'a.txt', target: { type: 'figure', exact: '3' }, change: { op: 'value', low: 5, high: 2 } },
    'not an entry' as unknown as Record<string, unknown>,
  );
  for (const [name, text] of [['curation.json', JSON.stringify(bad, null, 2)], ['curation.yaml', stringify(bad)]]) {
    const r = parseCurationText(name, text);
    assert.deepEqual(r.curation.corrections.map((c) => c.id), ['c1', 'c2', 'c3'], name);
    assert.equal(r.problems.length, 5, name);
    const [kind, op, dup, high, entry] = r.problems;
    assert.match(kind.message, /entry 2: "change\.kind" must be one of killed, injured, arrested \(this entry is skipped\)/);
    assert.equal(text.slice(kind.start, kind.end).replace(/"/g, ''), 'wounded', name);
    assert.match(op.message, /entry 3: "split" is not a change of a name/);
    assert.match(dup.message, /entry 4: the id "c1" is used by an earlier entry/);
    assert.match(high.message, /"change\.high" must be a number \(0 or more, not below "low"\) or null/);
    assert.match(entry.message, /entry 6: a correction must be an object/);
    assert.ok(r.problems.every((p) => p.severity === 'error'));
  }
});

test('a file that does not parse, or is no curation file, is one error and gives no corrections', () => {
  const broken = parseCurationText('curation.json', '{"corrections": [ {"id": "c1",, } ]}');
  assert.equal(broken.curation.corrections.length, 0);
  assert.equal(broken.problems.length, 1);
  assert.match(broken.problems[0].message, /cannot parse/);
  assert.equal(broken.problems[0].start, '{"corrections": [ {"id": "c1",'.length);
  const yaml = parseCurationText('curation.yaml', 'corrections:\n  - id: [\n');
  assert.match(yaml.problems[0].message, /cannot parse/);
  assert.match(parseCurationText('curation.json', '[]').problems[0].message, /must be an object with a "corrections" list/);
  assert.match(parseCurationText('curation.json', '{"version": 2, "corrections": []}').problems[0].message, /version 1/);
  assert.deepEqual(checkCuration(null).curation.corrections, []);
  assert.deepEqual(checkCuration({ corrections: [] }).problems, []);
});

test('a stale correction is a warning placed at its entry', () => {
  const text = JSON.stringify(GOOD, null, 2);
  const r = parseCurationText('curation.json', text);
  const [w] = placeFindings(r, [{ id: 'c3', code: 'curation-anchor-lost', document: 'a.txt', target: 'name', value: 'Kabol' }]);
  assert.equal(w.severity, 'warning');
  assert.equal(w.id, 'c3');
  assert.match(w.message, /c3: the words “Kabol” are no longer in a\.txt/);
  assert.ok(text.slice(w.start, w.end).startsWith('{') && text.slice(w.start, w.end).includes('"c3"'));
});

test('input beyond the parsers\' limits is a problem, not an exception', () => {
  const aliases = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n' + Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`).join('\n') + '\ncorrections: []\n';
  const bomb = parseCurationText('curation.yaml', aliases);
  assert.equal(bomb.curation.corrections.length, 0);
  assert.match(bomb.problems[0].message, /cannot parse: Excessive alias count/);
  const deep = parseCurationText('curation.json', '['.repeat(200000) + ']'.repeat(200000));
  assert.equal(deep.curation.corrections.length, 0);
  assert.equal(deep.problems.length, 1);
  assert.match(deep.problems[0].message, /cannot parse/);
});
