/**
 * Synthetic news articles in Arabic, Persian and English for the benchmark: each event is
 * reported by several outlets whose figures vary (agreeing, disagreeing, vague, updated), with
 * background events, page noise (navigation, share lines, related-links blocks) and front matter
 * on most articles. Places come from the knowledge base so that linking has real work to do.
 * Deterministic: the same seed and count give the same corpus, and a smaller corpus of the same
 * seed is a prefix of a larger one.
 */

export type Lang = 'ar' | 'fa' | 'en';

/** A place with a name in each of the three languages and its country's names. */
export interface PlaceNames {
  id: string;
  country: string;
  names: Record<Lang, string>;
  countryNames: Record<Lang, string>;
}

/** One generated article. */
export interface GeneratedArticle {
  /** Relative path, e.g. `caspian-ledger/2021/03/e123-kabul.en.article`. */
  path: string;
  text: string;
  language: Lang;
  /** Index of the event it reports, or null for an article about no event. */
  event: number | null;
  /** Publication date (ISO), whether or not the text states it. */
  published: string;
  /** How the text dates itself. */
  dating: 'front-matter' | 'dateline' | 'none';
}

/** Anything shaped like a knowledge-base entry (`knowledge/*.json`). */
interface RawEntity {
  id?: unknown;
  type?: unknown;
  kind?: unknown;
  country?: unknown;
  names?: unknown;
}

const LOCAL = new Set(['city', 'town', 'district', 'village']);

/** An organization named in all three languages. */
export interface OrganizationNames {
  id: string;
  kind: string;
  country: string | null;
  names: Record<Lang, string>;
}

/** Armed groups, ministries and news agencies of the knowledge base named in all three languages. */
export function organizationsFromKnowledge(entities: readonly unknown[]): OrganizationNames[] {
  const out: OrganizationNames[] = [];
  for (const e of entities as RawEntity[]) {
    if (!e || e.type !== 'organization' || typeof e.id !== 'string' || !['armed-group', 'ministry', 'news-agency'].includes(String(e.kind))) continue;
    const names = e.names as Record<string, unknown> | undefined;
    const first = (l: Lang) => { const list = names?.[l]; return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : undefined; };
    const n = { ar: first('ar'), fa: first('fa'), en: first('en') };
    if (Object.values(n).some((x) => !x)) continue;
    out.push({ id: e.id, kind: String(e.kind), country: typeof e.country === 'string' ? e.country : null, names: n as Record<Lang, string> });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Places of the knowledge base named in all three languages, with their countries. */
export function placesFromKnowledge(entities: readonly unknown[]): PlaceNames[] {
  const byId = new Map<string, RawEntity>();
  for (const e of entities as RawEntity[]) if (e && typeof e.id === 'string') byId.set(e.id, e);
  const first = (e: RawEntity | undefined, l: Lang): string | undefined => {
    const list = (e?.names as Record<string, unknown> | undefined)?.[l];
    return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : undefined;
  };
  const out: PlaceNames[] = [];
  for (const e of byId.values()) {
    if (e.type !== 'place' || !LOCAL.has(String(e.kind)) || typeof e.country !== 'string') continue;
    const c = byId.get(e.country);
    const names = { ar: first(e, 'ar'), fa: first(e, 'fa'), en: first(e, 'en') };
    const countryNames = { ar: first(c, 'ar'), fa: first(c, 'fa'), en: first(c, 'en') };
    if (Object.values(names).some((n) => !n) || Object.values(countryNames).some((n) => !n)) continue;
    out.push({ id: e.id as string, country: e.country, names: names as Record<Lang, string>, countryNames: countryNames as Record<Lang, string> });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** mulberry32: a small, fast, seeded generator. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.next() * xs.length)]; }
  /** Heavy-tailed counts: mostly small, sometimes large. */
  toll(max: number): number { return Math.min(max, Math.max(1, Math.floor(Math.exp(this.next() * Math.log(max + 1))))); }
}

// ---------------------------------------------------------------------------------------------
// Digits, number words, dates.

const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const inScript = (n: number | string, digits: string) => String(n).replace(/\d/g, (d) => digits[Number(d)]);

const WORDS: Record<Lang, string[]> = {
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'],
  ar: ['صفر', 'واحد', 'اثنان', 'ثلاثة', 'أربعة', 'خمسة', 'ستة', 'سبعة', 'ثمانية', 'تسعة', 'عشرة'],
  fa: ['صفر', 'یک', 'دو', 'سه', 'چهار', 'پنج', 'شش', 'هفت', 'هشت', 'نه', 'ده'],
};

/** A count as an outlet of that language might write it: words for small numbers, digits of its script otherwise. */
function count(d: Dice, lang: Lang, n: number): string {
  if (n <= 10 && n >= 3 && d.chance(0.4)) return WORDS[lang][n];
  if (lang === 'fa') return d.chance(0.85) ? inScript(n, PERSIAN_DIGITS) : String(n);
  if (lang === 'ar') return d.chance(0.2) ? inScript(n, ARABIC_DIGITS) : String(n);
  return String(n);
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EN_MON = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const AR_MONTHS = ['كانون الثاني/يناير', 'شباط/فبراير', 'آذار/مارس', 'نيسان/أبريل', 'أيار/مايو', 'حزيران/يونيو', 'تموز/يوليو', 'آب/أغسطس', 'أيلول/سبتمبر', 'تشرين الأول/أكتوبر', 'تشرين الثاني/نوفمبر', 'كانون الأول/ديسمبر'];
const AR_MONTHS_EG = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
const FA_MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
const FA_GREG = ['ژانویه', 'فوریه', 'مارس', 'آوریل', 'مه', 'ژوئن', 'ژوئیه', 'اوت', 'سپتامبر', 'اکتبر', 'نوامبر', 'دسامبر'];
const WEEKDAYS: Record<Lang, string[]> = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  ar: ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'],
  fa: ['یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه', 'شنبه'],
};

