/**
 * Page furniture (server/src/core/boilerplate.ts): menus, share and copyright lines, blocks of
 * related links or teasers, another article appended. Our own pages, in en, ar and fa.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sharedAnalyzer } from './helpers';

/** The text of each boilerplate span, and the figures found outside them. */
function read(text: string) {
  const a = sharedAnalyzer().analyze({ text });
  return {
    spans: a.boilerplate.map((b) => text.slice(b.start, b.end)),
    figures: a.figures.map((f) => `${f.kind} ${f.low} ${f.text}`),
    /** Kind and count of each figure. */
    counts: a.figures.map((f) => `${f.kind} ${f.low}`),
    entities: a.entities.map((e) => e.entity),
  };
}

test('menus, share lines and a related-links block at the end are boilerplate; their figures are not reported', () => {
  const text = [
    'Home | World | Middle East | Sport',
    '',
    'Gunmen kill four guards at a checkpoint near Quetta',
    '',
    'QUETTA — Four security guards were killed on Sunday when gunmen opened fire on a checkpoint outside the city, police said.',
    '',
    'Share: Facebook Twitter WhatsApp',
    '',
    'Related articles',
    '- Twelve killed in Peshawar market blast',
    '- Police arrest 30 after Karachi riots',
    '',
    '© 2024 Frontier Daily. All rights reserved.',
  ].join('\n');
  const r = read(text);
  assert.deepEqual(r.spans, [
    'Home | World | Middle East | Sport',
    'Share: Facebook Twitter WhatsApp\n\nRelated articles\n- Twelve killed in Peshawar market blast\n- Police arrest 30 after Karachi riots\n\n© 2024 Frontier Daily. All rights reserved.',
  ]);
  // The headline is the article's: its figure stays.
  assert.deepEqual(r.figures, ['killed 4 four guards', 'killed 4 Four security guards']);
  assert.ok(!r.entities.includes('peshawar') && !r.entities.includes('karachi'), r.entities.join(' '));
});

test('an inline "read also" link ends where the article goes on (ar)', () => {
  const text = [
    'قُتل ثلاثة جنود وأصيب خمسة آخرون في هجوم على دورية عسكرية قرب الحدود، بحسب ما أعلن الجيش في بيان صباح اليوم.',
    '',
    'اقرأ أيضاً:',
    'اعتقال 40 شخصا في احتجاجات البصرة',
    '',
    'وأضاف البيان أن قوات الأمن طوقت المنطقة وبدأت عمليات تمشيط واسعة بحثاً عن المهاجمين الذين فروا باتجاه الجبال.',
  ].join('\n');
  const r = read(text);
  assert.deepEqual(r.spans, ['اقرأ أيضاً:\nاعتقال 40 شخصا في احتجاجات البصرة']);
  assert.deepEqual(r.counts, ['killed 3', 'injured 5']);
});

test('teasers ending in an ellipsis run to the end of the page; a breadcrumb before the title is furniture (fa)', () => {
  const text = [
    'صفحه اصلی » جهان » خاورمیانه',
    '',
    'در انفجار یک خودروی بمب‌گذاری شده در مرکز شهر دست کم شش نفر کشته و ۲۰ نفر زخمی شدند، به گفته مقام‌های محلی که خواستند نامشان فاش نشود.',
    '',
    'مطالب مرتبط',
    '',
    'بازداشت ۱۲ نفر در پی اعتراضات',
    'نیروهای امنیتی روز گذشته در جریان اعتراضات گسترده در چند شهر دست کم ۱۲ نفر را بازداشت کردند و گفتند که تحقیقات ادامه دارد ...',
  ].join('\n');
  const r = read(text);
  assert.equal(r.spans.length, 2);
  assert.equal(r.spans[0], 'صفحه اصلی » جهان » خاورمیانه');
  assert.ok(r.spans[1].startsWith('مطالب مرتبط') && r.spans[1].endsWith('ادامه دارد ...'), r.spans[1]);
  assert.deepEqual(r.counts, ['killed 6', 'injured 20']);
});

test('another article appended after this one (its headline repeated) is boilerplate', () => {
  const text = [
    'Two policemen were killed and three wounded in an attack on a police station in Herat province, officials said on Monday.',
    '',
    'The Taliban did not comment on the attack, which came a day after a roadside bomb hit a bus in the same district.',
    '',
    'Festival draws thousands to the old city',
    'Visitors at the opening night (photo)',
    'Festival draws thousands to the old city',
    '',
    'More than 5,000 people attended the opening of the festival, which runs for a week, and at least 12 were arrested for selling fake tickets.',
  ].join('\n');
  const r = read(text);
  assert.equal(r.spans.length, 1);
  assert.ok(r.spans[0].startsWith('Festival draws thousands') && r.spans[0].endsWith('fake tickets.'));
  assert.deepEqual(r.counts, ['killed 2', 'injured 3']);
});

test('an article without furniture has no boilerplate, and a headline with a single separator is kept', () => {
  const text = [
    'Blast kills 7 in Kabul | Reuters',
    '',
    'KABUL — Seven people were killed when a bomb exploded near a mosque in western Kabul on Friday, the interior ministry said.',
    '',
    'No group has claimed responsibility for the attack.',
  ].join('\n');
  const r = read(text);
  assert.deepEqual(r.spans, []);
  assert.ok(r.figures.some((f) => f.startsWith('killed 7')), r.figures.join('; '));
});
