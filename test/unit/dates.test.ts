import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { datelineOf, findDateline, findDates, type DateMention } from '../../server/src/core/dates';
import { compileLexicon, type CompiledLexicon } from '../../server/src/core/lexicon';
import { fold } from '../../server/src/core/normalize';
import { splitSentences, tokenize } from '../../server/src/core/tokenize';
import { loadLexicons } from '../../server/src/node/lexicons';
import { root } from './helpers';

const lexicons = new Map<string, CompiledLexicon>(loadLexicons(join(root, 'lexicons')).map((l) => [l.language, compileLexicon(l)]));
const lex = (lang: string): CompiledLexicon => lexicons.get(lang)!;

/** Published on Wednesday 2016-07-20 (= 30 Tir 1395 = 15 Shawwal 1437) unless told otherwise. */
const PUB = '2016-07-20';

function mentions(lang: string, text: string, published: string | null = PUB): DateMention[] {
  const l = lex(lang);
  const f = fold(text);
  const tokens = tokenize(f.text, [{ start: 0, end: f.text.length }]);
  return findDates(tokens, tokens.map((t) => l.forms(t)), l, 0, tokens.length, { published });
}

/** Each date as `start..end/precision`, with `~unit±offset` for relative ones. */
function dates(lang: string, text: string, published: string | null = PUB): string[] {
  return mentions(lang, text, published).map((m) => `${m.start}..${m.end}/${m.precision}${m.relative ? `~${m.relative.unit}${m.relative.offset}` : ''}`);
}
const day = (iso: string) => `${iso}..${iso}/day`;

test('dates carry the lexicon data of all three languages', () => {
  for (const l of ['ar', 'fa', 'en']) assert.ok(lex(l).dates, l);
});

test('English absolute dates: day-month, month-day, ordinals, years, numeric', () => {
  assert.deepEqual(dates('en', 'Gunmen attacked on July 18, 2016 in Almaty.'), [day('2016-07-18')]);
  assert.deepEqual(dates('en', 'on 18 July 2016'), [day('2016-07-18')]);
  assert.deepEqual(dates('en', 'Monday, July 18, 2016'), [day('2016-07-18')]);
  assert.deepEqual(dates('en', 'on the fifth of June'), [day('2016-06-05')]);
  assert.deepEqual(dates('en', 'on the twenty-first of June'), [day('2016-06-21')]);
  assert.deepEqual(dates('en', 'on the 21st of June 2015'), [day('2015-06-21')]);
  assert.deepEqual(dates('en', 'on June 2nd'), [day('2016-06-02')]);
  assert.deepEqual(dates('en', 'in June 2016'), ['2016-06-01..2016-06-30/month']);
  assert.deepEqual(dates('en', 'in February 2016'), ['2016-02-01..2016-02-29/month']);
  assert.deepEqual(dates('en', 'in 2015, the group'), ['2015-01-01..2015-12-31/year']);
  assert.deepEqual(dates('en', '18/07/2016'), [day('2016-07-18')]);
  assert.deepEqual(dates('en', '07/18/2016'), [day('2016-07-18')]);
  assert.deepEqual(dates('en', '2016-07-18'), [day('2016-07-18')]);
  assert.deepEqual(dates('en', 'on Oct. 26, 2022'), [day('2022-10-26')]);
  assert.deepEqual(dates('en', 'on 26 Oct. 2022'), [day('2022-10-26')]);
  assert.deepEqual(dates('en', 'Ramadan 1437 AH'), ['2016-06-06..2016-07-05/month']);
  assert.deepEqual(dates('en', 'on 28 Tir 1395'), [day('2016-07-18')]);
});