const DAY = 86400000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const ymd = (t: number) => { const x = new Date(t); return { y: x.getUTCFullYear(), m: x.getUTCMonth(), d: x.getUTCDate(), w: x.getUTCDay() }; };

const persianParts = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
function jalali(t: number): { y: number; m: number; d: number } {
  const parts = persianParts.formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value.replace(/\D/g, ''));
  return { y: get('year'), m: get('month') - 1, d: get('day') };
}

/** A date written out in an article of the given language. */
function dateText(d: Dice, lang: Lang, t: number, withYear = true): string {
  const { y, m, d: day } = ymd(t);
  if (lang === 'en') return withYear ? `${day} ${EN_MONTHS[m]} ${y}` : `${EN_MONTHS[m]} ${day}`;
  if (lang === 'ar') return `${d.chance(0.2) ? inScript(day, ARABIC_DIGITS) : day} ${d.chance(0.6) ? AR_MONTHS[m] : AR_MONTHS_EG[m]}${withYear ? ` ${y}` : ''}`;
  if (d.chance(0.7)) { const j = jalali(t); return `${inScript(j.d, PERSIAN_DIGITS)} ${FA_MONTHS[j.m]}${withYear ? ` ${inScript(j.y, PERSIAN_DIGITS)}` : ''}`; }
  return `${inScript(day, PERSIAN_DIGITS)} ${FA_GREG[m]}${withYear ? ` ${inScript(y, PERSIAN_DIGITS)}` : ''}`;
}

/** Month and year only ("June 2017", حزيران/يونيو 2017, خرداد ۱۳۹۶). */
function monthText(lang: Lang, t: number): string {
  const { y, m } = ymd(t);
  if (lang === 'en') return `${EN_MONTHS[m]} ${y}`;
  if (lang === 'ar') return `${AR_MONTHS[m]} ${y}`;
  const j = jalali(t);
  return `${FA_MONTHS[j.m]} ${inScript(j.y, PERSIAN_DIGITS)}`;
}

// ---------------------------------------------------------------------------------------------
// Outlets, event kinds, people.

interface Outlet { name: string; slug: string; lang: Lang; ext: string; host: string }

const OUTLETS: Outlet[] = [
  { name: 'Caspian Ledger', slug: 'caspian-ledger', lang: 'en', ext: 'article', host: 'caspianledger.example' },
  { name: 'The Highland Courier', slug: 'highland-courier', lang: 'en', ext: 'txt', host: 'highlandcourier.example' },
  { name: 'Gulf Dispatch', slug: 'gulf-dispatch', lang: 'en', ext: 'md', host: 'gulfdispatch.example' },
  { name: 'Steppe Monitor', slug: 'steppe-monitor', lang: 'en', ext: 'txt', host: 'steppemonitor.example' },
  { name: 'Levant Wire', slug: 'levant-wire', lang: 'en', ext: 'article', host: 'levantwire.example' },
  { name: 'أنباء المشرق', slug: 'anba-almashriq', lang: 'ar', ext: 'txt', host: 'anbaalmashriq.example' },
  { name: 'آفاق آسيا', slug: 'afaq-asia', lang: 'ar', ext: 'md', host: 'afaqasia.example' },
  { name: 'الرافدين اليوم', slug: 'alrafidain-alyawm', lang: 'ar', ext: 'article', host: 'alrafidain.example' },
  { name: 'صدى الخليج', slug: 'sada-alkhalij', lang: 'ar', ext: 'txt', host: 'sadaalkhalij.example' },
  { name: 'نگاه جنوب', slug: 'negah-e-jonub', lang: 'fa', ext: 'md', host: 'negahejonub.example' },
  { name: 'آسیای میانه امروز', slug: 'asia-ye-miane', lang: 'fa', ext: 'article', host: 'asiayemiane.example' },
  { name: 'خبرگزاری شرق', slug: 'khabar-e-shargh', lang: 'fa', ext: 'txt', host: 'shargh-news.example' },
  { name: 'پیک خاور', slug: 'peyk-e-khavar', lang: 'fa', ext: 'md', host: 'peykekhavar.example' },
];
const OUTLETS_BY: Record<Lang, Outlet[]> = { en: [], ar: [], fa: [] };
for (const o of OUTLETS) OUTLETS_BY[o.lang].push(o);

type Kind = 'shooting' | 'bombing' | 'clash' | 'raid';
type Group = 'people' | 'civilians' | 'police' | 'military' | 'security';

interface EventSpec {
  index: number;
  kind: Kind;
  place: PlaceNames;
  time: number;
  killed: number;
  killedGroup: Group;
  injured: number;
  arrested: number;
  /** A later toll, reported by late outlets as an update. */
  laterKilled: number | null;
  slug: string;
}

