// server/src/wording.ts: values, paragraph direction (bidi P2/P3), isolates and finding messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingMessage, formatValue, isolate, paragraphDirection } from '../../server/src/wording';

test('values: one wording everywhere', () => {
  assert.equal(formatValue({ low: 3, high: 3 }), '3');
  assert.equal(formatValue({ low: 1, high: 2 }), '1–2');
  assert.equal(formatValue({ low: 4, high: null }), 'at least 4');
  assert.equal(formatValue({ low: 24, high: 99, approximate: true }), 'about 24–99');
  assert.equal(formatValue({ low: 8000, high: 8000, approximate: true }), 'about 8,000');
  assert.equal(formatValue({ low: 10, high: null, approximate: true }), 'at least about 10');
});

test('paragraph direction: the first strong character, outside isolates', () => {
  assert.equal(paragraphDirection('قتل ثلاثة من رجال الشرطة'), 'rtl');
  assert.equal(paragraphDirection('۳ مامور پلیس کشته شدند'), 'rtl', 'digits are weak: the Persian letters decide');
  assert.equal(paragraphDirection('  «12» قتيلا'), 'rtl');
  assert.equal(paragraphDirection('Three police officers were killed in قيزيلتال'), 'ltr');
  assert.equal(paragraphDirection('שלושה שוטרים נהרגו'), 'rtl');
  assert.equal(paragraphDirection('1,200 — 35'), null);
  assert.equal(paragraphDirection(''), null);
  assert.equal(paragraphDirection('\u2068Reuters\u2069 قال'), 'rtl', 'text inside an isolate is skipped (P2)');
  assert.equal(paragraphDirection('\u200Fabc'), 'rtl', 'RLM is strong');
  assert.equal(paragraphDirection('\u200Eقال'), 'ltr', 'LRM is strong');
  assert.equal(paragraphDirection('title: وكالة'), 'ltr');
});

test('isolates: only text with right-to-left characters, between FSI and PDI', () => {
  assert.equal(isolate('Steppe Wire'), 'Steppe Wire');
  assert.equal(isolate('وكالة السهوب'), '\u2068وكالة السهوب\u2069');
  assert.equal(isolate('خبرگزاری ۲'), '\u2068خبرگزاری ۲\u2069');
});

test('finding messages: short, numbers first, other-direction names isolated', () => {
  const conflict = findingMessage({
    code: 'conflict', kind: 'killed', group: 'civilians',
    sources: [{ source: 'Steppe Wire', low: 1, high: 1, approximate: false }, { source: 'وكالة السهوب', low: 2, high: 2, approximate: false }],
    where: ['attack', 'Qyzyltal', '2024-03-14'],
  });
  assert.equal(conflict, '1 vs 2 civilians killed: sources disagree — Steppe Wire: 1; \u2068وكالة السهوب\u2069: 2 (attack, Qyzyltal, 2024-03-14)');
  const update = findingMessage({
    code: 'update', kind: 'injured', group: 'security',
    sources: [{ source: 'a.txt', low: 2, high: 2, approximate: false }, { source: 'b.txt', low: 5, high: 5, approximate: false }],
  });
  assert.match(update, /^2, 5 security forces injured: a later report raised the toll — a\.txt: 2; b\.txt: 5$/);
  const vague = findingMessage({ code: 'vague', kind: 'arrested', group: 'people', sources: [{ source: 'x', low: 24, high: 99, approximate: true }] });
  assert.equal(vague, 'about 24–99 people arrested: an approximate figure');
  const many = findingMessage({
    code: 'conflict', kind: 'killed', group: 'people',
    sources: Array.from({ length: 21 }, (_, i) => ({ source: `s${i}`, low: i % 2 ? 3 : 4, high: i % 2 ? 3 : 4, approximate: false })),
    more: 5,
  });
  // The index counts the sources it left out: the count is exact.
  assert.match(many, /^4 vs 3 people killed: .*s7: 3; and 18 more$/);
});