test('a day and month without a year: the latest such date not after publication plus 7 days', () => {
  assert.deepEqual(dates('en', 'on July 18'), [day('2016-07-18')]);
  assert.deepEqual(dates('en', 'on July 25'), [day('2016-07-25')]);
  assert.deepEqual(dates('en', 'on July 31'), [day('2015-07-31')]);
  assert.deepEqual(dates('en', 'on 5 December'), [day('2015-12-05')]);
  assert.deepEqual(dates('en', 'in December'), ['2015-12-01..2015-12-31/month']);
  assert.deepEqual(dates('en', 'on 5 January', '2017-01-02'), [day('2017-01-05')]);
  assert.deepEqual(dates('en', 'last June'), ['2016-06-01..2016-06-30/month']);
  assert.deepEqual(dates('en', 'last July'), ['2015-07-01..2015-07-31/month']);
  assert.deepEqual(dates('en', 'next March'), ['2017-03-01..2017-03-31/month']);
  assert.deepEqual(dates('en', 'in June last year'), ['2015-06-01..2015-06-30/month~year-1']);
});

test('English ranges and lists', () => {
  assert.deepEqual(dates('en', 'from 5 to 12 June'), ['2016-06-05..2016-06-12/day']);
  assert.deepEqual(dates('en', 'between 5 and 12 June 2015'), ['2015-06-05..2015-06-12/day']);
  assert.deepEqual(dates('en', 'June 5-12, 2016'), ['2016-06-05..2016-06-12/day']);
  assert.deepEqual(dates('en', '5-12 June'), ['2016-06-05..2016-06-12/day']);
  assert.deepEqual(dates('en', 'from 28 December to 3 January 2016'), ['2015-12-28..2016-01-03/day']);
  assert.deepEqual(dates('en', 'from June to August 2015'), ['2015-06-01..2015-08-31/month']);
  assert.deepEqual(dates('en', 'between 2014 and 2016'), ['2014-01-01..2016-12-31/year']);
  assert.ok(mentions('en', 'from 5 to 12 June')[0].range);
  const m = mentions('en', 'from 5 to 12 June');
  assert.deepEqual([m[0].from, m[0].to, m[0].text], [0, 5, 'from 5 to 12 june']);
  // Without "between", "and" lists two dates.
  assert.deepEqual(dates('en', 'on 5 and 12 June'), [day('2016-06-05'), day('2016-06-12')]);
});

test('English relative dates and weekdays', () => {
  assert.deepEqual(dates('en', 'today'), [day('2016-07-20') + '~day0']);
  assert.deepEqual(dates('en', 'yesterday'), [day('2016-07-19') + '~day-1']);
  assert.deepEqual(dates('en', 'the day before yesterday'), [day('2016-07-18') + '~day-2']);
  assert.deepEqual(dates('en', 'last night'), [day('2016-07-19') + '~day-1']);
  assert.deepEqual(dates('en', 'last week'), ['2016-07-13..2016-07-19/day~week-1']);
  assert.deepEqual(dates('en', 'this week'), ['2016-07-14..2016-07-20/day~week0']);
  assert.deepEqual(dates('en', 'last month'), ['2016-06-01..2016-06-30/month~month-1']);
  assert.deepEqual(dates('en', 'earlier this month'), ['2016-07-01..2016-07-31/month~month0']);
  assert.deepEqual(dates('en', 'this month'), ['2016-07-01..2016-07-31/month~month0']);
  assert.deepEqual(dates('en', 'last year'), ['2015-01-01..2015-12-31/year~year-1']);
  assert.deepEqual(dates('en', 'three days ago'), [day('2016-07-17') + '~day-3']);
  assert.deepEqual(dates('en', 'two weeks ago'), ['2016-07-06..2016-07-12/day~week-2']);
  assert.deepEqual(dates('en', 'on the 5th of this month'), [day('2016-07-05') + '~month0']);
  // Wednesday 20 July: "Sunday" is the 17th, "Wednesday" the day itself, "last Wednesday" the 13th.
  assert.deepEqual(dates('en', 'on Sunday'), [day('2016-07-17')]);
  assert.deepEqual(dates('en', 'on Wednesday'), [day('2016-07-20')]);
  assert.deepEqual(dates('en', 'last Wednesday'), [day('2016-07-13')]);
  assert.deepEqual(dates('en', 'next Friday'), [day('2016-07-22')]);
  assert.equal(mentions('en', 'on Sunday')[0].weekday, 0);
  assert.deepEqual(dates('en', "Tuesday's attack"), [day('2016-07-19')]);
  assert.deepEqual(dates('en', "last year's attack"), ['2015-01-01..2015-12-31/year~year-1']);
});

