// Writes the "dates" key of lexicons/{ar,fa,en}.json and nothing else.
// Month and weekday names come from Intl.DateTimeFormat (ICU) where it has them; the rest
// (Levantine and Maghreb variants, ordinals, relative words) is written out below.
// Usage: node scripts/genDateLexicons.mjs            (rewrites the three files' "dates")
//        node scripts/genDateLexicons.mjs --check    (exits 1 when a file's "dates" differs)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(process.cwd(), 'lexicons');
const check = process.argv.includes('--check');

/** Month names 1..12 of `calendar` in `locale`, from ICU. */
function icuMonths(locale, calendar) {
  const name = new Intl.DateTimeFormat(`${locale}-u-ca-${calendar}`, { month: 'long', timeZone: 'UTC' });
  const num = new Intl.DateTimeFormat(`en-u-ca-${calendar}`, { month: 'numeric', timeZone: 'UTC' });
  const out = new Array(12).fill(null);
  for (let d = 0; d < 800; d += 3) {
    const dt = new Date(Date.UTC(2020, 0, 1) + d * 864e5);
    const m = Number(num.format(dt));
    if (!out[m - 1]) out[m - 1] = name.format(dt);
  }
  return out;
}
/** Weekday names, 0 = Sunday. */
function icuWeekdays(locale) {
  const f = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2023, 0, 1 + i)))); // 2023-01-01 was a Sunday
}

/** Merges per-month word lists: `lists` are arrays of 12 entries (a string, an array or null). */
function monthEntries(calendar, ...lists) {
  return Array.from({ length: 12 }, (_, i) => {
    const words = [];
    for (const l of lists) for (const w of [l[i]].flat()) if (w && !words.includes(w)) words.push(w);
    return { calendar, month: i + 1, words };
  });
}
const uniq = (a) => [...new Set(a)];

// ---------------------------------------------------------------- Arabic
const arOrdUnits = ['الأول', 'الثاني', 'الثالث', 'الرابع', 'الخامس', 'السادس', 'السابع', 'الثامن', 'التاسع'];
const arOrdinals = {};
arOrdUnits.forEach((w, i) => { arOrdinals[w] = i + 1; });
arOrdinals['أول'] = 1;
arOrdinals['غرة'] = 1;
arOrdinals['العاشر'] = 10;
arOrdinals['الحادي عشر'] = 11;
arOrdUnits.slice(1).forEach((w, i) => { arOrdinals[`${w} عشر`] = i + 12; });
for (const [tens, v] of [['العشرين', 20], ['العشرون', 20], ['الثلاثين', 30], ['الثلاثون', 30]]) {
  arOrdinals[tens] = v;
  const units = v === 30 ? ['الحادي'] : ['الحادي', ...arOrdUnits.slice(1)];
  units.forEach((u, i) => {
    arOrdinals[`${u} و${tens.slice(0)}`] = v + i + 1;
    arOrdinals[`${u} و ${tens}`] = v + i + 1;
  });
}

