import { frameActors } from './actors';
import { DAY, overlaps, time, TYPE_PRIORITY, type DateRange, type EventFrame } from './eventModel';
import type { KnowledgeBase } from './knowledge';
import { commonAncestor, countryIdOf, incompatible, LOCAL, mostSpecific, placesCompatible, SPECIFIC, specificity } from './places';
import type { EntityMention, IndexedAnalysis, EventType, Figure } from './types';

export type { DateRange, EventFrame, LinkedEvent, ReconciledFigure } from './eventModel';

const ANCHOR = Date.UTC(2000, 5, 15);
/** `MM-DD` as a day of the year 2000 (a leap year: every day of every calendar's month fits once clamped). */
const floatingDay = (md: string): string => {
  const [m, d] = md.split('-').map(Number);
  return iso(Date.UTC(2000, m - 1, Math.min(d, new Date(Date.UTC(2000, m, 0)).getUTCDate())));
};
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
function relativeRange(r: { unit: 'day' | 'week' | 'month' | 'year'; offset: number }): DateRange {
  if (r.unit === 'day') return { start: iso(ANCHOR + r.offset * DAY), end: iso(ANCHOR + r.offset * DAY), precision: 'day' };
  if (r.unit === 'week') return { start: iso(ANCHOR + (7 * r.offset) * DAY), end: iso(ANCHOR + (7 * r.offset + 6) * DAY), precision: 'day' };
  if (r.unit === 'month') {
    const s0 = new Date(Date.UTC(2000, 5 + r.offset, 1));
    const e0 = new Date(Date.UTC(2000, 6 + r.offset, 0));
    return { start: iso(s0.getTime()), end: iso(e0.getTime()), precision: 'month' };
  }
  return { start: `${2000 + r.offset}-01-01`, end: `${2000 + r.offset}-12-31`, precision: 'year' };
}

/** Organizations whose figures are a country's (ministries, governments, national security services). */
const NATIONAL = new Set(['ministry', 'government', 'security-service']);

/** The country an article names most (its places and theirs), or null. */
function mainCountryOf(a: IndexedAnalysis, kb: KnowledgeBase | undefined): string | null {
  const countryCount = new Map<string, number>();
  for (const e of a.entities) {
    const k = kb?.entities.get(e.entity);
    const c = k?.kind === 'country' ? k.id : k?.type === 'place' ? k.country : undefined;
    if (c) countryCount.set(c, (countryCount.get(c) ?? 0) + 1);
  }
  return [...countryCount].sort((x, y) => y[1] - x[1])[0]?.[0] ?? null;
}

/** Kinds of organizations that report on many events rather than take part in one. */
const REPORTERS = new Set(['news-agency', 'international', 'government', 'ministry']);

/** People and organizations of the knowledge base named in these sentences: no news outlet or generic body, which many events share. */
function namedIn(entitiesBy: ReadonlyMap<number, readonly EntityMention[]>, sentences: readonly number[], kb: KnowledgeBase | undefined): string[] {
  const out = new Set<string>();
  for (const s of sentences) for (const e of entitiesBy.get(s) ?? []) {
    if ((e.type !== 'person' && e.type !== 'organization') || !e.inKnowledgeBase) continue;
    if (e.type === 'organization' && REPORTERS.has(kb?.entities.get(e.entity)?.kind ?? '')) continue;
    out.add(e.entity);
  }
  return [...out].sort();
}

/** Items by the sentence they are in, in their order: what a sentence holds is then looked up, not searched for (long articles stay linear). */
function bySentence<T extends { sentence: number }>(items: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const x of items) { const l = out.get(x.sentence); if (l) l.push(x); else out.set(x.sentence, [x]); }
  return out;
}

/** How many of the latest frames a sentence may return to: an article's events are told near each other, and a long article stays linear. */
const FRAMES_LOOKED_BACK = 64;


/**
 * The type the words of a report give most often ("riots" twice outweigh one "exchange of fire"),
 * the more specific on a tie; "attack", then "arrest", only when no other word says more.
 */
function typeOfCues(cues: readonly EventType[]): EventType {
  const count = new Map<EventType, number>();
  for (const c of cues) if (c !== 'attack' && c !== 'arrest' && c !== 'other') count.set(c, (count.get(c) ?? 0) + 1);
  let best: EventType | undefined;
  let most = 0;
  for (const t of TYPE_PRIORITY) { const n = count.get(t) ?? 0; if (n > most) { most = n; best = t; } }
  return best ?? TYPE_PRIORITY.find((t) => cues.includes(t)) ?? 'attack';
}