test('without a publication date, relative dates stay relative and yearless dates keep their parts', () => {
  const [y] = mentions('en', 'yesterday', null);
  assert.equal(y.start, null);
  assert.equal(y.end, null);
  assert.deepEqual(y.relative, { unit: 'day', offset: -1 });
  const [w] = mentions('ar', 'الأسبوع الماضي', null);
  assert.deepEqual([w.start, w.relative], [null, { unit: 'week', offset: -1 }]);
  const [f] = mentions('fa', 'ماه گذشته', null);
  assert.deepEqual([f.start, f.precision, f.calendar, f.relative], [null, 'month', 'persian', { unit: 'month', offset: -1 }]);
  const [s] = mentions('en', 'on Sunday', null);
  assert.deepEqual([s.start, s.weekday], [null, 0]);
  const [j] = mentions('en', 'on 18 July', null);
  assert.deepEqual([j.start, j.precision, j.parts], [null, 'day', { month: 7, day: 18 }]);
  // With a year, no publication date is needed.
  assert.deepEqual(dates('fa', '۲۸ تیر ۱۳۹۵', null), [day('2016-07-18')]);
});

test('English words that are not dates', () => {
  for (const text of [
    'Five may die of their wounds.',
    'The toll may rise.',
    'Protesters march on the capital.',
    'The march began at noon.',
    'In 2016 people were killed.',
    'in the 1990s',
    'The next day, police arrested two men.',
    'Jan Egeland said',
    'They sat down.',
  ]) assert.deepEqual(dates('en', text), [], text);
  assert.deepEqual(dates('en', 'on 5 May'), [day('2016-05-05')]);
  assert.deepEqual(dates('en', 'in May'), ['2016-05-01..2016-05-31/month']);
  assert.deepEqual(dates('en', 'May 5, 2016'), [day('2016-05-05')]);
  assert.deepEqual(dates('en', 'LONDON, 5 May (Reuters) -'), [day('2016-05-05')]);
});

test('Arabic month names: standard, Levantine, Maghreb, Moroccan, combined', () => {
  assert.deepEqual(dates('ar', 'قتل 5 أشخاص في 18 يوليو 2016'), [day('2016-07-18')]);
  assert.deepEqual(dates('ar', 'في 18 تموز 2016'), [day('2016-07-18')]);
  assert.deepEqual(dates('ar', 'في 26 تشرين الأول 2015'), [day('2015-10-26')]);
  assert.deepEqual(dates('ar', 'في 26 تشرين الأول/أكتوبر 2015'), [day('2015-10-26')]);
  assert.deepEqual(dates('ar', 'في 3 كانون الثاني 2016'), [day('2016-01-03')]);
  assert.deepEqual(dates('ar', 'في 1 جانفي 2016'), [day('2016-01-01')]);
  assert.deepEqual(dates('ar', 'في 14 جويلية 2016'), [day('2016-07-14')]);
  assert.deepEqual(dates('ar', 'في 15 أوت 2015'), [day('2015-08-15')]);
  assert.deepEqual(dates('ar', 'في 20 دجنبر 2015'), [day('2015-12-20')]);
  assert.deepEqual(dates('ar', 'في 9 غشت 2015'), [day('2015-08-09')]);
  assert.deepEqual(dates('ar', 'في أغسطس/آب 2015'), ['2015-08-01..2015-08-31/month']);
  assert.deepEqual(dates('ar', 'في مايو ايار 2016'), ['2016-05-01..2016-05-31/month']);
  assert.deepEqual(dates('ar', 'في مايو (أيار) 2016'), ['2016-05-01..2016-05-31/month']);
  assert.deepEqual(dates('ar', 'في 5 ماي 2016'), [day('2016-05-05')]);
  assert.deepEqual(dates('ar', 'في شهر يونيو'), ['2016-06-01..2016-06-30/month']);
  assert.deepEqual(dates('ar', 'في ١٨ يوليو ٢٠١٦'), [day('2016-07-18')]);
  assert.deepEqual(dates('ar', '18/7/2016'), [day('2016-07-18')]);
  assert.deepEqual(dates('ar', 'الاثنين 18 يوليو 2016'), [day('2016-07-18')]);
  assert.equal(mentions('ar', 'الاثنين 18 يوليو 2016')[0].weekday, 1);
});

