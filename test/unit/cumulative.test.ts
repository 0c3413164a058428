/**
 * Running totals over a period ("the number killed this year rose to 112", منذ بداية العام,
 * از ابتدای سال) are read but flagged, and left out of events; the event's own toll in the same
 * sentence is not. And the Persian indefinite article is no count of people.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createWorkspaceIndex, type Figure } from '../../server/src/core';
import { sharedAnalyzer } from './helpers';

const figures = (text: string) => sharedAnalyzer().analyze({ text }).figures;
const summary = (fs: Figure[]) => fs.map((f) => `${f.kind} ${f.low}${f.cumulative ? ' cumulative' : ''}`).sort();

test('a running total is flagged, the event toll beside it is not (en)', () => {
  assert.deepEqual(summary(figures('Four policemen were killed on Monday, bringing the number of officers killed in the region this year to 57.')),
    ['killed 4', 'killed 57 cumulative']);
  assert.deepEqual(summary(figures('Since the start of the year, 230 people have been killed in such attacks, according to the monitor.')),
    ['killed 230 cumulative']);
  // A period word without any totalling is the event's own: "the deadliest attack this year".
  assert.deepEqual(summary(figures('The deadliest attack this year killed 40 people at a market.')), ['killed 40']);
  // A toll that rose is an update, not a running total.
  assert.deepEqual(summary(figures('The death toll from the bombing rose to 14 people on Sunday.')), ['killed 14']);
  // An opening period governs its sentence up to a semicolon only.
  assert.deepEqual(summary(figures('Since the start of the war, 900 soldiers have died; on Friday two soldiers were killed.')),
    ['killed 2', 'killed 900 cumulative']);
});

/** The event's figures as they are, and whether the running total is among the flagged ones (the words of a total may give more, all flagged). */
const split = (fs: Figure[]) => ({ event: summary(fs.filter((f) => !f.cumulative)), totals: fs.filter((f) => f.cumulative).map((f) => f.low) });

test('a running total is flagged (ar)', () => {
  const a = split(figures('قتل خمسة مدنيين في قصف يوم الأحد، ليرتفع عدد القتلى المدنيين منذ بداية العام إلى 310 قتلى.'));
  assert.deepEqual(a.event, ['killed 5']);
  assert.ok(a.totals.includes(310), `310 is a running total: ${a.totals}`);
  const b = split(figures('اعتقلت الشرطة ثلاثة مشتبه بهم، وبذلك يرتفع عدد المعتقلين هذا العام إلى 48 شخصا.'));
  assert.deepEqual(b.event, ['arrested 3']);
  assert.ok(b.totals.includes(48), `48 is a running total: ${b.totals}`);
});

test('a running total is flagged (fa)', () => {
  const a = split(figures('دو مامور پلیس روز دوشنبه کشته شدند و به این ترتیب شمار ماموران کشته شده امسال به ۴۱ نفر رسید.'));
  assert.deepEqual(a.event, ['killed 2']);
  assert.ok(a.totals.includes(41), `41 is a running total: ${a.totals}`);
  assert.deepEqual(summary(figures('از ابتدای سال جاری ۱۵۰ نفر در این استان بازداشت شده‌اند.')), ['arrested 150 cumulative']);
});

test('running totals are left out of the events and their conflicts', () => {
  const index = createWorkspaceIndex();
  const a = sharedAnalyzer();
  index.update('file:///a.txt', 'a.txt', a.analyze({ text: '---\ndate: 2024-05-12\n---\nFour policemen were killed on Monday, bringing the number of officers killed this year to 57.\n' }));
  index.update('file:///b.txt', 'b.txt', a.analyze({ text: '---\ndate: 2024-05-12\n---\nFour policemen were killed on Monday, bringing the number of officers killed this year to 60.\n' }));
  const { data } = index.export();
  const reported = data.events.flatMap((e) => e.figures.flatMap((f) => f.reports.map((r) => r.low)));
  assert.deepEqual(reported.sort((x, y) => x - y), [4, 4]);
  assert.equal(data.events.some((e) => e.figures.some((f) => f.conflict)), false);
});

test('the Persian indefinite article counts nobody; one before a group word or a trigger does', () => {
  assert.deepEqual(summary(figures('مهاجمان به یک ایست بازرسی حمله کردند و سه سرباز کشته شدند.')), ['killed 3']);
  assert.deepEqual(summary(figures('در این حمله یک سرباز کشته شد.')), ['killed 1']);
  assert.deepEqual(summary(figures('این انفجار یک کشته و دو زخمی برجای گذاشت.')), ['injured 2', 'killed 1']);
  assert.deepEqual(summary(figures('یک نفر بازداشت شد.')), ['arrested 1']);
});

test('a toll that rose is the figure of the clause that says so, not the others of its sentence', () => {
  const updated = (text: string) => figures(text).map((f) => `${f.kind} ${f.low}${f.update ? ' update' : ''}${f.cumulative ? ' cumulative' : ''}`).sort();
  assert.deepEqual(updated('Two more victims died on Monday, raising the death toll to 14.'), ['killed 14 update', 'killed 2']);
  assert.deepEqual(updated('Four policemen were killed on Monday bringing the death toll to 14.'), ['killed 14 update', 'killed 4']);
  assert.deepEqual(updated('ارتفعت حصيلة القتلى إلى 14.'), ['killed 14 update']);
  assert.deepEqual(updated('شمار کشته‌شدگان به ۱۴ نفر رسید.'), ['killed 14 update']);
  const fa = updated('دو مامور پلیس روز دوشنبه کشته شدند و به این ترتیب شمار ماموران کشته شده امسال به ۴۱ نفر رسید.');
  assert.ok(fa.includes('killed 2'), fa.join('; '));
  assert.ok(fa.includes('killed 41 update cumulative'), fa.join('; '));
});

test('a toll over the whole world is no event\'s, in three languages; the event beside it keeps its own', () => {
  assert.deepEqual(summary(figures('Hundreds of innocent people are killed around the world in such attacks.')), ['killed 200 cumulative']);
  const a = split(figures('قتل ثلاثة مصلين في الهجوم، فيما يسقط مئات الأبرياء في العالم ضحايا للإرهاب.'));
  assert.deepEqual(a.event, ['killed 3']);
  const b = split(figures('در این حمله ۴ نفر کشته شدند؛ هر سال صدها نفر در سراسر جهان در چنین حملاتی کشته می‌شوند.'));
  assert.deepEqual(b.event, ['killed 4']);
});