const EN_ATTACK: Record<Kind, string[]> = {
  shooting: ['A gunman opened fire on worshippers at a mosque', 'Gunmen opened fire on a crowded market', 'Attackers sprayed a wedding party with gunfire'],
  bombing: ['A car bomb exploded near a busy bus station', 'A suicide bomber blew himself up outside a police station', 'A roadside bomb struck a minibus'],
  clash: ['Militants attacked an army checkpoint', 'Armed men clashed with security forces on the outskirts of the town', 'Insurgents stormed a border post'],
  raid: ['Security forces raided a suspected militant hideout', 'Police stormed an apartment block', 'Counter-terrorism units raided several houses'],
};
const AR_ATTACK: Record<Kind, string[]> = {
  shooting: ['هجوم مسلح استهدف مسجداً', 'إطلاق نار استهدف سوقاً شعبياً', 'هجوم مسلح على حفل زفاف'],
  bombing: ['انفجار سيارة مفخخة قرب محطة للحافلات', 'تفجير انتحاري استهدف مركزاً للشرطة', 'انفجار عبوة ناسفة استهدفت حافلة صغيرة'],
  clash: ['اشتباكات بين مسلحين وقوات الأمن', 'هجوم شنه مسلحون على حاجز للجيش', 'اشتباك مسلح عند مركز حدودي'],
  raid: ['مداهمة نفذتها قوات الأمن لمخبأ يشتبه بأنه لمسلحين', 'عملية أمنية في حي سكني', 'مداهمات لعدة منازل'],
};
const FA_ATTACK: Record<Kind, string[]> = {
  shooting: ['حمله مسلحانه به یک مسجد', 'تیراندازی در یک بازار شلوغ', 'حمله افراد مسلح به یک مراسم عروسی'],
  bombing: ['انفجار یک خودروی بمب‌گذاری شده در نزدیکی ایستگاه اتوبوس', 'حمله انتحاری به یک پاسگاه پلیس', 'انفجار بمب کنار جاده‌ای'],
  clash: ['درگیری مسلحانه افراد مسلح با نیروهای امنیتی', 'حمله شورشیان به یک پاسگاه ارتش', 'درگیری در یک پاسگاه مرزی'],
  raid: ['عملیات نیروهای امنیتی در یک مخفیگاه', 'یورش پلیس به یک مجتمع مسکونی', 'بازرسی چند خانه توسط نیروهای امنیتی'],
};

const EN_GROUP: Record<Group, [string, string]> = {
  people: ['person', 'people'], civilians: ['civilian', 'civilians'], police: ['police officer', 'police officers'],
  military: ['soldier', 'soldiers'], security: ['member of the security forces', 'members of the security forces'],
};
const FA_GROUP: Record<Group, string> = { people: 'نفر', civilians: 'غیرنظامی', police: 'مامور پلیس', military: 'سرباز', security: 'مامور امنیتی' };

function arCounted(d: Dice, n: number, g: Group): string {
  const c = count(d, 'ar', n);
  switch (g) {
    case 'people': return n === 1 ? 'شخص واحد' : n === 2 ? 'شخصان' : n <= 10 ? `${c} أشخاص` : `${c} شخصاً`;
    case 'civilians': return n === 1 ? 'مدني' : n === 2 ? 'مدنيان' : `${c} مدنيين`;
    case 'police': return n === 1 ? 'شرطي' : n === 2 ? 'شرطيان' : `${c} من رجال الشرطة`;
    case 'military': return n === 1 ? 'جندي' : n === 2 ? 'جنديان' : n <= 10 ? `${c} جنود` : `${c} جندياً`;
    case 'security': return n === 1 ? 'عنصر أمن' : `${c} من عناصر الأمن`;
  }
}

const NAMES: Record<Lang, string[]> = {
  en: ['Reza', 'Ahmad', 'Karim', 'Nurlan', 'Farhad', 'Omar', 'Yusuf', 'Bakhtiyor', 'Hassan', 'Dilnoza'],
  ar: ['أحمد', 'محمد', 'علي', 'حسن', 'يوسف', 'كريم', 'عمر', 'سامي', 'خالد', 'مصطفى'],
  fa: ['رضا', 'احمد', 'علی', 'حسین', 'مهدی', 'فرهاد', 'کریم', 'سعید', 'مجید', 'امید'],
};

// ---------------------------------------------------------------------------------------------
// Page noise.

const NAV: Record<Lang, string[]> = {
  en: ['Home | World | Asia | Middle East | Opinion | Video', 'Menu  Search  Sign in', 'World » Asia » Security', 'Skip to main content', 'Advertisement'],
  ar: ['الرئيسية | أخبار | سياسة | اقتصاد | رياضة | فيديو', 'القائمة  بحث  تسجيل الدخول', 'أخبار » العالم العربي » أمن', 'إعلان'],
  fa: ['صفحه اصلی | سیاسی | اقتصادی | بین‌الملل | ورزشی | ویدئو', 'جستجو  ورود  منو', 'اخبار » بین‌الملل » امنیتی', 'آگهی'],
};
const SHARE: Record<Lang, string[]> = {
  en: ['Share this article: Facebook Twitter WhatsApp Email', 'Read more:', 'Sign up for our daily newsletter.', 'Comments (12)'],
  ar: ['شارك هذا المقال: فيسبوك تويتر واتساب', 'اقرأ أيضاً:', 'اشترك في نشرتنا اليومية', 'التعليقات (12)'],
  fa: ['اشتراک‌گذاری: تلگرام واتس‌اپ توییتر', 'بیشتر بخوانید:', 'عضویت در خبرنامه', 'نظرات (۱۲)'],
};
const RELATED_HEAD: Record<Lang, string> = { en: 'Related articles', ar: 'مواضيع ذات صلة', fa: 'اخبار مرتبط' };
const COPYRIGHT: Record<Lang, (o: Outlet, y: number) => string> = {
  en: (o, y) => `© ${y} ${o.name}. All rights reserved.`,
  ar: (o, y) => `جميع الحقوق محفوظة © ${y} ${o.name}`,
  fa: (o, y) => `کلیه حقوق برای ${o.name} محفوظ است © ${inScript(y, PERSIAN_DIGITS)}`,
};