/**
 * The sentences that tell of an event over a wide area, with the place that area is (null: the
 * country of the event): a cue (across the country, در سراسر کشور, "across Iran"); several places
 * listed that cannot be one place (their lowest common ancestor); or an event said to spread from
 * where it began (the common ancestor of where it began and where it went).
 */
function scopeOfSentences(a: IndexedAnalysis, placesBy: ReadonlyMap<number, string[]>, originsBy: ReadonlyMap<number, string[]>, listsBy: ReadonlyMap<number, ReadonlyMap<number, string[]>>, kb: KnowledgeBase | undefined): { wide: Map<number, string | null> } {
  const wide = new Map<number, string | null>();
  const spread = new Set<number>();
  for (const c of a.scopeCues ?? []) {
    if (c.kind === 'spread') spread.add(c.sentence);
    else if (!wide.has(c.sentence) || c.place) wide.set(c.sentence, c.place ?? null);
  }
  if (!kb) return { wide };
  for (const [s, lists] of listsBy) {
    if (wide.has(s)) continue;
    for (const list of lists.values()) {
      // Countries listed (peacekeepers from Russia and Armenia) are no event's place.
      const known = [...new Set(list)].filter((p) => kb.entities.has(p) && kb.entities.get(p)!.kind !== 'country');
      const top = known.length > 1 && incompatible(known, kb) ? commonAncestor(known, kb) : null;
      if (top && countryIdOf(top, kb)) { wide.set(s, top); break; }
    }
  }
  for (const s of spread) {
    const origins = originsBy.get(s);
    if (wide.has(s) || !origins?.length) continue;
    const all = [...new Set([...origins, ...(placesBy.get(s) ?? [])])].filter((p) => kb.entities.has(p));
    wide.set(s, all.length > 1 && incompatible(all, kb) ? commonAncestor(all, kb) : countryIdOf(all[0] ?? null, kb));
  }
  return { wide };
}

/** The places of an analysis by sentence: named where something happened, where it began, as a reference ("after the Almaty attack"), in lists; and their names. */
function placeIndex(a: IndexedAnalysis) {
  const entitiesBy = bySentence(a.entities);
  const placesBy = new Map<number, string[]>();
  const originsBy = new Map<number, string[]>();
  const referencesBy = new Map<number, string[]>();
  const listsBy = new Map<number, Map<number, string[]>>();
  const names = new Map<string, string>();
  for (const e of a.entities) {
    if (e.type !== 'place' || e.dateline || e.example || e.aside) continue;
    // What the event was near, like another event named to tell a time, places it only when nothing else does.
    if (e.reference || e.near) { referencesBy.set(e.sentence, [...(referencesBy.get(e.sentence) ?? []), e.entity]); names.set(e.entity, e.name); continue; }
    const into = e.origin ? originsBy : placesBy;
    into.set(e.sentence, [...(into.get(e.sentence) ?? []), e.entity]);
    names.set(e.entity, e.name);
    if (e.list !== undefined && !e.origin) {
      let lists = listsBy.get(e.sentence);
      if (!lists) listsBy.set(e.sentence, (lists = new Map()));
      lists.set(e.list, [...(lists.get(e.list) ?? []), e.entity]);
    }
  }
  return { entitiesBy, placesBy, originsBy, referencesBy, listsBy, names };
}

// Undated relative dates ("yesterday", "last month") still tell events of one article apart:
// they are compared in that article against an arbitrary anchor, and never exported.
// Days without a year are compared with each other only, in a year of their own.
type FrameDate = DateRange & { anchored?: string; yearless?: string; pastYear?: boolean };
// Every date of a frame has the same fields, in the same order: the code that reads them then
// meets one kind of object, and V8 does not have to compile frameDocument again for each.
const frameDate = (start: string, end: string, precision: DateRange['precision'], anchored?: string, yearless?: string, pastYear?: boolean): FrameDate => ({ start, end, precision, anchored, yearless, pastYear });
interface DateMentionAt { at: number; end: number; sentence: number; date: FrameDate }