test('Arabic ordinal days', () => {
  assert.deepEqual(dates('ar', 'في الخامس من يونيو'), [day('2016-06-05')]);
  assert.deepEqual(dates('ar', 'في الأول من يوليو'), [day('2016-07-01')]);
  assert.deepEqual(dates('ar', 'في الحادي عشر من سبتمبر 2001'), [day('2001-09-11')]);
  assert.deepEqual(dates('ar', 'في السادس والعشرين من حزيران'), [day('2016-06-26')]);
  assert.deepEqual(dates('ar', 'في العشرين من يونيو'), [day('2016-06-20')]);
  assert.deepEqual(dates('ar', 'في الحادي والثلاثين من مايو'), [day('2016-05-31')]);
  assert.deepEqual(dates('ar', 'في الخامس من الشهر الجاري'), [day('2016-07-05') + '~month0']);
  assert.deepEqual(dates('ar', 'في الخامس من شهر حزيران'), [day('2016-06-05')]);
});

test('Hijri dates in Arabic and Persian (Umm al-Qura)', () => {
  assert.deepEqual(dates('ar', 'في 15 رمضان 1437 هـ'), [day('2016-06-20')]);
  assert.equal(mentions('ar', 'في 15 رمضان 1437 هـ')[0].calendar, 'islamic');
  assert.deepEqual(dates('ar', 'في الأول من محرم 1438'), [day('2016-10-02')]);
  assert.deepEqual(dates('ar', 'في 10 ذو الحجة 1436'), [day('2015-09-23')]);
  assert.deepEqual(dates('ar', 'خلال شهر رمضان'), ['2016-06-06..2016-07-05/month']);
  assert.deepEqual(dates('ar', 'عام 1437 هـ'), ['2015-10-14..2016-10-01/year']);
  assert.deepEqual(dates('fa', '۱۵ محرم ۱۴۳۸ ق'), [day('2016-10-16')]);
  assert.deepEqual(dates('fa', 'در ماه رمضان'), ['2016-06-06..2016-07-05/month']);
});

test('Arabic years, ranges and lists', () => {
  assert.deepEqual(dates('ar', 'قتل رجل عمره 34 عاما في عام 2011'), ['2011-01-01..2011-12-31/year']);
  assert.deepEqual(dates('ar', 'منذ عام 2011'), ['2011-01-01..2011-12-31/year']);
  assert.deepEqual(dates('ar', 'في 2016م'), ['2016-01-01..2016-12-31/year']);
  assert.deepEqual(dates('ar', 'بين 5 و12 يونيو'), ['2016-06-05..2016-06-12/day']);
  assert.deepEqual(dates('ar', 'من 5 إلى 12 يونيو 2015'), ['2015-06-05..2015-06-12/day']);
  assert.deepEqual(dates('ar', 'في الفترة من 28 يونيو حتى 3 يوليو'), ['2016-06-28..2016-07-03/day']);
  assert.deepEqual(dates('ar', 'بين عامي 2014 و2016'), ['2014-01-01..2016-12-31/year']);
  assert.deepEqual(dates('ar', 'يومي 5 و12 يونيو'), [day('2016-06-05'), day('2016-06-12')]);
});