/** A headline about some event, as it appears in a related-links block or a title. */
function headline(d: Dice, lang: Lang, place: PlaceNames, killed: number, kind: Kind): string {
  if (lang === 'en') {
    const what = kind === 'bombing' ? 'blast' : kind === 'clash' ? 'clashes' : kind === 'raid' ? 'raid' : 'attack';
    return d.pick([`${count(d, 'en', killed)} killed in ${place.names.en} ${what}`, `${place.names.en}: death toll rises after ${what}`, `Police arrest suspects after ${place.names.en} ${what}`]);
  }
  if (lang === 'ar') {
    return d.pick([`مقتل ${arCounted(d, killed, 'people')} في ${kind === 'bombing' ? 'انفجار' : 'هجوم'} ب${place.names.ar}`, `${place.names.ar}: ارتفاع حصيلة ${kind === 'bombing' ? 'الانفجار' : 'الهجوم'}`, `اعتقال مشتبه بهم بعد هجوم ${place.names.ar}`]);
  }
  return d.pick([`${count(d, 'fa', killed)} کشته در ${kind === 'bombing' ? 'انفجار' : 'حمله'} ${place.names.fa}`, `افزایش شمار قربانیان حادثه ${place.names.fa}`, `بازداشت مظنونان حمله ${place.names.fa}`]);
}

// ---------------------------------------------------------------------------------------------
// Article bodies.

interface Report {
  killed: number;
  vagueInjured: boolean;
  injured: number;
  arrested: number;
  update: number | null;
}

interface Context {
  d: Dice;
  ev: EventSpec;
  outlet: Outlet;
  published: number;
  report: Report;
  background: { place: PlaceNames; time: number; killed: number; kind: Kind } | null;
  dateline: boolean;
  group: OrganizationNames | null;
  ministry: OrganizationNames | null;
  agency: OrganizationNames | null;
}

/** Picks `n` of the paragraphs, keeping their order. */
function some(d: Dice, n: number, xs: string[]): string[] {
  const keep = xs.map((x, i) => ({ x, i, r: d.next() })).sort((a, b) => a.r - b.r).slice(0, n).sort((a, b) => a.i - b.i);
  return keep.map((k) => k.x);
}

function english(c: Context): string[] {
  const { d, ev, report: r } = c;
  const P = ev.place.names.en, C = ev.place.countryNames.en;
  const wd = WEEKDAYS.en[ymd(ev.time).w];
  const [one, many] = EN_GROUP[ev.killedGroup];
  const killed = `${count(d, 'en', r.killed)} ${r.killed === 1 ? one : many}`;
  const injured = r.vagueInjured ? d.pick(['dozens', 'dozens of others', 'scores of people']) : `${count(d, 'en', r.injured)}`;
  const said = d.pick(['officials said', 'police said', 'state media reported', 'a local official told reporters', 'the Interior Ministry said']);
  const out: string[] = [];
  const lead = `${d.pick(EN_ATTACK[ev.kind])} in ${d.chance(0.5) ? 'the city of ' : ''}${P}, ${C}, on ${wd}, killing ${d.chance(0.3) ? 'at least ' : ''}${killed} and wounding ${injured}, ${said}.`;
  if (c.dateline) {
    const { m, d: day } = ymd(c.published);
    out.push(`${P.toUpperCase()}, ${C}, ${EN_MON[m]} ${day} — ${lead}`);
  } else out.push(lead);
  if (r.update !== null) out.push(`The death toll rose to ${r.update} on ${WEEKDAYS.en[ymd(c.published).w]} after ${count(d, 'en', Math.max(1, r.update - r.killed))} of the wounded died in hospital, a health official said.`);
  if (r.arrested > 0) out.push(d.pick([`Police arrested ${count(d, 'en', r.arrested)} suspects in connection with the attack.`, `Security forces detained ${count(d, 'en', r.arrested)} people after the ${ev.kind === 'bombing' ? 'bombing' : 'attack'}, according to the governor's office.`]));
  out.push(`“${d.pick(['I heard a loud noise and then everyone was running', 'There was blood everywhere', 'We could not believe what we saw'])},” said a ${d.int(19, 70)}-year-old ${d.pick(['shopkeeper', 'taxi driver', 'teacher', 'resident'])} who gave his name only as ${d.pick(NAMES.en)}. “It lasted ${d.pick(['a few minutes', 'about ten minutes', 'less than an hour'])}.”`);
  out.push(d.pick(['No group immediately claimed responsibility.', 'The authorities blamed an armed group for the attack.', 'An investigation has been opened.']));
  const next = WEEKDAYS.en[(ymd(ev.time).w + 1) % 7];
  out.push(...some(d, d.int(2, 5), [
    c.group ? `The ${c.group.names.en} claimed responsibility for the attack in a statement${c.agency ? ` quoted by ${c.agency.names.en}` : ''}, saying it had targeted “enemies of the faith”. The claim could not be independently verified.` : 'Officials did not say who they believed was behind the attack, and no claim of responsibility could be found on the channels usually used by militant groups.',
    `${c.ministry ? `The ${c.ministry.names.en}` : 'The Interior Ministry'} said security had been tightened across the province and that checkpoints had been set up on the main roads into ${P}. Schools and markets were closed on ${next}, and a day of mourning was declared.`,
    `Hospital officials said ${count(d, 'en', d.int(2, 9))} of the wounded were in critical condition and that blood donations were urgently needed. Relatives gathered outside the main hospital through the night, waiting for news.`,
    `Witnesses described scenes of panic as people ran for cover. Video shared on social media, which could not be verified, showed smoke rising above the ${d.pick(['market', 'square', 'main road', 'station'])} and ambulances struggling to get through the crowds.`,
    `The attack drew condemnation from the United Nations and from neighbouring governments. The president called it “a cowardly act” and promised that those responsible would be brought to justice.`,
    `Residents said the area had been calm in recent months, although ${C} has faced ${d.pick(['an insurgency', 'sporadic attacks', 'unrest'])} for years. Many families who fled earlier fighting had only recently returned.`,
  ]));
  if (c.background) {
    const b = c.background;
    out.push(`In ${monthText('en', b.time)}, a ${b.kind === 'bombing' ? 'bombing' : 'similar attack'} in ${b.place.names.en} killed ${count(d, 'en', b.killed)} people.`);
  }
  out.push(`${P} has a population of about ${d.int(2, 9)}${d.chance(0.5) ? `.${d.int(1, 9)} million` : '00,000'}, and the area has seen ${d.pick(['sporadic violence', 'several attacks', 'protests'])} since ${d.int(1990, 2015)}.`);
  return out;
}