/** The dates of an analysis as frames compare them: each sentence's first, and every mention by sentence. */
function dateIndex(a: IndexedAnalysis): { datesBy: Map<number, FrameDate>; mentionsBy: Map<number, DateMentionAt[]> } {
  const datesBy = new Map<number, FrameDate>();
  const mentions: DateMentionAt[] = [];
  for (const d of a.dates ?? []) {
    if (d.value.since || d.value.after) continue;
    const r = d.value.relative;
    const y = d.value.yearless;
    let date: FrameDate | null = null;
    // "Last year", "two years ago": an earlier year, whatever it resolves to.
    const pastYear = r?.unit === 'year' && r.offset < 0;
    if (d.value.start && d.value.end) date = frameDate(d.value.start, d.value.end, d.value.precision, undefined, undefined, pastYear);
    else if (r) { const rr = relativeRange(r); date = frameDate(rr.start, rr.end, rr.precision, `${r.unit}${r.offset}`, undefined, pastYear); }
    else if (y) date = frameDate(floatingDay(y.start), floatingDay(y.end), d.value.precision, undefined, y.calendar);
    if (!date) continue;
    mentions.push({ at: d.start, end: d.end, sentence: d.sentence, date });
    if (!datesBy.has(d.sentence)) datesBy.set(d.sentence, date);
  }
  return { datesBy, mentionsBy: bySentence(mentions) };
}

// "yesterday" and "last week" in one article are two times, whatever the calendar says.
// A day without a year and any other date: nothing tells whether they clash.
const clash = (x: FrameDate, y: FrameDate) => (x.yearless || y.yearless ? x.yearless === y.yearless && !overlaps(x, y, y.precision === 'day' ? 1 : 0)
  : x.anchored && y.anchored ? x.anchored !== y.anchored : !overlaps(x, y, y.precision === 'day' ? 1 : 0));

/** A figure's own date: the nearest date of its sentence, close to it ("murdered a man last week"). */
function nearestDate(mentionsBy: ReadonlyMap<number, readonly DateMentionAt[]>, f: Figure): FrameDate | undefined {
  let best: FrameDate | undefined;
  let dist = 25;
  for (const m of mentionsBy.get(f.sentence) ?? []) {
    const d = m.at >= f.end ? m.at - f.end : f.start >= m.end ? f.start - m.end : 0;
    if (d < dist) { dist = d; best = m.date; }
  }
  return best;
}

/**
 * The place of each figure of a sentence that gives figures in places that cannot be one: the
 * one locality named between its number and the next figure's. Undefined unless every figure
 * has one and they are not all compatible — a hometown or a suburb does not split an event.
 */
function placesOfFigures(entitiesBy: ReadonlyMap<number, readonly EntityMention[]>, kb: KnowledgeBase | undefined, s: number, figs: readonly Figure[]): Map<Figure, string> | undefined {
  if (figs.length < 2 || !kb) return undefined;
  const localities = (entitiesBy.get(s) ?? []).filter((e) => e.type === 'place' && !e.dateline && !e.example && !e.aside && !e.origin && !e.reference && !e.near && LOCAL.has(kb.entities.get(e.entity)?.kind ?? ''));
  if (localities.length < 2) return undefined;
  const anchor = (f: Figure) => f.quantity?.start ?? f.start;
  const sorted = [...figs].sort((x, y) => anchor(x) - anchor(y));
  const out = new Map<Figure, string>();
  for (const [i, f] of sorted.entries()) {
    const end = i + 1 < sorted.length ? anchor(sorted[i + 1]) : Infinity;
    const named = new Set(localities.filter((e) => e.start >= anchor(f) && e.start < end).map((e) => kb.entities.get(e.entity)?.kind === 'landmark' ? kb.entities.get(e.entity)?.within ?? e.entity : e.entity));
    if (named.size !== 1) return undefined;
    out.set(f, [...named][0]);
  }
  const places = [...new Set(out.values())];
  return places.some((p, i) => places.slice(i + 1).some((q) => !placesCompatible(p, q, kb))) ? out : undefined;
}

