import { findActors } from './actors';
import { boilerplateWords, findBoilerplate } from './boilerplate';
import { datelineOf, findDates, type DateMention as TokenDate } from './dates';
import { findEntities, resolvePending, unresolvedName, type PendingEntity, type TokenEntity } from './entities';
import { findFigures, type TokenFigure } from './figures';
import type { KnowledgeBase } from './knowledge';
import { readFrontMatter } from './frontMatter';
import { identifyLanguage } from './language';
import { compileLexicon, type CompiledLexicon, type Lexicon } from './lexicon';
import { fold, type FoldedText } from './normalize';
import { findQuantities } from './numbers';
import { splitSentences, tokenize, toOriginal, type Token } from './tokenize';
import type { ActorMention, Analyzer, AnalysisInput, DateMention, DocumentAnalysis, EntityMention, EventCue, Figure, InputProblem, Paragraph, Quantity, ScopeCue, Span } from './types';

/** What the core needs from its host. */
export interface AnalyzerOptions {
  /** One lexicon per language, as read from `lexicons/*.json`. */
  lexicons: readonly Lexicon[];
  /** People, places and organizations to recognise; without it only cued names are found. */
  knowledge?: KnowledgeBase;
}

const PARAGRAPH = /\n\s*\n|\n/g;

/** Punctuation between two tokens that ends a clause. */
const CLAUSE_BREAK = /[,;:،؛–—(]/;

/** The clauses of sentence `[from, to)`: a number per token, and the first clause after a semicolon. */
interface Clauses {
  of(k: number): number;
  /** The first clause after a semicolon (Infinity without one). */
  afterSemicolon: number;
}

function clausesOf(tokens: readonly Token[], from: number, to: number): Clauses {
  const clause = new Int32Array(to - from);
  let afterSemicolon = Infinity;
  for (let k = from + 1, c = 0; k < to; k++) {
    const gap = tokens[k].gap;
    if (CLAUSE_BREAK.test(gap)) {
      c++;
      if (afterSemicolon === Infinity && /[;؛]/.test(gap)) afterSemicolon = c;
    }
    clause[k - from] = c;
  }
  return { of: (k) => clause[k - from], afterSemicolon };
}

/**
 * Which tokens of sentence `[from, to)` lie in a running total: a clause that names a period
 * (`periods`: "since the start of the year"), from its first word; a clause that names a weak period
 * beside a word of totalling (`weakPeriods`, `totals`: "bringing the number killed this year to 57"),
 * from the first of those words on, so that the event's own toll before them stays its own; and
 * the clauses after a sentence's opening period ("Since the start of the year, 300 people have been
 * killed"), up to a semicolon.
 */
function cumulativeClauses(clauses: Clauses, from: number, to: number, periods: readonly number[], weakPeriods: readonly number[], totals: readonly number[]): (k: number) => boolean {
  const { of } = clauses;
  /** The token from which each clause is a running total. */
  const startOf = new Map<number, number>();
  const earliest = (c: number, k: number) => { const s = startOf.get(c); if (s === undefined || k < s) startOf.set(c, k); };
  for (const k of periods) {
    let first = k;
    while (first > from && of(first - 1) === of(k)) first--;
    earliest(of(k), first);
  }
  for (const w of weakPeriods) {
    const t = totals.find((x) => of(x) === of(w));
    if (t !== undefined) earliest(of(w), Math.min(w, t));
  }
  const opening = periods.length > 0 && of(periods[0]) === 0;
  return (k: number) => {
    if (k < from || k >= to) return false;
    const s = startOf.get(of(k));
    return (s !== undefined && k >= s) || (opening && of(k) < clauses.afterSemicolon);
  };
}

/** Creates an analyzer over the given lexicons. */
export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const compiled = new Map<string, CompiledLexicon>();
  for (const l of options.lexicons) compiled.set(l.language, compileLexicon(l));
  const all = [...compiled.values()];
  const furniture = boilerplateWords(all);
  return {
    languages: [...compiled.keys()],
    analyze(input: AnalysisInput): DocumentAnalysis {
      try {
        return analyzeDocument(input.text, compiled, all, furniture, options.knowledge, input.published);
      } catch (e) {
        return {
          length: input.text.length, language: 'und', paragraphs: [], sentences: [], frontMatter: null, published: null,
          boilerplate: [], quantities: [], figures: [], entities: [], dates: [], eventCues: [],
          problems: [{ start: 0, end: 0, severity: 'error', code: 'internal-error', message: `Khabar could not analyse this document: ${e instanceof Error ? e.message : String(e)}` }],
        };
      }
    },
  };
}