function arabic(c: Context): string[] {
  const { d, ev, report: r } = c;
  const P = ev.place.names.ar, C = ev.place.countryNames.ar;
  const wd = WEEKDAYS.ar[ymd(ev.time).w];
  const out: string[] = [];
  const injured = r.vagueInjured ? 'العشرات' : `${count(d, 'ar', r.injured)} آخرين`;
  const lead = d.chance(0.5)
    ? `قُتل ${arCounted(d, r.killed, ev.killedGroup)}${d.chance(0.3) ? ' على الأقل' : ''} وأصيب ${r.vagueInjured ? 'العشرات' : `${count(d, 'ar', r.injured)} آخرون`} بجروح، يوم ${wd}، في ${d.pick(AR_ATTACK[ev.kind])} في مدينة ${P} في ${C}، بحسب ما أفادت ${d.pick(['مصادر أمنية', 'وسائل إعلام رسمية', 'وزارة الداخلية'])}.`
    : `أسفر ${d.pick(AR_ATTACK[ev.kind])} في مدينة ${P} ب${C}، يوم ${wd}، عن مقتل ${arCounted(d, r.killed, ev.killedGroup)} وإصابة ${injured}، وفق ${d.pick(['مصادر طبية', 'مسؤول محلي', 'بيان للشرطة'])}.`;
  if (c.dateline) out.push(`${P} - ${dateText(d, 'ar', c.published)} (${c.outlet.name}) - ${lead}`);
  else out.push(lead);
  if (r.update !== null) out.push(`وارتفعت حصيلة القتلى إلى ${count(d, 'ar', r.update)} بعد وفاة ${count(d, 'ar', Math.max(1, r.update - r.killed))} من الجرحى متأثرين بجروحهم في المستشفى.`);
  if (r.arrested > 0) out.push(d.pick([`وأعلنت السلطات اعتقال ${count(d, 'ar', r.arrested)} من المشتبه بهم في الهجوم.`, `وقالت الشرطة إنها اعتقلت ${count(d, 'ar', r.arrested)} أشخاص يشتبه بتورطهم في الحادث.`]));
  out.push(`وقال ${d.pick(NAMES.ar)}، وهو ${d.pick(['صاحب متجر', 'سائق أجرة', 'معلم'])} يبلغ من العمر ${d.int(19, 70)} عاماً: «${d.pick(['سمعنا دوي انفجار قوي ثم بدأ الناس بالركض', 'كانت الدماء في كل مكان', 'استمر إطلاق النار دقائق'])}».`);
  out.push(d.pick(['ولم تتبن أي جهة الهجوم حتى الآن.', 'واتهمت السلطات جماعة مسلحة بالوقوف وراء الهجوم.', 'وفتحت السلطات تحقيقاً في الحادث.']));
  out.push(...some(d, d.int(2, 5), [
    c.group ? `وتبنت ${c.group.names.ar} الهجوم في بيان${c.agency ? ` نقلته ${c.agency.names.ar}` : ''}، قالت فيه إنها استهدفت «أعداء الدين»، ولم يتسن التحقق من صحة البيان من مصدر مستقل.` : 'ولم يحدد المسؤولون الجهة التي يعتقدون أنها تقف وراء الهجوم، ولم يصدر أي بيان عن الجماعات المسلحة التي اعتادت تبني مثل هذه الهجمات.',
    `وقالت ${c.ministry ? c.ministry.names.ar : 'وزارة الداخلية'} إنها عززت الإجراءات الأمنية في المحافظة ونصبت حواجز على الطرق الرئيسية المؤدية إلى ${P}، فيما أغلقت المدارس والأسواق وأعلن الحداد العام.`,
    `وذكرت مصادر طبية أن حالة ${count(d, 'ar', d.int(3, 9))} من الجرحى خطيرة، ودعت المستشفيات المواطنين إلى التبرع بالدم، فيما تجمع ذوو الضحايا أمام المستشفى الرئيسي طوال الليل.`,
    `ووصف شهود عيان مشاهد الذعر التي أعقبت الهجوم، وأظهرت مقاطع مصورة تداولها ناشطون على مواقع التواصل الاجتماعي أعمدة الدخان تتصاعد فوق ${d.pick(['السوق', 'الساحة', 'الطريق الرئيسي', 'المحطة'])} وسيارات الإسعاف تشق طريقها بصعوبة بين الحشود.`,
    `ولقي الهجوم إدانات من الأمم المتحدة ومن حكومات الدول المجاورة، ووصفه الرئيس بأنه «عمل جبان»، متعهداً بتقديم المسؤولين عنه إلى العدالة.`,
    `وقال سكان إن المنطقة شهدت هدوءاً نسبياً في الأشهر الأخيرة، رغم أن ${C} تواجه منذ سنوات ${d.pick(['تمرداً مسلحاً', 'هجمات متفرقة', 'اضطرابات'])}، وكانت عائلات كثيرة قد عادت مؤخراً إلى منازلها.`,
  ]));
  if (c.background) {
    const b = c.background;
    out.push(`وكان ${b.kind === 'bombing' ? 'تفجير' : 'هجوم'} مماثل في ${b.place.names.ar} قد أسفر في ${monthText('ar', b.time)} عن مقتل ${arCounted(d, b.killed, 'people')}.`);
  }
  out.push(`ويبلغ عدد سكان ${P} نحو ${count(d, 'ar', d.int(2, 9))} ${d.pick(['ملايين', 'مئة ألف'])} نسمة.`);
  return out;
}