/** What frames are once their sentences are known: their type, a date that can be exported, a place at a locality, their actors, names and weekdays. */
function finishFrames(frames: EventFrame[], a: IndexedAnalysis, kb: KnowledgeBase | undefined, by: { typesBy: ReadonlyMap<number, EventType[]>; figuresBy: ReadonlyMap<number, Figure[]>; entitiesBy: ReadonlyMap<number, readonly EntityMention[]>; mainCountry: string | null }): void {
  const { typesBy, figuresBy, entitiesBy, mainCountry } = by;
  for (const f of frames) {
    // The words of the sentences that give figures say what happened; background words elsewhere do not.
    const told = f.sentences.filter((s) => figuresBy.has(s) || s === f.sentences[0]);
    const cues = told.flatMap((s) => typesBy.get(s) ?? []);
    const kinds = new Set(f.figures.map((x) => x.kind));
    f.type = cues.length ? typeOfCues(cues) : kinds.size === 1 && kinds.has('arrested') ? 'arrest' : f.figures.length ? 'attack' : 'other';
    if (f.type !== 'arrest' && kinds.size === 1 && kinds.has('arrested') && !cues.some((c) => c !== 'arrest')) f.type = 'arrest';
  }
  for (const f of frames) if (f.date && ((f.date as FrameDate).anchored || (f.date as FrameDate).yearless)) f.date = null;
  // Events are located at a locality: a square or a building stands for its city. An event the
  // article places nowhere more precisely happened in the country the article is about.
  for (const f of frames) {
    const e = f.place ? kb?.entities.get(f.place) : undefined;
    if (e?.kind === 'landmark' && e.within) { f.place = e.within; f.placeName = kb?.entities.get(e.within)?.name ?? f.placeName; }
    if (!f.place && mainCountry) { f.place = mainCountry; f.placeName = kb?.entities.get(mainCountry)?.name ?? null; }
  }
  const actorsBy = bySentence(a.actors ?? []);
  const weekdaysBy = new Map<number, number[]>();
  for (const d of a.dates ?? []) if (d.value.weekday !== undefined && !d.value.since && !d.value.after) weekdaysBy.set(d.sentence, [...(weekdaysBy.get(d.sentence) ?? []), d.value.weekday]);
  for (const f of frames) {
    f.actors = frameActors(actorsBy, f.sentences);
    f.named = namedIn(entitiesBy, f.sentences, kb);
    f.weekdays = [...new Set(f.sentences.flatMap((s) => weekdaysBy.get(s) ?? []))].sort();
  }
}

/**
 * {@link frameDocument}, computed once per analysis and place in the list of documents (an analysis
 * is never changed after it is made): the same frame objects while the document keeps both, so that
 * what linking learnt about them (scores, keys) is kept from one re-link to the next.
 */
export function framesOf(a: IndexedAnalysis, document: number, kb: KnowledgeBase | undefined): EventFrame[] {
  let placed = PLACED.get(a);
  if (!placed || placed.document !== document || placed.kb !== kb) PLACED.set(a, (placed = { document, kb, frames: frameDocument(a, document, kb) }));
  return placed.frames;
}
const PLACED = new WeakMap<IndexedAnalysis, { document: number; kb: KnowledgeBase | undefined; frames: EventFrame[] }>();

/**
 * Splits one document into event frames: a date or a place that cannot be the current event's
 * opens another frame (background such as "last month in Taraz…"); figures belong to the frame of
 * their sentence.
 */