const ar = {
  calendar: 'gregory',
  months: [
    ...monthEntries('gregory', icuMonths('ar', 'gregory'), icuMonths('ar-SY', 'gregory'), icuMonths('ar-DZ', 'gregory'), icuMonths('ar-MA', 'gregory'),
      [null, null, null, 'ابريل', null, 'يونيه', 'يوليه', null, null, null, null, null],
      ['كانون ثاني', null, null, null, null, null, null, null, null, 'تشرين أول', 'تشرين ثاني', 'كانون أول'],
      [null, null, null, null, null, null, null, null, null, null, null, null]),
    ...monthEntries('islamic', icuMonths('ar', 'islamic-umalqura'),
      [null, null, null, 'ربيع الثاني', 'جمادى الأول', ['جمادى الثانية', 'جمادى الآخر', 'جمادى الثاني'], null, null, null, null, 'ذي القعدة', 'ذي الحجة']),
  ],
  guardedMonths: ['مارس', 'آب', 'نيسان', 'ماي', 'محرم', 'صفر', 'رجب', 'شعبان', 'رمضان', 'شوال'],
  strictMonths: ['آب'],
  monthContext: ['شهر', 'في', 'خلال', 'مطلع', 'أوائل', 'منتصف', 'أواسط', 'أواخر', 'نهاية', 'بداية', 'حتى', 'منذ'],
  monthWords: ['شهر'],
  dayContext: ['في', 'يوم', 'منذ', 'حتى', 'بتاريخ', 'تاريخ', 'ليلة', 'صباح', 'مساء', 'فجر'],
  dayMonthConnectors: ['من'],
  ordinals: arOrdinals,
  weekdays: icuWeekdays('ar').map((w, day) => ({ day, words: uniq([w, ...(day === 1 ? ['الإثنين'] : [])]) })),
  guardedWeekdays: ['الأحد', 'الاثنين', 'الإثنين', 'الجمعة'],
  weekdayMarkers: ['يوم', 'اليوم', 'صباح', 'مساء', 'ليلة', 'ليل', 'فجر', 'ظهر', 'عصر', 'صباح يوم', 'مساء يوم', 'فجر يوم', 'ظهر يوم', 'عصر يوم', 'ليل يوم', 'صباح اليوم', 'مساء اليوم', 'فجر اليوم'],
  modifiers: [
    { words: ['الماضي', 'الماضية', 'المنصرم', 'المنصرمة', 'الفائت', 'الفائتة'], position: 'after', offset: -1 },
    { words: ['المقبل', 'المقبلة', 'القادم', 'القادمة'], position: 'after', offset: 1 },
    { words: ['الجاري', 'الجارية', 'الحالي', 'الحالية'], position: 'after', offset: 0 },
  ],
  relative: [
    { words: ['اليوم', 'هذا اليوم', 'الليلة', 'هذه الليلة'], unit: 'day', offset: 0 },
    { words: ['أمس', 'الأمس', 'يوم أمس', 'البارحة', 'الليلة الماضية', 'ليلة أمس', 'مساء أمس', 'صباح أمس', 'فجر أمس'], unit: 'day', offset: -1 },
    { words: ['أول من أمس', 'أول أمس', 'أمس الأول', 'قبل أمس'], unit: 'day', offset: -2 },
    { words: ['غدا', 'يوم غد', 'الغد', 'صباح الغد'], unit: 'day', offset: 1 },
    ...[['الأسبوع', 'week'], ['الشهر', 'month'], ['العام', 'year'], ['السنة', 'year']].flatMap(([w, unit]) => {
      const fem = w === 'السنة';
      return [
        { words: fem ? ['السنة الماضية', 'السنة المنصرمة', 'السنة الفائتة'] : [`${w} الماضي`, `${w} المنصرم`, `${w} الفائت`], unit, offset: -1 },
        { words: fem ? ['هذه السنة', 'السنة الجارية', 'السنة الحالية'] : [`هذا ${w}`, `${w} الجاري`, `${w} الحالي`], unit, offset: 0 },
        { words: fem ? ['السنة المقبلة', 'السنة القادمة'] : [`${w} المقبل`, `${w} القادم`], unit, offset: 1 },
      ];
    }),
    ...['مطلع', 'أوائل', 'بداية', 'منتصف', 'أواسط', 'أواخر', 'نهاية'].flatMap((p) => [
      { words: [`${p} الشهر الماضي`, `${p} الشهر المنصرم`], unit: 'month', offset: -1, precision: 'month' },
      { words: [`${p} الشهر`, `${p} الشهر الجاري`, `${p} هذا الشهر`, `${p} الشهر الحالي`], unit: 'month', offset: 0, precision: 'month' },
      { words: [`${p} العام الماضي`, `${p} السنة الماضية`], unit: 'year', offset: -1, precision: 'year' },
      { words: [`${p} العام`, `${p} العام الجاري`, `${p} هذا العام`, `${p} العام الحالي`], unit: 'year', offset: 0, precision: 'year' },
    ]),
  ],
  notDates: ['اليوم التالي', 'اليوم السابق', 'اليوم نفسه', 'اليوم ذاته', 'اليوم الأول', 'اليوم الثاني', 'اليوم الثالث', 'اليوم الرابع', 'اليوم الخامس',
    'اليوم العالمي', 'اليوم الوطني', 'أمس الحاجة', 'اليوم قبل الغد', 'الليلة التالية', 'الليلة نفسها', 'الأسبوع التالي', 'الشهر التالي', 'العام التالي', 'الأسبوع الأول', 'الشهر الأول', 'العام الأول'],
  units: [
    { words: ['يوم'], unit: 'day' }, { words: ['يومين'], unit: 'day', count: 2 }, { words: ['أيام'], unit: 'day', plural: true },
    { words: ['أسبوع'], unit: 'week' }, { words: ['أسبوعين'], unit: 'week', count: 2 }, { words: ['أسابيع'], unit: 'week', plural: true },
    { words: ['شهر'], unit: 'month' }, { words: ['شهرين'], unit: 'month', count: 2 }, { words: ['أشهر', 'شهور'], unit: 'month', plural: true },
    { words: ['عام', 'سنة'], unit: 'year' }, { words: ['عامين', 'سنتين'], unit: 'year', count: 2 }, { words: ['أعوام', 'سنوات', 'سنين'], unit: 'year', plural: true },
  ],
  ago: { before: ['قبل', 'منذ'] },
  yearMarkers: [
    { words: ['عام', 'العام', 'سنة', 'السنة', 'عامي', 'سنتي'], position: 'before' },
    { words: ['في', 'منذ', 'حتى', 'خلال'], position: 'before', weak: true },
    { words: ['م', 'ميلادي', 'ميلادية', 'للميلاد'], position: 'after', calendar: 'gregory' },
    { words: ['هـ', 'ه', 'هجري', 'هجرية', 'للهجرة'], position: 'after', calendar: 'islamic' },
    { words: ['ه ش', 'هجري شمسي', 'ش'], position: 'after', calendar: 'persian' },
  ],
  yearRanges: [{ calendar: 'islamic', min: 1300, max: 1500 }],
  rangeOpeners: ['من', 'بين', 'ما بين', 'في الفترة من', 'في الفترة بين', 'خلال الفترة من', 'خلال الفترة بين'],
  rangeJoiners: ['إلى', 'الى', 'حتى', 'لغاية', 'ولغاية', 'وحتى'],
  rangeOpenerJoiners: ['و'],
  numericOrder: 'dmy',
};