function persian(c: Context): string[] {
  const { d, ev, report: r } = c;
  const P = ev.place.names.fa, C = ev.place.countryNames.fa;
  const wd = WEEKDAYS.fa[ymd(ev.time).w];
  const out: string[] = [];
  const group = FA_GROUP[ev.killedGroup];
  const injured = r.vagueInjured ? 'ده‌ها نفر' : `${count(d, 'fa', r.injured)} نفر`;
  const lead = `${c.dateline ? '' : `به گزارش ${c.outlet.name}، `}در ${d.pick(FA_ATTACK[ev.kind])} روز ${wd} در شهر ${P} در ${C}، ${d.chance(0.3) ? 'دست کم ' : ''}${count(d, 'fa', r.killed)} ${group} کشته و ${injured} زخمی شدند.`;
  if (c.dateline) out.push(`${P} - ${dateText(d, 'fa', c.published)} (${c.outlet.name}) - ${lead}`);
  else out.push(lead);
  if (r.update !== null) out.push(`شمار کشته‌شدگان این حادثه با درگذشت ${count(d, 'fa', Math.max(1, r.update - r.killed))} نفر از مجروحان در بیمارستان به ${count(d, 'fa', r.update)} نفر افزایش یافت.`);
  if (r.arrested > 0) out.push(d.pick([`ماموران انتظامی ${count(d, 'fa', r.arrested)} مظنون را در ارتباط با این حادثه بازداشت کردند.`, `فرمانده انتظامی استان از بازداشت ${count(d, 'fa', r.arrested)} مظنون خبر داد.`]));
  out.push(`«${d.pick(['صدای انفجار که بلند شد همه فرار کردند', 'همه جا خون بود', 'چند دقیقه تیراندازی ادامه داشت'])}»؛ این را یک ${d.pick(['مغازه‌دار', 'راننده تاکسی', 'معلم'])} ${inScript(d.int(19, 70), PERSIAN_DIGITS)} ساله به خبرنگار ما گفت.`);
  out.push(d.pick(['تاکنون هیچ گروهی مسئولیت این حمله را بر عهده نگرفته است.', 'مقامات یک گروه مسلح را عامل این حمله دانستند.', 'تحقیقات درباره این حادثه ادامه دارد.']));
  out.push(...some(d, d.int(2, 5), [
    c.group ? `${c.group.names.fa} با انتشار بیانیه‌ای${c.agency ? ` که ${c.agency.names.fa} آن را منتشر کرد` : ''} مسئولیت این حمله را بر عهده گرفت؛ صحت این ادعا به طور مستقل تایید نشده است.` : 'مقامات نگفتند چه کسانی را عامل این حمله می‌دانند و هیچ بیانیه‌ای از سوی گروه‌های مسلح منتشر نشده است.',
    `${c.ministry ? c.ministry.names.fa : 'وزارت کشور'} اعلام کرد تدابیر امنیتی در سراسر استان تشدید شده و در جاده‌های اصلی منتهی به ${P} ایست بازرسی برپا شده است. مدارس و بازارها تعطیل و عزای عمومی اعلام شد.`,
    `مسئولان بیمارستان گفتند حال ${count(d, 'fa', d.int(3, 9))} نفر از مجروحان وخیم است و از مردم خواستند برای اهدای خون مراجعه کنند. خانواده‌های قربانیان تمام شب مقابل بیمارستان اصلی منتظر خبر بودند.`,
    `شاهدان عینی از صحنه‌های وحشت پس از حمله خبر دادند. ویدئوهایی که در شبکه‌های اجتماعی منتشر شده و صحت آنها تایید نشده، ستون‌های دود را بر فراز ${d.pick(['بازار', 'میدان', 'خیابان اصلی', 'ایستگاه'])} و آمبولانس‌هایی را نشان می‌دهد که به سختی از میان جمعیت عبور می‌کنند.`,
    `سازمان ملل متحد و دولت‌های همسایه این حمله را محکوم کردند. رئیس‌جمهور آن را «اقدامی بزدلانه» خواند و وعده داد عاملان آن به سزای اعمالشان برسند.`,
    `ساکنان می‌گویند منطقه در ماه‌های اخیر آرام بوده، هرچند ${C} سال‌هاست با ${d.pick(['شورش مسلحانه', 'حملات پراکنده', 'ناآرامی'])} روبه‌روست. بسیاری از خانواده‌هایی که پیش‌تر گریخته بودند به تازگی بازگشته بودند.`,
  ]));
  if (c.background) {
    const b = c.background;
    out.push(`پیش از این، در ${monthText('fa', b.time)} نیز ${b.kind === 'bombing' ? 'انفجاری' : 'حمله‌ای'} در ${b.place.names.fa} ${count(d, 'fa', b.killed)} کشته بر جای گذاشته بود.`);
  }
  out.push(`${P} حدود ${count(d, 'fa', d.int(2, 9))} ${d.pick(['میلیون', 'صد هزار'])} نفر جمعیت دارد.`);
  return out;
}