test('Arabic relative dates and weekdays', () => {
  assert.deepEqual(dates('ar', 'اليوم'), [day('2016-07-20') + '~day0']);
  assert.deepEqual(dates('ar', 'أمس'), [day('2016-07-19') + '~day-1']);
  assert.deepEqual(dates('ar', 'وقال أمس'), [day('2016-07-19') + '~day-1']);
  assert.deepEqual(dates('ar', 'أول من أمس'), [day('2016-07-18') + '~day-2']);
  assert.deepEqual(dates('ar', 'أمس الأول'), [day('2016-07-18') + '~day-2']);
  assert.deepEqual(dates('ar', 'الليلة الماضية'), [day('2016-07-19') + '~day-1']);
  assert.deepEqual(dates('ar', 'الأسبوع الماضي'), ['2016-07-13..2016-07-19/day~week-1']);
  assert.deepEqual(dates('ar', 'والأسبوع الماضي'), ['2016-07-13..2016-07-19/day~week-1']);
  assert.deepEqual(dates('ar', 'الشهر الماضي'), ['2016-06-01..2016-06-30/month~month-1']);
  assert.deepEqual(dates('ar', 'مطلع الشهر الماضي'), ['2016-06-01..2016-06-30/month~month-1']);
  assert.deepEqual(dates('ar', 'العام الماضي'), ['2015-01-01..2015-12-31/year~year-1']);
  assert.deepEqual(dates('ar', 'السنة الماضية'), ['2015-01-01..2015-12-31/year~year-1']);
  assert.deepEqual(dates('ar', 'قبل ثلاثة أيام'), [day('2016-07-17') + '~day-3']);
  assert.deepEqual(dates('ar', 'قبل يومين'), [day('2016-07-18') + '~day-2']);
  assert.deepEqual(dates('ar', 'في يونيو الماضي'), ['2016-06-01..2016-06-30/month']);
  assert.deepEqual(dates('ar', 'في تموز الماضي'), ['2015-07-01..2015-07-31/month']);
  assert.deepEqual(dates('ar', 'في يونيو من العام الماضي'), ['2015-06-01..2015-06-30/month~year-1']);
  assert.deepEqual(dates('ar', 'اليوم الاثنين'), [day('2016-07-18')]);
  assert.deepEqual(dates('ar', 'يوم الأحد'), [day('2016-07-17')]);
  assert.deepEqual(dates('ar', 'مساء الخميس'), [day('2016-07-14')]);
  assert.deepEqual(dates('ar', 'الأحد الماضي'), [day('2016-07-17')]);
  assert.deepEqual(dates('ar', 'الأربعاء الماضي'), [day('2016-07-13')]);
  assert.deepEqual(dates('ar', 'الجمعة المقبلة'), [day('2016-07-22')]);
  assert.deepEqual(dates('ar', 'الثلاثاء'), [day('2016-07-19')]);
});

test('Arabic words that are not dates', () => {
  for (const text of [
    'قتل الاثنين في الهجوم',
    'لم يصب أحد بأذى',
    'قتل أب وابنه',
    'قتل الأب وابنه',
    'نسبة صفر في المئة',
    'قال رمضان عبد الله',
    'مارس الضغط على الحكومة',
    'ماي',
    'في اليوم التالي اعتقل رجلان',
    'بعد صلاة الجمعة',
    'منذ سنوات',
    'قتل 1500 شخص',
    'نحن بأمس الحاجة إلى المساعدة',
  ]) assert.deepEqual(dates('ar', text), [], text);
  // A number before a month name in a date context is still a date.
  assert.deepEqual(dates('ar', 'وقع تفجيران في المدينة يوم 31 أكتوبر'), [day('2015-10-31')]);
  assert.deepEqual(dates('ar', 'في 5 آب'), [day('2015-08-05')]);
  assert.deepEqual(dates('ar', 'في آذار الماضي'), ['2016-03-01..2016-03-31/month']);
});