// ---------------------------------------------------------------- Persian
const faUnits = ['یکم', 'دوم', 'سوم', 'چهارم', 'پنجم', 'ششم', 'هفتم', 'هشتم', 'نهم'];
const faOrdinals = { 'اول': 1, 'نخست': 1 };
faUnits.forEach((w, i) => { faOrdinals[w] = i + 1; });
Object.assign(faOrdinals, {
  'دهم': 10, 'یازدهم': 11, 'دوازدهم': 12, 'سیزدهم': 13, 'چهاردهم': 14, 'پانزدهم': 15, 'پونزدهم': 15, 'شانزدهم': 16,
  'هفدهم': 17, 'هیفدهم': 17, 'هجدهم': 18, 'هیجدهم': 18, 'نوزدهم': 19, 'بیستم': 20, 'سی‌ام': 30, 'سی ام': 30,
});
for (const [tens, v] of [['بیست', 20], ['سی', 30]]) {
  (v === 30 ? faUnits.slice(0, 1) : faUnits).forEach((u, i) => {
    faOrdinals[`${tens} و ${u}`] = v + i + 1;
    faOrdinals[`${tens}‌و‌${u}`] = v + i + 1;
  });
}
const solar = icuMonths('fa', 'persian');
const fa = {
  calendar: 'persian',
  months: [
    ...monthEntries('persian', solar, solar.map((m) => `${m}‌ماه`), [null, 'اردی‌بهشت', null, null, 'امرداد', null, null, null, null, null, null, null]),
    ...monthEntries('gregory', icuMonths('fa', 'gregory'), icuMonths('fa-AF', 'gregory'),
      [null, null, null, 'آپریل', 'می', null, 'جولای', 'آگوست', null, 'اُکتبر', null, null],
      [null, null, null, null, null, null, null, 'اگوست', null, null, null, null]),
    ...monthEntries('islamic', icuMonths('fa', 'islamic-umalqura'),
      [null, null, 'ربیع الاول', ['ربیع الثانی', 'ربیع‌الآخر', 'ربیع الآخر'], ['جمادی الاول', 'جمادی‌الاولی', 'جمادی الاولی'], ['جمادی الثانی', 'جمادی‌الآخر', 'جمادی الآخر', 'جمادی‌الآخره'], null, null, null, null,
        ['ذی‌القعده', 'ذی القعده'], ['ذی‌الحجه', 'ذی الحجه']]),
  ],
  guardedMonths: ['تیر', 'مهر', 'آذر', 'دی', 'بهمن', 'مه', 'می', 'جون', 'محرم', 'صفر', 'رجب', 'شعبان', 'رمضان', 'شوال'],
  strictMonths: [],
  monthContext: ['ماه', 'اوایل', 'اواسط', 'اواخر', 'ابتدای', 'پایان', 'نیمه'],
  monthWords: ['ماه'],
  monthSuffixes: ['ماه'],
  dayContext: ['در', 'روز', 'از', 'تا', 'تاریخ', 'شب', 'صبح', 'بامداد', 'عصر'],
  ordinals: faOrdinals,
  ordinalSuffixes: ['ام'],
  weekdays: icuWeekdays('fa').map((w, day) => ({
    day,
    words: uniq([w, w.replace('\u200c', ' '), w.replace('\u200c', ''), ...(day === 0 ? ['یک شنبه'] : day === 4 ? ['پنج‌شنبه', 'پنج شنبه'] : day === 1 ? ['دو شنبه'] : day === 3 ? ['چهار شنبه'] : [])]),
  })),
  guardedWeekdays: ['جمعه', 'دوشنبه', 'دو شنبه'],
  weekdayMarkers: ['روز', 'امروز', 'صبح', 'عصر', 'ظهر', 'شب', 'بامداد', 'شامگاه', 'صبحگاه', 'صبح روز', 'عصر روز', 'ظهر روز', 'بامداد روز', 'شامگاه روز', 'امروز صبح'],
  modifiers: [
    { words: ['گذشته', 'پیش'], position: 'after', offset: -1 },
    { words: ['آینده'], position: 'after', offset: 1 },
    { words: ['جاری', 'امسال'], position: 'after', offset: 0 },
    { words: ['این', 'همین'], position: 'before', offset: 0 },
  ],
  relative: [
    { words: ['امروز', 'امشب', 'امروز صبح'], unit: 'day', offset: 0 },
    { words: ['دیروز', 'روز گذشته', 'دیشب', 'شب گذشته', 'دیروز صبح'], unit: 'day', offset: -1 },
    { words: ['پریروز', 'پریشب', 'روز پیش از دیروز'], unit: 'day', offset: -2 },
    { words: ['فردا'], unit: 'day', offset: 1 },
    ...[['هفته', 'week'], ['ماه', 'month'], ['سال', 'year']].flatMap(([w, unit]) => [
      { words: [`${w} گذشته`, `${w} پیش`, `${w} قبل`, ...(unit === 'year' ? ['پارسال'] : [])], unit, offset: -1 },
      { words: [`${w} جاری`, `این ${w}`, `همین ${w}`, ...(unit === 'year' ? ['امسال'] : [])], unit, offset: 0 },
      { words: [`${w} آینده`], unit, offset: 1 },
    ]),
    ...[['ماه', 'month'], ['سال', 'year']].flatMap(([w, unit]) => [
      { words: [`${w} گذشته میلادی`, `${w} پیش میلادی`], unit, offset: -1, calendar: 'gregory' },
      { words: [`${w} جاری میلادی`, `این ${w} میلادی`], unit, offset: 0, calendar: 'gregory' },
      { words: [`${w} آینده میلادی`], unit, offset: 1, calendar: 'gregory' },
    ]),
    ...['اوایل', 'اواسط', 'اواخر', 'ابتدای', 'پایان', 'نیمه'].flatMap((p) => [
      { words: [`${p} ماه گذشته`, `${p} ماه پیش`], unit: 'month', offset: -1, precision: 'month' },
      { words: [`${p} ماه جاری`, `${p} این ماه`, `${p} ماه`], unit: 'month', offset: 0, precision: 'month' },
      { words: [`${p} سال گذشته`, `${p} سال پیش`], unit: 'year', offset: -1, precision: 'year' },
      { words: [`${p} سال جاری`, `${p} امسال`], unit: 'year', offset: 0, precision: 'year' },
    ]),
  ],
  notDates: ['روز بعد', 'روز قبل', 'همان روز', 'روز اول', 'روز دوم', 'روز سوم', 'روز جهانی', 'روز ملی'],
  units: [
    { words: ['روز'], unit: 'day' }, { words: ['هفته'], unit: 'week' }, { words: ['ماه'], unit: 'month' }, { words: ['سال'], unit: 'year' },
  ],
  ago: { after: ['پیش', 'قبل'] },
  yearMarkers: [
    { words: ['سال'], position: 'before' },
    { words: ['ش', 'ه ش', 'هجری شمسی', 'شمسی', 'خورشیدی'], position: 'after', calendar: 'persian' },
    { words: ['ق', 'ه ق', 'هجری قمری', 'قمری'], position: 'after', calendar: 'islamic' },
    { words: ['م', 'میلادی'], position: 'after', calendar: 'gregory' },
  ],
  yearRanges: [{ calendar: 'persian', min: 1250, max: 1500 }],
  shortYears: { calendar: 'persian', pivot: 50, below: 1400, above: 1300 },
  rangeOpeners: ['از', 'بین', 'میان', 'در فاصله'],
  rangeJoiners: ['تا', 'الی', 'لغایت'],
  rangeOpenerJoiners: ['و'],
  numericOrder: 'dmy',
};