const BODY: Record<Lang, (c: Context) => string[]> = { en: english, ar: arabic, fa: persian };

/** Articles about no event: politics, economy. */
function quietArticle(d: Dice, lang: Lang, place: PlaceNames): string[] {
  if (lang === 'en') return [`The government of ${place.countryNames.en} announced a new budget on ${d.pick(WEEKDAYS.en)}, with spending on roads in ${place.names.en} up ${d.int(2, 30)} percent.`, `Officials said ${d.int(3, 40)} new schools would open by ${d.int(2025, 2030)}.`, `The opposition called the plan insufficient.`];
  if (lang === 'ar') return [`أعلنت حكومة ${place.countryNames.ar} يوم ${d.pick(WEEKDAYS.ar)} موازنة جديدة تشمل زيادة الإنفاق على الطرق في ${place.names.ar} بنسبة ${d.int(2, 30)} في المئة.`, `وقال مسؤولون إن ${d.int(3, 40)} مدرسة جديدة ستفتح أبوابها بحلول عام ${d.int(2025, 2030)}.`];
  return [`دولت ${place.countryNames.fa} روز ${d.pick(WEEKDAYS.fa)} بودجه جدیدی را اعلام کرد که هزینه راه‌سازی در ${place.names.fa} را ${inScript(d.int(2, 30), PERSIAN_DIGITS)} درصد افزایش می‌دهد.`, `به گفته مقامات ${inScript(d.int(3, 40), PERSIAN_DIGITS)} مدرسه جدید تا سال ${inScript(d.int(2025, 2030), PERSIAN_DIGITS)} افتتاح می‌شود.`];
}

function titleOf(d: Dice, lang: Lang, ev: EventSpec, r: Report): string {
  return headline(d, lang, ev.place, r.killed, ev.kind);
}