/** A paragraph over folded offsets, with its language. */
interface FoldedParagraph { start: number; end: number; language: string }

/**
 * The sentences to analyse, in order: the n-th is sentence `si[n]`, its tokens `[from[n], to[n])`,
 * read with `lexicons[lex[n]]`. Typed arrays, since a long document has hundreds of thousands of
 * sentences and an object each stayed alive through the whole analysis.
 */
class SentencePlan {
  length = 0;
  readonly si: Int32Array;
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly lex: Uint8Array;
  readonly lexicons: CompiledLexicon[] = [];

  constructor(max: number) {
    this.si = new Int32Array(max);
    this.from = new Int32Array(max);
    this.to = new Int32Array(max);
    this.lex = new Uint8Array(max);
  }

  add(si: number, from: number, to: number, lex: CompiledLexicon): void {
    let l = this.lexicons.indexOf(lex);
    if (l < 0) l = this.lexicons.push(lex) - 1;
    const n = this.length++;
    this.si[n] = si;
    this.from[n] = from;
    this.to[n] = to;
    this.lex[n] = l;
  }

  lexAt(n: number): CompiledLexicon {
    return this.lexicons[this.lex[n]];
  }
}

/**
 * One document as the analysis reads it: its text, folded text and tokens, the candidate forms of
 * every token, and what its sentences found so far. Every field is set in the constructor so that
 * the object keeps one shape.
 */
class DocumentScan {
  readonly ftext: string;
  readonly forms: string[][];
  readonly nounForms: string[][];
  readonly nameForms: string[][];
  readonly figures: Figure[] = [];
  readonly quantities: Quantity[] = [];
  readonly entities: EntityMention[] = [];
  /** Countries the article names, with how often (generic names are resolved by them). */
  readonly countries = new Map<string, number>();
  /** Generic names waiting for the whole article's countries. */
  readonly pending: { start: number; end: number; ids: string[]; sentence: number }[] = [];
  readonly dates: DateMention[] = [];
  readonly eventCues: EventCue[] = [];
  readonly scopeCues: ScopeCue[] = [];
  readonly actors: ActorMention[] = [];
  /** What relative dates are resolved against: the publication date, else the latest full date the article gives. */
  reference: string | null = null;
  /** The original offset of a token's start. */
  readonly origStart: (tk: { start: number }) => number;

  constructor(readonly text: string, readonly folded: FoldedText, readonly tokens: Token[], readonly knowledge: KnowledgeBase | undefined) {
    this.ftext = folded.text;
    this.forms = new Array(tokens.length);
    this.nounForms = new Array(tokens.length);
    this.nameForms = new Array(tokens.length);
    this.origStart = (tk) => folded.offsets[tk.start];
  }

  /** The original span of folded offsets `[s, e)`. */
  orig(s: number, e: number): Span {
    return toOriginal(this.folded, this.text, s, e);
  }

  /** The original span of tokens `[from, to)`. */
  span(from: number, to: number): Span {
    return this.orig(this.tokens[from].start, this.tokens[to - 1].end);
  }
}