test('Persian solar dates, Gregorian months in Persian, ordinals', () => {
  assert.deepEqual(dates('fa', '۲۸ تیر ۱۳۹۵'), [day('2016-07-18')]);
  assert.equal(mentions('fa', '۲۸ تیر ۱۳۹۵')[0].calendar, 'persian');
  assert.deepEqual(mentions('fa', '۲۸ تیر ۱۳۹۵')[0].parts, { year: 1395, month: 4, day: 28 });
  assert.deepEqual(dates('fa', '۲۸ تیرماه ۱۳۹۵'), [day('2016-07-18')]);
  assert.deepEqual(dates('fa', '۲۸ تیر ماه'), [day('2016-07-18')]);
  assert.deepEqual(dates('fa', '۱ فروردین ۱۳۹۵'), [day('2016-03-20')]);
  assert.deepEqual(dates('fa', '۳۰ اسفند ۱۳۹۵'), [day('2017-03-20')]);
  assert.deepEqual(dates('fa', 'خرداد ۱۳۹۵'), ['2016-05-21..2016-06-20/month']);
  assert.deepEqual(dates('fa', 'سال ۱۳۹۵'), ['2016-03-20..2017-03-20/year']);
  assert.deepEqual(dates('fa', '۲۸ تیر ۹۵'), [day('2016-07-18')]);
  assert.deepEqual(dates('fa', 'مهر ۹۴'), ['2015-09-23..2015-10-22/month']);
  assert.deepEqual(dates('fa', 'سال ۹۵'), ['2016-03-20..2017-03-20/year']);
  assert.deepEqual(dates('fa', '۵ تیر ۱۲ نفر کشته شدند'), [day('2016-06-25')]);
  assert.deepEqual(dates('fa', 'سال ۲۰۱۶ میلادی'), ['2016-01-01..2016-12-31/year']);
  assert.deepEqual(dates('fa', '۱۳۹۵/۴/۲۸'), [day('2016-07-18')]);
  assert.deepEqual(dates('fa', '۱۸ ژوئیه ۲۰۱۶'), [day('2016-07-18')]);
  assert.equal(mentions('fa', '۱۸ ژوئیه ۲۰۱۶')[0].calendar, 'gregory');
  assert.deepEqual(dates('fa', '۱۸ جولای'), [day('2016-07-18')]);
  assert.deepEqual(dates('fa', '۲۰ می ۲۰۱۶'), [day('2016-05-20')]);
  assert.deepEqual(dates('fa', '۲۰ مه ۲۰۱۶'), [day('2016-05-20')]);
  assert.deepEqual(dates('fa', '۵ اوت ۲۰۱۵'), [day('2015-08-05')]);
  assert.deepEqual(dates('fa', '۵ آگوست ۲۰۱۵'), [day('2015-08-05')]);
  assert.deepEqual(dates('fa', 'اول مهر'), [day('2015-09-23')]);
  assert.deepEqual(dates('fa', 'پنجم خرداد'), [day('2016-05-25')]);
  assert.deepEqual(dates('fa', 'بیست و یکم خرداد'), [day('2016-06-10')]);
  assert.deepEqual(dates('fa', 'بیست‌ویکم خرداد'), [day('2016-06-10')]);
  assert.deepEqual(dates('fa', 'سی‌ام خرداد'), [day('2016-06-19')]);
  assert.deepEqual(dates('fa', 'سی و یکم خرداد'), [day('2016-06-20')]);
  assert.deepEqual(dates('fa', '۵ام خرداد'), [day('2016-05-25')]);
});