export function frameDocument(a: IndexedAnalysis, document: number, kb: KnowledgeBase | undefined): EventFrame[] {
  const frames: EventFrame[] = [];
  const { entitiesBy, placesBy, originsBy, referencesBy, listsBy, names } = placeIndex(a);
  const { datesBy, mentionsBy } = dateIndex(a);
  const dateOf = (f: Figure) => nearestDate(mentionsBy, f);
  // The article's own event is recent: what it dates to an earlier year ("last year", or years before publication) is background.
  const yearsBefore = (d: DateRange | null): boolean => !!d && (!!(d as FrameDate).pastYear || (!(d as FrameDate).yearless && !(d as FrameDate).anchored && !!a.published && time(d.end) < time(a.published) - 365 * DAY));
  const typesBy = new Map<number, EventType[]>();
  for (const c of a.eventCues ?? []) typesBy.set(c.sentence, [...(typesBy.get(c.sentence) ?? []), c.type]);
  const figuresBy = new Map<number, Figure[]>();
  // A running total ("killed this year") is no event's toll.
  for (const f of a.figures) if (!f.cumulative) figuresBy.set(f.sentence, [...(figuresBy.get(f.sentence) ?? []), f]);

  const mainCountry = mainCountryOf(a, kb);
  const scope = scopeOfSentences(a, placesBy, originsBy, listsBy, kb);
  // An article about an event across a country or many places: only a sentence that gives figures
  // names their place; otherwise they are the country's ("8,000 were detained, the ministry said").
  // Background about a wider area ("amid attacks across the country") does not make it one: the
  // wide words must give figures or open the article.
  const firstEventful = a.sentences.findIndex((_, s) => figuresBy.has(s) || typesBy.has(s));
  const wideArticle = [...scope.wide.keys()].some((s) => figuresBy.has(s) || s === firstEventful);
  const countryOf = (s: number, fallback: string | null): string | null => {
    const named = [...(placesBy.get(s) ?? []), ...(originsBy.get(s) ?? [])];
    return named.find((p) => kb?.entities.get(p)?.kind === 'country') ?? (named.length ? countryIdOf(mostSpecific(named, kb), kb) : null) ?? countryIdOf(fallback, kb) ?? mainCountry;
  };
  /** Where sentence s places what it tells, and whether that is a wide place (a country, a list's common ancestor). */
  const placeOf = (s: number, fallback: string | null): { place: string | null; wide: boolean } => {
    if (scope.wide.has(s)) return { place: scope.wide.get(s) ?? countryOf(s, fallback), wide: true };
    const own = placesBy.get(s) ?? [];
    if (own.length) return { place: mostSpecific(own, kb), wide: false };
    // A place named only as where it began locates nothing in an article about a wider event.
    const origins = originsBy.get(s) ?? [];
    if (origins.length && !wideArticle) return { place: mostSpecific(origins, kb), wide: false };
    // "Suspects arrested after the Abha attack" were arrested there; a sentence with a date of its
    // own ("on 26 June, two weeks after the Aktobe attacks, …") tells of another time and place.
    const references = referencesBy.get(s) ?? [];
    return { place: references.length && !datesBy.has(s) ? mostSpecific(references, kb) : null, wide: false };
  };
  // A national body's figures that name no place, in an article about a wide event ("the Interior
  // Ministry said 8,000 were detained"), are the country's; in a local article they stay local.
  const national = (s: number) => wideArticle && (entitiesBy.get(s) ?? []).some((e) => e.type === 'organization' && NATIONAL.has(kb?.entities.get(e.entity)?.kind ?? ''));

  // The article's own place: the most specific place of its first sentences.
  const leadPlaces = [0, 1, 2].flatMap((s) => placesBy.get(s) ?? []);
  // Another event named to tell a time is where the article is only when it names no other place
  // ("police arrested five men after the attack in Almaty").
  const leadLocal = mostSpecific(leadPlaces, kb) ?? mostSpecific([0, 1, 2].flatMap((s) => referencesBy.get(s) ?? []), kb);
  const lead = wideArticle ? countryOf(0, leadLocal) : leadLocal;
  let current: EventFrame | null = null;
  const wideFrames = new Set<EventFrame>();
  const open = (s: number, date: DateRange | null, place: string | null, wide = false): EventFrame => {
    // Background dated to an earlier year is never the article's own undated event.
    const earlier = yearsBefore(date);
    const same = frames.slice(-FRAMES_LOOKED_BACK).find((f) => wideFrames.has(f) === wide && (date && f.date ? !clash(date, f.date) : (!date || !f.date) && !(earlier && f.main)) && place && f.place && placesCompatible(place, f.place, kb) && (date || f.date));
    if (same) return same;
    const f: EventFrame = { document, sentences: [], figures: [], type: 'other', date, place, placeName: place ? names.get(place) ?? kb?.entities.get(place)?.name ?? null : null, main: frames.length === 0, actors: [], wide: wide || undefined, named: [], weekdays: [] };
    frames.push(f);
    if (wide) wideFrames.add(f);
    return f;
  };
  let afterPastYear = false;
  for (let s = 0; s < a.sentences.length; s++) {
    const figsHere = figuresBy.get(s) ?? [];
    // A sentence that gives figures is dated by what most of its figures are near; its other dates are someone else's.
    let date = datesBy.get(s) ?? null;
    if (figsHere.length) {
      // When some figures sit near a date, the sentence's date is the one most of them are near (or none);
      // when none does, it is the sentence's first date.
      const counts = new Map<FrameDate | undefined, number>();
      let near = false;
      for (const f of figsHere) {
        const d = dateOf(f);
        if (d) near = true;
        counts.set(d, (counts.get(d) ?? 0) + 1);
      }
      if (near) {
        let top: FrameDate | undefined;
        let n = 0;
        for (const [d, c] of counts) if (c > n) { top = d; n = c; }
        date = top && n * 2 >= figsHere.length ? top : null;
      }
    }
    const figs = figsHere;
    const eventful = figs.length > 0 || typesBy.has(s);
    if (!eventful) { afterPastYear ||= !!(datesBy.get(s) as FrameDate | undefined)?.pastYear; if (!current) continue; }
    const here = placeOf(s, current?.place ?? lead);
    const wide = here.wide;
    // In an article about a wide event, a sentence without figures places nothing ("riots in Almaty" is one part of it).
    const place = wideArticle && !figs.length && !wide ? null : here.place;
    if (!current) {
      if (!figs.length && !typesBy.has(s)) continue;
      // The article's own event is recent: a date years before publication in its first sentence is background.
      const old = yearsBefore(date);
      current = open(s, old ? null : date, place ?? lead, wide || (!place && wideArticle));
    } else if (eventful) {
      // A frame without a date of its own tells of the article's recent event: figures dated years
      // before publication ("between 50,000 and 100,000 killed in 1992–1997") are background.
      // A date told right after "last year" (in a sentence that gives nothing) is that earlier event's.
      const dateClash = date && (current.date ? clash(date, current.date) : yearsBefore(date) || afterPastYear);
      const currentWide = wideFrames.has(current);
      // A place in no knowledge base (a hometown, a street) is too weak to start another event.
      // Countries and regions are named for many reasons (a victim's nationality); only a locality moves the event.
      const locality = !!place && !!kb?.entities.has(place) && specificity(place, kb) <= SPECIFIC.indexOf('province');
      const placeClash = !wide && !currentWide && locality && current.place && !placesCompatible(place, current.place, kb);
      // The event across the country and one of its places are two events: a wide sentence leaves a
      // local event, and a local sentence with figures leaves the wide one.
      const scopeClash = figs.length > 0 && (wide ? !currentWide : currentWide && locality);
      const toCountry = !wide && !place && figs.length > 0 && !currentWide && national(s);
      if (dateClash || placeClash || scopeClash) current = wide || (!place && currentWide) ? open(s, date, place ?? current.place, true) : open(s, date, place);
      else if (toCountry) current = open(s, date, countryOf(s, current.place), true);
      else {
        if (date && (!current.date || current.date.precision !== 'day')) current.date = date;
        // Only a sentence that gives figures places them; another event may be recalled in between.
        // A sentence that tells of the event without figures may still say where within its place it was ("the attack happened in the town of …").
        const within = !!kb && !!current.place && place !== current.place && !!place && kb.contains(current.place, place);
        if (!currentWide && place && (figsHere.length || (typesBy.has(s) && within)) && (!current.place || (kb && (within || specificity(place, kb) < specificity(current.place, kb))))) { current.place = place; current.placeName = names.get(place) ?? null; }
      }
    }
    if (eventful) afterPastYear = false;
    current.sentences.push(s);
    const ownPlaces = wideFrames.has(current) ? undefined : placesOfFigures(entitiesBy, kb, s, figs);
    for (const f of figs) {
      // A figure dated apart from its sentence's event belongs to another ("… and is suspected of a murder last week").
      const own = dateOf(f);
      let home: EventFrame = own && current.date && clash(own, current.date) ? open(s, own, current.place, wideFrames.has(current)) : current;
      // "Five were killed in Almaty and three in Taraz": each figure where its own words put it.
      const there = ownPlaces?.get(f);
      if (there && home.place && !placesCompatible(there, home.place, kb)) home = open(s, home.date, there);
      if (home !== current && home.sentences[home.sentences.length - 1] !== s) home.sentences.push(s);
      home.figures.push(f);
    }
  }
  finishFrames(frames, a, kb, { typesBy, figuresBy, entitiesBy, mainCountry });
  return frames.filter((f) => f.figures.length > 0);
}