function frontMatter(d: Dice, o: Outlet, title: string, published: number, url: string): string {
  const q = /[:#"]/.test(title) || d.chance(0.5) ? JSON.stringify(title) : title;
  return `---\ntitle: ${q}\n${d.chance(0.8) ? 'date' : 'published'}: ${iso(published)}\nsource: ${o.name}\nurl: ${url}\n---\n`;
}

export interface GenerateOptions {
  seed?: number;
  /** Number of articles. */
  count: number;
  places: readonly PlaceNames[];
  organizations?: readonly OrganizationNames[];
  /** First day of the period covered (ISO). */
  from?: string;
  /** Days covered. */
  days?: number;
}

/**
 * Generates `count` articles. Events are drawn one after another, each reported by 1–5 outlets;
 * some articles report no event. Places are concentrated: a few countries get most events, as in
 * a real regional archive.
 */
export function generateArticles(options: GenerateOptions): GeneratedArticle[] {
  const d = new Dice(rng(options.seed ?? 1));
  const places = options.places;
  if (!places.length) throw new Error('no places to generate articles about');
  const start = Date.parse(`${options.from ?? '2016-01-01'}T00:00:00Z`);
  const days = options.days ?? 6 * 365;
  // Countries weighted by rank: the first few carry most of the news.
  const countries = [...new Set(places.map((p) => p.country))];
  const order = countries.map((c) => ({ c, w: d.next() })).sort((a, b) => a.w - b.w).map((x) => x.c);
  const placesOf = new Map(order.map((c) => [c, places.filter((p) => p.country === c)]));
  const pickPlace = (): PlaceNames => {
    const rank = Math.min(order.length - 1, Math.floor(-Math.log(1 - d.next() * 0.999) * 3));
    return d.pick(placesOf.get(order[rank])!);
  };
  const kinds: Kind[] = ['shooting', 'bombing', 'clash', 'raid'];
  const groups: Group[] = ['people', 'people', 'people', 'civilians', 'police', 'military', 'security'];
  const out: GeneratedArticle[] = [];
  let evIndex = 0;
  while (out.length < options.count) {
    if (d.chance(0.08)) {
      // An article about no event.
      const lang = d.pick(['ar', 'fa', 'en'] as const);
      const o = d.pick(OUTLETS_BY[lang]);
      const place = pickPlace();
      const t = start + d.int(0, days) * DAY;
      const body = quietArticle(d, lang, place);
      const url = `https://${o.host}/economy/${iso(t).replace(/-/g, '/')}/${out.length}`;
      const text = wrap(d, o, t, body, lang === 'en' ? 'Budget plan announced' : lang === 'ar' ? 'موازنة جديدة' : 'بودجه جدید', url, [], true);
      out.push({ path: `${o.slug}/${iso(t).slice(0, 7).replace('-', '/')}/n${out.length}.${lang}.${o.ext}`, text, language: lang, event: null, published: iso(t), dating: 'front-matter' });
      continue;
    }
    const kind = d.pick(kinds);
    const place = pickPlace();
    const time = start + d.int(0, days) * DAY;
    const killed = d.toll(kind === 'raid' ? 6 : 60);
    const ev: EventSpec = {
      index: evIndex++, kind, place, time, killed, killedGroup: kind === 'raid' ? 'people' : d.pick(groups),
      injured: d.chance(0.85) ? d.toll(150) : 0, arrested: kind === 'raid' || d.chance(0.35) ? d.int(1, 12) : 0,
      laterKilled: d.chance(0.2) ? killed + d.int(1, 8) : null, slug: place.id,
    };
    const outlets = d.int(1, 5);
    const used = new Set<Outlet>();
    for (let k = 0; k < outlets && out.length < options.count; k++) {
      const lang = d.pick(['ar', 'fa', 'en'] as const);
      let o = d.pick(OUTLETS_BY[lang]);
      if (used.has(o)) o = OUTLETS_BY[lang].find((x) => !used.has(x)) ?? o;
      used.add(o);
      const late = d.int(0, 2);
      const published = ev.time + late * DAY;
      // Figures vary by outlet: most agree, some differ by a little, some are vague, late ones may carry the update.
      const vary = (n: number) => (d.chance(0.7) ? n : Math.max(1, n + d.int(-3, 3)));
      const report: Report = {
        killed: vary(ev.killed), injured: vary(Math.max(ev.injured, 1)), vagueInjured: ev.injured >= 24 && d.chance(0.3),
        arrested: ev.arrested && d.chance(0.7) ? vary(ev.arrested) : 0, update: ev.laterKilled !== null && late > 0 ? ev.laterKilled : null,
      };
      if (ev.injured === 0) report.injured = 1;
      const background = d.chance(0.4) ? { place: pickPlace(), time: ev.time - d.int(60, 3000) * DAY, killed: d.toll(80), kind: d.pick(kinds) } : null;
      // 80 % front matter, 15 % a dateline only, 5 % nothing that dates the article.
      const r = d.next();
      const dating: GeneratedArticle['dating'] = r < 0.8 ? 'front-matter' : r < 0.95 ? 'dateline' : 'none';
      const orgs = options.organizations ?? [];
      const ofKind = (k: string) => orgs.filter((x) => x.kind === k && (k === 'news-agency' || !x.country || x.country === place.country));
      const armed = ofKind('armed-group'), ministries = ofKind('ministry'), agencies = ofKind('news-agency');
      const body = BODY[lang]({
        d, ev, outlet: o, published, report, background, dateline: dating === 'dateline' || (dating === 'front-matter' && d.chance(0.3)),
        group: armed.length && d.chance(0.5) ? d.pick(armed) : null, ministry: ministries.length && d.chance(0.6) ? d.pick(ministries) : null,
        agency: agencies.length && d.chance(0.5) ? d.pick(agencies) : null,
      });
      const related = Array.from({ length: d.int(0, 4) }, () => headline(d, lang, pickPlace(), d.toll(40), d.pick(kinds)));
      const url = `https://${o.host}/news/${iso(published).replace(/-/g, '/')}/${ev.slug}-${ev.index}`;
      const text = wrap(d, o, published, body, titleOf(d, lang, ev, report), url, related, dating === 'front-matter');
      out.push({ path: `${o.slug}/${iso(published).slice(0, 7).replace('-', '/')}/e${ev.index}-${ev.slug}-${out.length}.${lang}.${o.ext}`, text, language: lang, event: ev.index, published: iso(published), dating });
    }
  }
  return out;
}

/** Front matter, navigation, title, body paragraphs, share lines, related links, copyright. */
function wrap(d: Dice, o: Outlet, published: number, body: string[], title: string, url: string, related: string[], withFrontMatter: boolean): string {
  const lang = o.lang;
  const parts: string[] = [];
  if (withFrontMatter) parts.push(frontMatter(d, o, title, published, url));
  const noisy = d.chance(0.6);
  if (noisy) parts.push(Array.from({ length: d.int(1, 3) }, () => d.pick(NAV[lang])).join('\n') + '\n');
  if (noisy && d.chance(0.5)) parts.push(`${title}\n`);
  parts.push(body.join(d.chance(0.8) ? '\n\n' : '\n') + '\n');
  if (noisy) {
    parts.push(`\n${d.pick(SHARE[lang])}\n`);
    if (related.length) parts.push(`\n${RELATED_HEAD[lang]}\n${related.map((r) => `- ${r}`).join('\n')}\n`);
    parts.push(`\n${COPYRIGHT[lang](o, ymd(published).y)}\n`);
  }
  return parts.join('\n');
}