test('Persian ranges, relative dates and weekdays', () => {
  assert.deepEqual(dates('fa', '۵ تا ۱۲ خرداد'), ['2016-05-25..2016-06-01/day']);
  assert.deepEqual(dates('fa', 'از ۵ تا ۱۲ خرداد ۱۳۹۴'), ['2015-05-26..2015-06-02/day']);
  assert.deepEqual(dates('fa', 'بین ۵ و ۱۲ خرداد'), ['2016-05-25..2016-06-01/day']);
  assert.deepEqual(dates('fa', 'امروز'), [day('2016-07-20') + '~day0']);
  assert.deepEqual(dates('fa', 'دیروز'), [day('2016-07-19') + '~day-1']);
  assert.deepEqual(dates('fa', 'روز گذشته'), [day('2016-07-19') + '~day-1']);
  assert.deepEqual(dates('fa', 'پریروز'), [day('2016-07-18') + '~day-2']);
  assert.deepEqual(dates('fa', 'هفته گذشته'), ['2016-07-13..2016-07-19/day~week-1']);
  assert.deepEqual(dates('fa', 'هفته پیش'), ['2016-07-13..2016-07-19/day~week-1']);
  // Persian months and years are Jalali unless "میلادی" says otherwise.
  assert.deepEqual(dates('fa', 'ماه گذشته'), ['2016-05-21..2016-06-20/month~month-1']);
  assert.deepEqual(dates('fa', 'ماه پیش'), ['2016-05-21..2016-06-20/month~month-1']);
  assert.deepEqual(dates('fa', 'ماه گذشته میلادی'), ['2016-06-01..2016-06-30/month~month-1']);
  assert.equal(mentions('fa', 'ماه گذشته میلادی')[0].calendar, 'gregory');
  assert.deepEqual(dates('fa', 'سال گذشته'), ['2015-03-21..2016-03-19/year~year-1']);
  assert.deepEqual(dates('fa', 'پارسال'), ['2015-03-21..2016-03-19/year~year-1']);
  assert.deepEqual(dates('fa', 'امسال'), ['2016-03-20..2017-03-20/year~year0']);
  assert.deepEqual(dates('fa', 'سه روز پیش'), [day('2016-07-17') + '~day-3']);
  assert.deepEqual(dates('fa', 'دو هفته پیش'), ['2016-07-06..2016-07-12/day~week-2']);
  assert.deepEqual(dates('fa', 'خرداد سال گذشته'), ['2015-05-22..2015-06-21/month~year-1']);
  assert.deepEqual(dates('fa', 'امروز دوشنبه'), [day('2016-07-18')]);
  assert.deepEqual(dates('fa', 'روز یکشنبه'), [day('2016-07-17')]);
  assert.deepEqual(dates('fa', 'یکشنبه گذشته'), [day('2016-07-17')]);
  assert.deepEqual(dates('fa', 'سه‌شنبه'), [day('2016-07-19')]);
  assert.deepEqual(dates('fa', 'سه شنبه'), [day('2016-07-19')]);
  assert.deepEqual(dates('fa', 'پنجشنبه'), [day('2016-07-14')]);
  assert.deepEqual(dates('fa', 'روز جمعه'), [day('2016-07-15')]);
  assert.deepEqual(dates('fa', 'روز دوشنبه'), [day('2016-07-18')]);
  assert.deepEqual(dates('fa', 'جمعه گذشته'), [day('2016-07-15')]);
});

test('Persian words that are not dates', () => {
  for (const text of [
    'مهاجم با تیر به او زد',
    'سه تیر شلیک شد',
    'مهر سازمان ملل',
    'مردم می خواهند',
    'مه غلیظ',
    'می',
    'آب قطع شد',
    'آذر خانم گفت',
    'در سه روز گذشته',
    'طی روزهای گذشته',
    'روز بعد دستگیر شد',
    'دوشنبه - آسیای میانه',
    'سفارتخانه‌ها در دوشنبه',
    'امام جمعه تهران گفت',
  ]) assert.deepEqual(dates('fa', text), [], text);
  assert.deepEqual(dates('fa', 'ماه می'), ['2016-05-01..2016-05-31/month']);
  assert.deepEqual(dates('fa', '۵ دی'), [day('2015-12-26')]);
  assert.deepEqual(dates('fa', 'تیر ماه'), ['2016-06-21..2016-07-21/month']);
});

test('mentions are found within the given token range only and map to their tokens', () => {
  const l = lex('en');
  const text = 'On 5 June. Police said yesterday that 3 died.';
  const f = fold(text);
  const sentences = splitSentences(f.text);
  const tokens = tokenize(f.text, sentences);
  const forms = tokens.map((t) => l.forms(t));
  const first = tokens.findIndex((t) => t.start >= sentences[1].start);
  const found = findDates(tokens, forms, l, first, tokens.length, { published: PUB });
  assert.equal(found.length, 1);
  assert.equal(tokens[found[0].from].text, 'yesterday');
  assert.equal(found[0].to, found[0].from + 1);
});

