/**
 * Anchoring a correction to the words of its article (issue 18, docs/curation.md): the target made
 * of a span is found again after text is inserted before it, after words around it are edited, and
 * among duplicate quotes by its context; deleting or rewording the words makes it stale (null).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ANCHOR_CONTEXT, findAnchor, makeAnchor } from '../../server/src/core/curation';

const TEXT = 'KABUL — The blast killed at least 90 people and wounded 400 others near the embassy, officials said.';
const at = (text: string, words: string, from = 0) => ({ start: text.indexOf(words, from), end: text.indexOf(words, from) + words.length });
const quoted = (text: string, span: { start: number; end: number } | null) => (span ? text.slice(span.start, span.end) : null);

test('makeAnchor keeps the words, up to 32 characters of context each side, and the offset', () => {
  const { start, end } = at(TEXT, '90 people');
  const t = makeAnchor(TEXT, start, end, 'figure');
  assert.equal(t.type, 'figure');
  assert.equal(t.exact, '90 people');
  assert.equal(t.prefix, TEXT.slice(start - ANCHOR_CONTEXT, start));
  assert.equal(t.prefix!.length, 32);
  assert.equal(t.suffix, TEXT.slice(end, end + 32));
  assert.equal(t.start, start);
  assert.deepEqual(makeAnchor(TEXT, 0, 5, 'name'), { type: 'name', exact: 'KABUL', prefix: '', suffix: TEXT.slice(5, 37), start: 0 });
  assert.deepEqual(makeAnchor(TEXT, 3, 9, 'document'), { type: 'document' });
});

test('the words are found where they are now, and unchanged text finds them in place', () => {
  const span = at(TEXT, '90 people');
  assert.deepEqual(findAnchor(TEXT, makeAnchor(TEXT, span.start, span.end, 'figure')), span);
});

test('text inserted before the words moves them, and they are found there', () => {
  const target = makeAnchor(TEXT, at(TEXT, '90 people').start, at(TEXT, '90 people').end, 'figure');
  const edited = 'UPDATE: a second paragraph was added at the top.\n\n' + TEXT;
  const span = findAnchor(edited, target);
  assert.deepEqual(span, at(edited, '90 people'));
  assert.notEqual(span!.start, target.start);
});

test('words edited around the quote keep it if some of its context is left', () => {
  const target = makeAnchor(TEXT, at(TEXT, '90 people').start, at(TEXT, '90 people').end, 'figure');
  const prefixGone = TEXT.replace('The blast killed at least ', 'A suicide bombing left ').replace('wounded 400', 'wounded 400');
  assert.equal(quoted(prefixGone, findAnchor(prefixGone, target)), '90 people');
  const suffixGone = TEXT.replace(' and wounded 400 others near the embassy', ' dead on Tuesday');
  assert.equal(quoted(suffixGone, findAnchor(suffixGone, target)), '90 people');
});

test('the quote deleted or reworded makes the correction stale', () => {
  const target = makeAnchor(TEXT, at(TEXT, '90 people').start, at(TEXT, '90 people').end, 'figure');
  assert.equal(findAnchor(TEXT.replace('90 people', '95 people'), target), null);
  assert.equal(findAnchor(TEXT.replace('at least 90 people and wounded', 'and wounded'), target), null);
  // The words survive but nothing around them does: another sentence, not the one corrected.
  assert.equal(findAnchor('Elsewhere, 90 people fled.', target), null);
  assert.equal(findAnchor(TEXT, { type: 'figure', exact: '' }), null);
});

test('duplicate quotes are told apart by their prefix and suffix, not their offset', () => {
  const text = 'In Herat, 12 people were killed on Monday. In Kandahar, 12 people were killed on Friday.';
  const second = at(text, '12 people', text.indexOf('Kandahar'));
  const target = makeAnchor(text, second.start, second.end, 'figure');
  assert.deepEqual(findAnchor(text, target), second);
  // The first sentence grows: the offset hint now points nearer the first occurrence, the context still to the second.
  const edited = text.replace('In Herat, ', 'In Herat, the western city where a wedding was under way, ');
  assert.deepEqual(findAnchor(edited, target), at(edited, '12 people', edited.indexOf('Kandahar')));
  // The two occurrences surrounded alike: the one nearer where the words were wins.
  const twins = 'They said 5 were hurt. They said 5 were hurt.';
  const late = makeAnchor(twins, twins.lastIndexOf('5'), twins.lastIndexOf('5') + 1, 'figure');
  assert.equal(findAnchor(twins, late)!.start, twins.lastIndexOf('5'));
});

test('words at the very start or end of the article are found with no context on that side', () => {
  const text = 'Two killed';
  const target = makeAnchor(text, 0, 3, 'figure');
  assert.equal(target.prefix, '');
  assert.deepEqual(findAnchor(text, target), { start: 0, end: 3 });
  assert.deepEqual(findAnchor(text, makeAnchor(text, 4, 10, 'figure')), { start: 4, end: 10 });
  assert.deepEqual(findAnchor(text, { type: 'document' }), { start: 0, end: text.length });
});