// ---------------------------------------------------------------- English
const enUnits = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const enOrdinals = {};
enUnits.forEach((w, i) => { enOrdinals[w] = i + 1; });
Object.assign(enOrdinals, {
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
});
for (const [tens, v] of [['twenty', 20], ['thirty', 30]]) {
  (v === 30 ? enUnits.slice(0, 1) : enUnits).forEach((u, i) => {
    enOrdinals[`${tens}-${u}`] = v + i + 1;
    enOrdinals[`${tens} ${u}`] = v + i + 1;
  });
}
const enMonths = icuMonths('en', 'gregory');
const en = {
  calendar: 'gregory',
  months: [
    ...monthEntries('gregory', enMonths, enMonths.map((m) => m.slice(0, 3)), [null, null, null, null, null, null, null, null, 'Sept', null, null, null]),
    ...monthEntries('persian', icuMonths('en', 'persian'), [null, 'Ordibehesht', null, null, 'Mordad', null, null, null, null, 'Dey', null, null]),
    ...monthEntries('islamic', ['Muharram', 'Safar', 'Rabi al-Awwal', 'Rabi al-Thani', 'Jumada al-Awwal', 'Jumada al-Thani', 'Rajab', "Sha'ban", 'Ramadan', 'Shawwal', "Dhu al-Qa'dah", 'Dhu al-Hijjah'],
      [null, null, 'Rabi al-Awal', ['Rabi al-Akhir', 'Rabi al-Sani'], 'Jumada al-Ula', ['Jumada al-Akhirah', 'Jumada al-Akhira'], null, 'Shaban', ['Ramazan', 'Ramzan'], null, ['Dhu al-Qadah', 'Dhul-Qadah', "Dhul-Qa'dah"], ['Dhul-Hijjah', 'Dhu al-Hijja']]),
  ],
  guardedMonths: ['May', 'March', 'Mar', 'Jan', 'Tir', 'Mehr', 'Azar', 'Dey', 'Bahman', 'Safar', 'Rajab'],
  strictMonths: ['May', 'March', 'Mar'],
  monthContext: ['in', 'of', 'since', 'until', 'till', 'during', 'early', 'mid', 'late', 'by', 'throughout'],
  monthWords: ['month of'],
  dayContext: ['on', 'since', 'until', 'till', 'by', 'from', 'of', 'before', 'after', 'dated'],
  monthDay: true,
  dayMonthConnectors: ['of', 'of the month of'],
  ordinals: enOrdinals,
  ordinalSuffixes: ['st', 'nd', 'rd', 'th'],
  weekdays: icuWeekdays('en').map((w, day) => ({ day, words: uniq([w, w.slice(0, 3), ...(day === 2 ? ['Tues'] : day === 4 ? ['Thur', 'Thurs'] : [])]) })),
  guardedWeekdays: ['Sun', 'Mon', 'Tue', 'Tues', 'Wed', 'Thu', 'Thur', 'Thurs', 'Fri', 'Sat'],
  weekdayMarkers: ['on', 'early on', 'late on'],
  modifiers: [
    { words: ['last', 'this past'], position: 'before', offset: -1 },
    { words: ['next', 'this coming'], position: 'before', offset: 1 },
    { words: ['this'], position: 'before', offset: 0 },
  ],
  relative: [
    { words: ['today', 'tonight', 'this morning', 'this afternoon', 'this evening', 'earlier today', 'earlier on today'], unit: 'day', offset: 0 },
    { words: ['yesterday', 'last night', 'overnight'], unit: 'day', offset: -1 },
    { words: ['the day before yesterday'], unit: 'day', offset: -2 },
    { words: ['tomorrow'], unit: 'day', offset: 1 },
    ...['week', 'month', 'year'].flatMap((unit) => [
      { words: [`last ${unit}`, `the past ${unit}`, `the last ${unit}`, `late last ${unit}`, `early last ${unit}`, `earlier last ${unit}`], unit, offset: -1 },
      { words: [`this ${unit}`, `earlier this ${unit}`, `later this ${unit}`, `the current ${unit}`], unit, offset: 0 },
      { words: [`next ${unit}`, `the coming ${unit}`, `later next ${unit}`], unit, offset: 1 },
    ]),
  ],
  notDates: ['the next day', 'the following day', 'the same day', 'the day before', 'the previous day', 'the next week', 'the following week', 'may day'],
  units: [
    { words: ['day'], unit: 'day' }, { words: ['days'], unit: 'day', plural: true },
    { words: ['week'], unit: 'week' }, { words: ['weeks'], unit: 'week', plural: true },
    { words: ['month'], unit: 'month' }, { words: ['months'], unit: 'month', plural: true },
    { words: ['year'], unit: 'year' }, { words: ['years'], unit: 'year', plural: true },
  ],
  ago: { after: ['ago'] },
  yearMarkers: [
    { words: ['the year', 'year'], position: 'before' },
    { words: ['in', 'since', 'until', 'by', 'during'], position: 'before', weak: true },
    { words: ['AD', 'CE'], position: 'after', calendar: 'gregory' },
    { words: ['AH'], position: 'after', calendar: 'islamic' },
    { words: ['SH'], position: 'after', calendar: 'persian' },
  ],
  yearRanges: [],
  rangeOpeners: ['from', 'between'],
  rangeJoiners: ['to', 'until', 'till', 'through', 'thru'],
  rangeOpenerJoiners: ['and'],
  numericOrder: 'mdy',
};

const all = { ar, fa, en };
let differs = false;
for (const [lang, dates] of Object.entries(all)) {
  const file = join(dir, `${lang}.json`);
  // Re-read right before writing: other keys of the file are edited by others.
  const text = readFileSync(file, 'utf8');
  const lex = JSON.parse(text);
  if (JSON.stringify(lex.dates) === JSON.stringify(dates)) continue;
  differs = true;
  if (check) { console.error(`${lang}.json: "dates" is out of date`); continue; }
  lex.dates = dates;
  const out = JSON.stringify(lex, null, 2) + (text.endsWith('\n') ? '\n' : '');
  writeFileSync(file, out);
  console.log(`${lang}.json: "dates" written`);
}
if (check && differs) process.exit(1);
