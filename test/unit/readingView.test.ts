// client/src/readingHtml.ts: the reading view's article markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderArticle } from '../../client/src/readingHtml';
import type { FigureDecoration } from '../../server/src/protocol';

const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

const RTL = 'كابول (رويترز) - قُتل ٧ جنود في هجوم';
const LTR = 'Seven soldiers were killed in Kabul <b>.';
const text = ['---', 'title: هجوم في كابول', 'source: Steppe Wire', '---', RTL, '', LTR, 'Share on Facebook'].join('\n');
const figure: FigureDecoration = { range: range(4, RTL.indexOf('٧'), RTL.indexOf('٧') + 6), kind: 'killed', group: 'military', low: 7, high: 7, approximate: false, explicit: true, text: '٧ جنود' };

test('reading view: paragraphs by direction, marks with tooltips, furniture dimmed, front matter as a heading', () => {
  const html = renderArticle(text, {
    figures: [figure],
    entities: [{ range: range(4, 0, 5), type: 'place', id: 'kabul', name: 'Kabul', inKnowledgeBase: true }, { range: range(6, 30, 35), type: 'place', id: 'kabul', name: 'Kabul', inKnowledgeBase: true }],
    boilerplate: [range(7, 0, 17)],
    frontMatter: { range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } }, title: 'هجوم في كابول', source: 'Steppe Wire' },
  });
  assert.match(html, /<h1 dir="rtl">هجوم في كابول<\/h1>/);
  assert.doesNotMatch(html, /title:/, 'the front matter block is not shown as text');
  assert.match(html, /<p data-line="4" dir="rtl">/);
  assert.match(html, /<p data-line="6" dir="ltr">/);
  assert.match(html, /<mark data-c="\d+" class="figure killed" title="7 killed · military — “٧ جنود”">٧ جنود<\/mark>/);
  assert.match(html, /<mark data-c="0" class="entity place known" title="place: Kabul">كابول<\/mark>/);
  assert.match(html, /&#60;b&#62;/, 'text is escaped');
  assert.match(html, /<p data-line="7" dir="ltr" class="boilerplate"/);
  // Every piece of a paragraph, joined, is the line.
  const p4 = /<p data-line="4"[^>]*>(.*?)<\/p>/.exec(html)![1].replace(/<[^>]+>/g, '');
  assert.equal(p4, RTL);
});