test('datelines give the publication date', () => {
  assert.equal(datelineOf('ALMATY, July 18 (Reuters) - Gunmen killed three policemen.', lex('en'), { reference: '2016-07-25' })?.start, '2016-07-18');
  const yearless = datelineOf('ALMATY, July 18 (Reuters) - Gunmen killed three policemen.', lex('en'));
  assert.equal(yearless?.start, null);
  assert.deepEqual(yearless?.parts, { month: 7, day: 18 });
  assert.equal(datelineOf('ALMATY, Kazakhstan, July 18, 2016 - Gunmen killed', lex('en'))?.start, '2016-07-18');
  assert.equal(datelineOf('SHIRAZ, Iran, Oct. 26 — A gunman opened fire.', lex('en'), { reference: '2022-10-27' })?.start, '2022-10-26');
  assert.equal(datelineOf('Title line\n\nBEIRUT, 5 May (AFP) - Three', lex('en'), { reference: '2016-05-06' })?.start, '2016-05-05');
  assert.equal(datelineOf('طهران - 26 تشرين الأول/أكتوبر 2022 (آي بي إس) - أعلنت السلطات', lex('ar'))?.start, '2022-10-26');
  assert.equal(datelineOf('الاثنين 18 يوليو 2016\nقتل خمسة أشخاص', lex('ar'))?.start, '2016-07-18');
  assert.equal(datelineOf('آلماتی - ۲۸ تیر ۱۳۹۵ - مهاجمان', lex('fa'))?.start, '2016-07-18');
  assert.equal(datelineOf('تهران - ۱۳۹۵/۴/۲۸ - مهاجمان', lex('fa'))?.start, '2016-07-18');
  // A date inside the story is not a dateline.
  assert.equal(datelineOf('On July 18, 2016, gunmen attacked a police station.', lex('en')), null);
  assert.equal(datelineOf('Gunmen attacked a police station in the city of Almaty on Monday July 18, 2016 - police said.', lex('en')), null);
  assert.equal(datelineOf('قتل خمسة أشخاص أمس - حسب الشرطة', lex('ar')), null);
  assert.equal(datelineOf('از ۵ تا ۱۲ خرداد ۱۳۹۵ - جشنواره', lex('fa')), null);
  // findDateline over tokens the host already has.
  const l = lex('fa');
  const f = fold('آلماتی - ۲۸ تیر ۱۳۹۵ - مهاجمان');
  const tokens = tokenize(f.text, splitSentences(f.text));
  const m = findDateline(tokens, tokens.map((t) => l.forms(t)), l, 0, tokens.length);
  assert.deepEqual([m?.start, m?.from, m?.to], ['2016-07-18', 1, 4]);
});

test('no lexicon dates, empty ranges and odd input never throw', () => {
  const l = lex('en');
  const bare = { ...l, dates: undefined };
  const f = fold('on 5 June');
  const tokens = tokenize(f.text, [{ start: 0, end: f.text.length }]);
  assert.deepEqual(findDates(tokens, tokens.map((t) => l.forms(t)), bare, 0, tokens.length, { published: PUB }), []);
  assert.deepEqual(findDates(tokens, tokens.map((t) => l.forms(t)), l, 2, 2, { published: PUB }), []);
  // An impossible day leaves the month.
  assert.deepEqual(dates('en', 'on 31 February 2016'), ['2016-02-01..2016-02-29/month']);
  assert.deepEqual(dates('en', '99/99/2016 and 0/0/2016'), []);
  assert.deepEqual(dates('en', 'on 5 June', 'not a date'), ['null..null/day']);
  // 1394 is not a leap year: Esfand has 29 days. 1395 is.
  assert.deepEqual(dates('fa', '۳۰ اسفند ۱۳۹۴'), []);
  assert.deepEqual(dates('en', 'on 29 February 2015'), []);
});