function analyzeDocument(text: string, compiled: ReadonlyMap<string, CompiledLexicon>, all: readonly CompiledLexicon[], furniture: ReturnType<typeof boilerplateWords>, knowledge: KnowledgeBase | undefined, given?: string): DocumentAnalysis {
  const problems: InputProblem[] = [];
  const fm = readFrontMatter(text);
  problems.push(...fm.problems);
  const folded = fold(text);
  // Folded offsets of the body start: the first folded unit at or after the original body start.
  let bodyFolded = 0;
  while (bodyFolded < folded.text.length && folded.offsets[bodyFolded] < fm.bodyStart) bodyFolded++;
  const ftext = folded.text;

  // Page furniture (menus, related links, another article appended) is not analysed: sentences
  // lose the parts of them that lie in it (a link with no final full stop runs into the next line).
  const boilerplate = findBoilerplate(text, furniture, fm.bodyStart);
  // Built by push, as withoutSpans builds its list: one kind of array for the code that reads either.
  let sentencesF: Span[] = [];
  for (const s of splitSentences(ftext)) if (s.end > bodyFolded) sentencesF.push({ start: Math.max(s.start, bodyFolded), end: s.end });
  if (boilerplate.length) sentencesF = withoutSpans(sentencesF, boilerplate.map((b) => ({ start: foldedAt(folded.offsets, b.start), end: foldedAt(folded.offsets, b.end) })), ftext);
  const doc = new DocumentScan(text, folded, tokenize(ftext, sentencesF, bodyFolded), knowledge);

  const { paragraphs, paraF, language } = paragraphsOf(doc, bodyFolded, all);
  // Publication date: front matter, else a dateline at the top of the body.
  let published = fm.frontMatter?.published ?? null;
  const docLex = compiled.get(language);
  if (!published && docLex) {
    try { published = datelineOf(text.slice(fm.bodyStart), docLex)?.start ?? null; } catch { published = null; }
  }
  // A publication date given beside the text (batch mode), when the text states none.
  if (!published && given) published = given;

  const plan = planSentences(doc, sentencesF, paraF, language, compiled);
  // Without a publication date, what each planned sentence's weekdays and days counted from now are resolved against.
  let references: (string | null)[] | undefined;
  if (published) doc.reference = published;
  else {
    const dates = fullDates(doc, plan);
    for (const d of dates) if (!doc.reference || d.date > doc.reference) doc.reference = d.date;
    references = referencesOf(plan, dates);
  }
  for (let n = 0; n < plan.length; n++) sentence(doc, plan.si[n], plan.from[n], plan.to[n], plan.lexAt(n), references?.[n]);

  resolveGenericNames(doc);
  const { entities } = doc;
  // A place at the very start of the body followed by a dash or a parenthesis is a dateline; by a
  // colon, when written in capitals ("KABUL:"; "Kabul: 12 killed" is a headline that places the event).
  const firstLine = /^\s*([^\n]{0,120})/.exec(text.slice(fm.bodyStart))?.[1] ?? '';
  const colon = firstLine.indexOf(':');
  const dash = firstLine.search(colon > 0 && inCapitals(firstLine.slice(0, colon)) ? /\s[-–—]\s|\(|:/ : /\s[-–—]\s|\(/);
  if (dash > 0 && dash < 80) {
    const limit = fm.bodyStart + (text.slice(fm.bodyStart).length - text.slice(fm.bodyStart).trimStart().length) + dash;
    for (const e of entities) if (e.type === 'place' && e.end <= limit) e.dateline = true;
  }
  const sentenceSpans = sentencesF.map((s) => doc.orig(s.start, s.end));
  markDatelines(text, entities, sentenceSpans);

  return {
    length: text.length,
    language,
    paragraphs,
    sentences: sentenceSpans,
    frontMatter: fm.frontMatter,
    published,
    boilerplate,
    quantities: doc.quantities,
    figures: doc.figures,
    entities,
    dates: doc.dates,
    eventCues: doc.eventCues,
    scopeCues: doc.scopeCues,
    actors: doc.actors,
    problems,
  };
}

/** Paragraphs of the body and their languages; the document's language is that of most of its text. */
function paragraphsOf(doc: DocumentScan, bodyFolded: number, all: readonly CompiledLexicon[]): { paragraphs: Paragraph[]; paraF: FoldedParagraph[]; language: string } {
  const { text, ftext } = doc;
  const paragraphs: Paragraph[] = [];
  const paraF: FoldedParagraph[] = [];
  let ps = bodyFolded;
  PARAGRAPH.lastIndex = bodyFolded;
  const pushPara = (s: number, e: number) => {
    const slice = ftext.slice(s, e);
    if (!slice.trim()) return;
    const o = doc.orig(s, e);
    const language = identifyLanguage(text.slice(o.start, o.end), () => slice.match(/[\p{L}]+/gu) ?? [], all);
    paraF.push({ start: s, end: e, language });
    // Fields, not a spread: a spread's object got a hidden class of its own (see docs/performance.md).
    paragraphs.push({ start: o.start, end: o.end, language });
  };
  for (let m = PARAGRAPH.exec(ftext); m; m = PARAGRAPH.exec(ftext)) {
    pushPara(ps, m.index);
    ps = m.index + m[0].length;
  }
  pushPara(ps, ftext.length);

  const lengthBy = new Map<string, number>();
  for (const p of paraF) if (p.language !== 'und') lengthBy.set(p.language, (lengthBy.get(p.language) ?? 0) + p.end - p.start);
  let language = 'und';
  let most = 0;
  for (const [l, n] of lengthBy) if (n > most) { most = n; language = l; }
  return { paragraphs, paraF, language };
}

/** Sentences with their token ranges and lexicons; fills the candidate forms of every token. */
function planSentences(doc: DocumentScan, sentencesF: readonly Span[], paraF: readonly FoldedParagraph[], language: string, compiled: ReadonlyMap<string, CompiledLexicon>): SentencePlan {
  const { tokens, forms, nounForms, nameForms } = doc;
  let t = 0;
  let p = 0;
  const plan = new SentencePlan(sentencesF.length);
  for (let si = 0; si < sentencesF.length; si++) {
    const s = sentencesF[si];
    const from = t;
    while (t < tokens.length && tokens[t].start < s.end) t++;
    const to = t;
    if (to === from) continue;
    while (p < paraF.length - 1 && paraF[p].end <= s.start) p++;
    const sentLang = paraF[p] && paraF[p].language !== 'und' ? paraF[p].language : language;
    const lex = compiled.get(sentLang);
    if (!lex) continue;
    // Tokens of one text share its string: a long document repeats its words thousands of times.
    for (let k = from; k < to; k++) { const w = lex.wordForms(tokens[k]); tokens[k].text = w.text; forms[k] = w.forms; nounForms[k] = w.nounForms; nameForms[k] = w.nameForms; }
    plan.add(si, from, to, lex);
  }
  return plan;
}

/** Without a publication date, the full dates the article gives, by sentence in order. */
function fullDates(doc: DocumentScan, plan: SentencePlan): { sentence: number; date: string }[] {
  const out: { sentence: number; date: string }[] = [];
  for (let n = 0; n < plan.length; n++) {
    for (const d of findDates(doc.tokens, doc.forms, plan.lexAt(n), plan.from[n], plan.to[n], { published: null })) {
      if (d.precision === 'day' && !d.relative && d.start && d.start === d.end) out.push({ sentence: plan.si[n], date: d.start });
    }
  }
  return out;
}

/** How many sentences after a relative date a full date may be and still tell what it is relative to. */
const REFERENCE_AHEAD = 1;

/**
 * What the relative dates of each sentence are resolved against, without a publication date: the
 * latest full date the article gives up to a few sentences after it (articles date what happened up
 * to their publication; a date told much later is more often background, "on October 26 of last
 * year", than the day the article was written), by the sentence's place in the plan. Not exported.
 * One pass over sentences and dates.
 */
function referencesOf(plan: SentencePlan, dates: readonly { sentence: number; date: string }[]): (string | null)[] {
  const out: (string | null)[] = [];
  let reference: string | null = null;
  let k = 0;
  for (let n = 0; n < plan.length; n++) {
    for (; k < dates.length && dates[k].sentence <= plan.si[n] + REFERENCE_AHEAD; k++) if (!reference || dates[k].date > reference) reference = dates[k].date;
    out.push(reference);
  }
  return out;
}

/** One sentence: a function of its own, which V8 optimises apart from the rest of the analysis. */
function sentence(doc: DocumentScan, si: number, from: number, to: number, lex: CompiledLexicon, near: string | null | undefined): void {
  const { tokens, forms, text } = doc;
  const sentenceQuantities = findQuantities(tokens, forms, lex, from, to);
  for (const q of sentenceQuantities) {
    const span = doc.span(q.from, q.to);
    doc.quantities.push({ start: span.start, end: span.end, low: q.low, high: q.high, approximate: q.approximate, text: text.slice(span.start, span.end) });
  }
  sentenceEntities(doc, si, from, to, lex);
  sentenceDates(doc, si, from, to, lex, near);
  const cues = sentenceCues(doc, si, from, to, lex);
  for (const f of findFigures(tokens, forms, doc.nounForms, lex, from, to, sentenceQuantities)) doc.figures.push(figureOf(doc, f, cues, lex.language, si));
}

/**
 * A figure of the document from one over tokens. Plain properties in one order, optional ones set
 * only when true: a spread followed by fields gave every figure a hidden class of its own once V8
 * had run the site a few hundred times (hundreds of bytes a figure, kept as long as the analysis).
 */
function figureOf(doc: DocumentScan, f: TokenFigure, cues: FigureCues, language: string, si: number): Figure {
  const span = doc.span(f.from, f.to);
  const at = f.quantity?.from ?? f.from;
  const figure: Figure = {
    start: span.start, end: span.end, kind: f.kind, group: f.group, low: f.low, high: f.high, approximate: f.approximate, explicit: f.explicit,
    text: doc.text.slice(span.start, span.end), trigger: doc.span(f.trigger.from, f.trigger.to),
    quantity: f.quantity ? doc.span(f.quantity.from, f.quantity.to) : undefined, groupWords: f.groupWords ? doc.span(f.groupWords.from, f.groupWords.to) : undefined,
    language, sentence: si,
  };
  if (cues.updatedIn(at)) figure.update = true;
  if (cues.cumulativeIn?.(at)) figure.cumulative = true;
  if (cues.supersededIn(at)) figure.superseded = true;
  return figure;
}

/** The names of a sentence (places, people, organizations), its actors, and generic names left for later. */
function sentenceEntities(doc: DocumentScan, si: number, from: number, to: number, lex: CompiledLexicon): void {
  const { tokens, forms, text, knowledge } = doc;
  const pendingHere: PendingEntity[] = [];
  const found = findEntities(tokens, doc.nameForms, lex, knowledge, text, doc.origStart, from, to, doc.countries, pendingHere);
  for (const p of pendingHere) { const o = doc.span(p.from, p.to); doc.pending.push({ start: o.start, end: o.end, ids: p.ids, sentence: si }); }
  const lists = placeLists(found, tokens, forms, lex);
  const origins = originPlaces(found, lists, tokens, forms, lex, from, to);
  const references = referencePlaces(found, tokens, forms, lex, from, to);
  const near = nearPlaces(found, forms, lex, from);
  for (const x of findActors(tokens, forms, lex, knowledge, found, from, to)) { const o = doc.span(x.from, x.to); doc.actors.push({ start: o.start, end: o.end, role: x.role, entity: x.entity, name: x.name, sentence: si }); }
  found.forEach((e, n) => {
    const span = doc.span(e.from, e.to);
    let example = false;
    for (let b = Math.max(from, e.from - 4); b < e.from && !example; b++) { const m = lex.exampleMarkers.longest(forms, b, e.from); example = !!m && m.to === e.from; }
    // "Across Iran", "throughout Sistan and Baluchestan": a wide area; "throughout the city" is the city anyway.
    for (let b = Math.max(from, e.from - 4); b < e.from && WIDE_KINDS.has(knowledge?.entities.get(e.id)?.kind ?? ''); b++) {
      const m = lex.scopeWideBefore.longest(forms, b, e.from);
      if (m && m.to === e.from) { const o = doc.orig(tokens[b].start, tokens[e.to - 1].end); doc.scopeCues.push({ start: o.start, end: o.end, kind: 'wide', sentence: si, place: e.id }); break; }
    }
    const list = lists[n] === undefined ? undefined : doc.orig(tokens[found[lists[n]!].from].start, tokens[found[lists[n]!].from].end).start;
    // Plain properties, optional ones set only when true: object spreads cost more than the rest of this loop.
    const mention: EntityMention = { start: span.start, end: span.end, entity: e.id, type: e.type, name: e.name, inKnowledgeBase: e.inKnowledgeBase, text: text.slice(span.start, span.end), sentence: si };
    if (example) mention.example = true;
    if (aside(forms, e.from, e.to, from, to, lex)) mention.aside = true;
    if (origins.has(n)) mention.origin = true;
    if (references.has(n)) mention.reference = true;
    if (near.has(n)) mention.near = true;
    if (list !== undefined) mention.list = list;
    doc.entities.push(mention);
  });
}

/** The dates of a sentence, resolved against the document's reference date. */
function sentenceDates(doc: DocumentScan, si: number, from: number, to: number, lex: CompiledLexicon, near: string | null | undefined): void {
  const { tokens, forms, text } = doc;
  for (const d of findDates(tokens, forms, lex, from, to, { published: doc.reference, near })) {
    const span = doc.span(d.from, d.to);
    let since = false;
    for (let b = Math.max(from, d.from - 2); b < d.from && !since; b++) { const m = lex.dateNotEvent.longest(forms, b, d.from + 1); since = !!m && m.to >= d.from; }
    // "On Friday, the day after the attack": one word may stand between (أي, that is).
    let after = false;
    for (let b = d.to; b <= d.to + 1 && b < to && !after; b++) after = !!lex.dateAfterEvent.longest(forms, b, to);
    const yearless = !d.start && !d.relative ? yearlessOf(d) : undefined;
    // Optional fields set one by one, in this order, for the reason figureOf gives.
    const value: DateMention['value'] = { start: d.start, end: d.end, precision: d.precision };
    if (d.relative) value.relative = d.relative;
    if (since) value.since = since;
    if (after) value.after = after;
    if (yearless) value.yearless = yearless;
    if (d.weekday !== undefined) value.weekday = d.weekday;
    doc.dates.push({ start: span.start, end: span.end, value, text: text.slice(span.start, span.end), sentence: si });
  }
}

/** Where in a sentence a figure is a toll that rose, a running total, or an earlier count. */
interface FigureCues {
  updatedIn(k: number): boolean;
  cumulativeIn: ((k: number) => boolean) | undefined;
  supersededIn(k: number): boolean;
}

/** The event and scope cues of a sentence, and where its figures update, total or were superseded. */
function sentenceCues(doc: DocumentScan, si: number, from: number, to: number, lex: CompiledLexicon): FigureCues {
  const { tokens, forms } = doc;
  const updates: number[] = [];
  // Where the sentence names a period of a running total, and where it totals (see Lexicon.cumulative).
  const periods: number[] = [], weakPeriods: number[] = [], totals: number[] = [], earlier: number[] = [];
  for (let k = from; k < to; k++) {
    if (!lex.keyword(forms[k])) continue;
    if (lex.cumulativePeriods.longest(forms, k, to)) periods.push(k);
    else if (lex.cumulativeWeak.longest(forms, k, to)) weakPeriods.push(k);
    if (lex.cumulativeTotals.longest(forms, k, to)) totals.push(k);
    const c = lex.eventTypes.longest(forms, k, to);
    if (c) { const o = doc.span(k, c.to); doc.eventCues.push({ start: o.start, end: o.end, type: c.value, sentence: si }); k = c.to - 1; continue; }
    const wide = lex.scopeWide.longest(forms, k, to);
    const w = wide ?? lex.scopeSpread.longest(forms, k, to);
    // "In various areas of the city" keeps the event in the city.
    // A spread word may begin a wide phrase ("spread to other cities"): it does not hide it.
    if (w && !(wide && lex.scopeNarrowAfter.longest(forms, w.to, to))) { const o = doc.span(k, w.to); doc.scopeCues.push({ start: o.start, end: o.end, kind: wide ? 'wide' : 'spread', sentence: si }); if (wide) k = w.to - 1; continue; }
    if (lex.updateCues.longest(forms, k, to)) updates.push(k);
    if (lex.supersededCues.longest(forms, k, to)) earlier.push(k);
  }
  const clauses = periods.length || weakPeriods.length || updates.length || earlier.length ? clausesOf(tokens, from, to) : undefined;
  const cumulativeIn = clauses && (periods.length || weakPeriods.length) ? cumulativeClauses(clauses, from, to, periods, weakPeriods, [...totals, ...updates]) : undefined;
  // A toll that rose is the figure of the clause that says so ("…, raising the toll to 14"), from its
  // word of totalling on ("… کشته شدند و به این ترتیب شمار … به ۴۱ نفر رسید"), not the others of its sentence.
  const updatedIn = (k: number): boolean => {
    if (!clauses) return false;
    const c = clauses.of(k);
    if (!updates.some((u) => clauses.of(u) === c)) return false;
    return !totals.some((t) => clauses.of(t) === c && t > k);
  };
  const supersededIn = (k: number): boolean => !!clauses && earlier.some((e) => clauses.of(e) === clauses.of(k));
  return { updatedIn, cumulativeIn, supersededIn };
}

/** Generic names ("the Interior Ministry" before the article names its country) by the whole article's countries. */
function resolveGenericNames(doc: DocumentScan): void {
  const kb = doc.knowledge;
  if (!kb || !doc.pending.length) return;
  for (const p of doc.pending) {
    const id = resolvePending(p.ids, kb, doc.countries);
    const text = doc.text.slice(p.start, p.end);
    const e = id ? kb.entities.get(id) : unresolvedName(p.ids, kb, text);
    if (e) doc.entities.push({ start: p.start, end: p.end, entity: e.id, type: e.type, name: e.name, inKnowledgeBase: !!id, text, sentence: p.sentence });
  }
  doc.entities.sort((x, y) => x.start - y.start);
}

/** A dateline's agency or a dash right after a place's name (and its country): "Kabul (AFP) –", «طهران (وكالات)», "SHIRAZ, Iran —". */
const DATELINE_TAIL = /^\s*(?:\([^()\n]{1,40}\)|[-–—]\s)/;
/** A name written in capitals ("TEHRAN", "NEW DELHI"): with a colon after it, a dateline ("TEHRAN: On Wednesday…"), not a headline's "Kabul: …". */
const inCapitals = (s: string) => /\p{Lu}\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);
/** Sentences of an article's top that may open with a dateline: after a headline, a standfirst, a byline. */
const DATELINE_SENTENCES = 8;

/**
 * Places that open a line or one of the first sentences and are followed by an agency in
 * parentheses or a dash are a dateline: where the report was filed, wherever the headline before it
 * put the event.
 */
function markDatelines(text: string, entities: readonly EntityMention[], sentences: readonly Span[]): void {
  const places = entities.filter((e) => e.type === 'place' && e.sentence < DATELINE_SENTENCES);
  for (let i = 0; i < places.length; i++) {
    const e = places[i];
    const s = sentences[e.sentence];
    if (!s) continue;
    const lineStart = text.lastIndexOf('\n', e.start - 1) + 1;
    const before = text.slice(Math.max(lineStart, s.start), e.start);
    if (!/^[\s•*"«“'-]*$/.test(before)) continue;
    // "SHIRAZ, Iran (Reuters) –": the country after the city belongs to the dateline too.
    let last = e;
    const next = places[i + 1];
    if (next && next.sentence === e.sentence && /^\s*[,،]\s*$/.test(text.slice(e.end, next.start))) last = next;
    const tail = text.slice(last.end, last.end + 60);
    if (!DATELINE_TAIL.test(tail) && !(/^\s*:/.test(tail) && inCapitals(text.slice(e.start, last.end)))) continue;
    e.dateline = true;
    last.dateline = true;
  }
}

/** Whether words around tokens `[a, b)` (within `[from, to)`) name a place for something else: a time zone, an outlet. */
function aside(forms: readonly string[][], a: number, b: number, from: number, to: number, lex: CompiledLexicon): boolean {
  for (let k = Math.max(from, a - 3); k < a; k++) { const m = lex.asideBefore.longest(forms, k, a); if (m && m.to === a) return true; }
  return b < to && !!lex.asideAfter.longest(forms, b, to);
}

/** The first folded offset whose original offset is at or after `original` (offsets are in increasing order). */
function foldedAt(offsets: Int32Array, original: number): number {
  let lo = 0, hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] < original) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Sentences with the parts inside `spans` (sorted, not overlapping) cut out; parts of only spaces dropped. */
function withoutSpans(sentences: readonly Span[], spans: readonly Span[], text: string): Span[] {
  const out: Span[] = [];
  const push = (start: number, end: number) => {
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) out.push({ start, end });
  };
  for (const s of sentences) {
    let start = s.start;
    for (const b of spans) {
      if (b.end <= start || b.start >= s.end) continue;
      push(start, Math.min(b.start, s.end));
      start = Math.max(start, b.end);
    }
    push(start, s.end);
  }
  return out;
}

/** Kinds of place an event can be spread over. */
const WIDE_KINDS = new Set(['country', 'province', 'region']);

const CLAUSE_PUNCTUATION = /[,،.;:؛()«»"“”]/;

/** Whether a clause ends between tokens `a` and `b` (punctuation, or a word such as "but"). */
function clauseBetween(tokens: readonly Token[], forms: readonly string[][], lex: CompiledLexicon, a: number, b: number): boolean {
  for (let j = a; j < b; j++) {
    if (j > a && CLAUSE_PUNCTUATION.test(tokens[j].gap)) return true;
    if (lex.boundaries.longest(forms, j, b)) return true;
  }
  return b > a && CLAUSE_PUNCTUATION.test(tokens[b]?.gap ?? '');
}

/**
 * Places named as one list ("Almaty, Taraz and Aktobe", مدينتي جاناوزين وأكتاو): for each entity,
 * the index of the first place of its list, or undefined when it stands alone. Only commas,
 * coordinators and place words ("cities of") may stand between the names of a list.
 */
function placeLists(found: readonly TokenEntity[], tokens: readonly Token[], forms: readonly string[][], lex: CompiledLexicon): (number | undefined)[] {
  const out: (number | undefined)[] = found.map(() => undefined);
  // How each place joins the one before: a coordinator ("and", attached و), a comma only, or not at all.
  const joint = (a: TokenEntity, b: TokenEntity): 'coordinator' | 'comma' | undefined => {
    if (a.type !== 'place' || b.type !== 'place' || /[.;:؛()«»"“”]/.test(tokens[b.from].gap)) return undefined;
    let coordinated = lex.attachedCoordinators.some((c) => tokens[b.from].text.startsWith(c) && tokens[b.from].text.length > c.length + 2);
    for (let j = a.to; j < b.from; ) {
      if (j > a.to && /[.;:؛()«»"“”]/.test(tokens[j].gap)) return undefined;
      const c = lex.coordinators.longest(forms, j, b.from);
      const cue = c ? undefined : lex.entityCues.longest(forms, j, b.from);
      if (c) { coordinated = true; j = c.to; } else if (cue?.value.type === 'place') j = cue.to;
      else return undefined;
    }
    return coordinated ? 'coordinator' : /[,،]/.test(tokens[b.from].gap) || (b.from > a.to && /[,،]/.test(tokens[a.to].gap)) ? 'comma' : undefined;
  };
  // A list has a coordinator somewhere ("A, B and C"); "Aktobe, West Kazakhstan" alone is a place and its region.
  for (let n = 1; n < found.length; ) {
    let end = n;
    let coordinated = false;
    for (let j; end < found.length && (j = joint(found[end - 1], found[end])); end++) coordinated ||= j === 'coordinator';
    if (end > n && coordinated) for (let k = n - 1; k < end; k++) out[k] = n - 1;
    n = end + 1;
  }
  return out;
}

/** Places named as where something began: a marker before them in their clause, or right after (Persian از … آغاز شد); a whole list with them. */
function originPlaces(found: readonly TokenEntity[], lists: readonly (number | undefined)[], tokens: readonly Token[], forms: readonly string[][], lex: CompiledLexicon, from: number, to: number): Set<number> {
  const out = new Set<number>();
  found.forEach((e, n) => {
    if (e.type !== 'place') return;
    // The list's first name carries the marker before it, its last name the marker after it.
    const first = lists[n] === undefined ? e : found[lists[n]!];
    let last = e;
    for (let k = n + 1; k < found.length && lists[k] !== undefined && lists[k] === lists[n]; k++) last = found[k];
    for (let b = Math.max(from, first.from - 6); b < first.from; b++) {
      const m = lex.originBefore.longest(forms, b, first.from);
      if (m && !clauseBetween(tokens, forms, lex, m.to, first.from)) { out.add(n); return; }
    }
    for (let b = last.to; b < Math.min(to, last.to + 3); b++) {
      const m = lex.originAfter.longest(forms, b, to);
      if (m && !clauseBetween(tokens, forms, lex, last.to, b)) { out.add(n); return; }
    }
  });
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The month and days of a date the text gives without a year (see `DateMention.value.yearless`), or undefined. */
function yearlessOf(d: TokenDate): { calendar: string; start: string; end: string } | undefined {
  const p = d.parts;
  if (!p?.month || p.year !== undefined) return undefined;
  const e = d.endParts?.month ? d.endParts : p;
  if (e.year !== undefined) return undefined;
  return { calendar: d.calendar, start: `${pad(p.month)}-${pad(p.day ?? 1)}`, end: `${pad(e.month!)}-${pad(e.day ?? 31)}` };
}

/**
 * Places that name another event to tell a time: a word of time, then the event's word and the
 * place in either order ("after the Aktobe attacks", "since the bombing in Kabul", بعد هجمات أكتوبي).
 */
/** Places named as what the event was near: right after "near", "west of", بالقرب من, در نزدیکی (a word such as "the city of" may stand between). */
function nearPlaces(found: readonly TokenEntity[], forms: readonly string[][], lex: CompiledLexicon, from: number): Set<number> {
  const out = new Set<number>();
  found.forEach((e, n) => {
    if (e.type !== 'place') return;
    for (let b = Math.max(from, e.from - 5); b < e.from; b++) {
      const m = lex.nearBefore.longest(forms, b, e.from);
      if (m && (m.to === e.from || lex.entityCues.longest(forms, m.to, e.from)?.to === e.from)) { out.add(n); return; }
    }
  });
  return out;
}

function referencePlaces(found: readonly TokenEntity[], tokens: readonly Token[], forms: readonly string[][], lex: CompiledLexicon, from: number, to: number): Set<number> {
  const out = new Set<number>();
  found.forEach((e, n) => {
    if (e.type !== 'place') return;
    for (let b = Math.max(from, e.from - 5); b < e.from; b++) {
      const m = lex.referenceBefore.longest(forms, b, e.from);
      if (!m || clauseBetween(tokens, forms, lex, m.to, e.from)) continue;
      let event = false;
      // The event's word between the time word and the place (the bombing in Kabul), or right after the place (the Aktobe attacks).
      for (let k = m.to; k < e.from && !event; k++) event = !!lex.eventTypes.longest(forms, k, e.from);
      for (let k = e.to; k < Math.min(to, e.to + 1) && !event; k++) event = !!lex.eventTypes.longest(forms, k, to);
      if (event) { out.add(n); return; }
    }
  });
  return out;
}
