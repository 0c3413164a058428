// Which quantities of a sentence count people.
import { findQuantities, type QuantitySpan } from '../numbers';
import { HARD_BREAK, SOFT_BREAK, type FigureContext, type GroupPhrase, type Trie } from './context';

/** Pass: the quantities of the sentence that count people (a toll that rose "from 12 to 19" is two), and the tokens they cover. */
export function countingQuantities(c: FigureContext): void {
  const { tokens, forms, lex, from, to } = c;
  c.quantities = (c.found ?? findQuantities(tokens, forms, lex, from, to)).flatMap((q) => roseFromTo(c, q)).filter((q) => countsPeople(c, q));
  for (const q of c.quantities) for (let k = q.from; k < q.to; k++) c.quantityAt.add(k);
}

/**
 * "the toll has risen from 12 to 19": a few words after a word of rising or a toll, "from N to M" is two counts
 * (the earlier one and the new one), not a range.
 */
function roseFromTo(c: FigureContext, q: QuantitySpan): QuantitySpan[] {
  const { tokens, forms, lex, from } = c;
  const opener = c.at(lex.rangeOpeners, q.from);
  if (!opener || q.low === q.high) return [q];
  let rising = false;
  for (let k = Math.max(from, q.from - 6); k < q.from && !rising; k++) rising = c.is(lex.updateCues, k) || c.at(lex.triggers, k)?.value.role === 'noun';
  if (!rising) return [q];
  for (let j = opener.to + 1; j < q.to; j++) {
    const joiner = c.at(lex.rangeOpenerJoiners, j);
    if (!joiner) continue;
    const before = findQuantities(tokens, forms, lex, opener.to, j);
    const after = findQuantities(tokens, forms, lex, joiner.to, q.to);
    if (before.length === 1 && after.length === 1 && before[0].to === j && after[0].to === q.to) return [before[0], after[0]];
  }
  return [q];
}

/** "at 31 dead", "at 14 people": a word that usually comes before other numbers ("at 10") is followed by people. */
function peopleAfter(c: FigureContext, q: QuantitySpan): boolean {
  const { nounForms, lex, to } = c;
  if (q.to >= to) return false;
  const k = c.skipFwd(q.to, 2);
  return !!c.at(lex.groups, k, nounForms) || c.at(lex.triggers, k)?.value.role === 'person';
}
/**
 * "put the death toll at 14", "the number of dead stood at 31": a count of victims comes just
 * before the word, and the number ends the phrase ("the killings at 3 sites" counts sites).
 */
function tollBefore(c: FigureContext, q: QuantitySpan, marker: number): boolean {
  const { lex, from, to } = c;
  const ends = q.to >= to || HARD_BREAK.test(c.gapAt(q.to)) || SOFT_BREAK.test(c.gapAt(q.to)) || c.is(lex.connectors, q.to) || c.is(lex.boundaries, q.to) || c.is(lex.coordinators, q.to);
  if (!ends || HARD_BREAK.test(c.gapAt(marker)) || SOFT_BREAK.test(c.gapAt(marker))) return false;
  for (let k = Math.max(from, marker - 4); k < marker; k++) {
    const m = c.at(lex.triggers, k);
    if (m && m.to <= marker && marker - m.to <= 1 && (m.value.role === 'noun' || m.value.role === 'person')) return true;
  }
  return false;
}
/** Whether a quantity counts people: not a percentage, a sum of money, a date, a year or things. */
function countsPeople(c: FigureContext, q: QuantitySpan): boolean {
  const { tokens, nounForms, lex, L, from, to } = c;
  // ("rose to 12, officials said": a word after a comma is not what the number counts.)
  const parted = (k: number) => /[,،;:]/.test(c.gapAt(k));
  if (q.to < to && (/^\s*[%٪$€£]/.test(c.gapAt(q.to)) || (c.is(lex.nonPersonAfter, q.to) && !parted(q.to)) || c.is(lex.months, q.to))) return false;
  // "به یک ایست بازرسی" (at a checkpoint), "عائلة واحدة" (one family): a word that also says "a" or
  // "one such" counts people only beside a group word or a trigger (after a noun, the noun before it decides).
  if (q.coreTo - q.coreFrom === 1 && c.is(lex.indefinite, q.coreFrom)) {
    const before = c.skipBack(q.coreFrom) - 1;
    const personBefore = before >= from && (!!c.at(lex.groups, before, nounForms) || c.endsAt(lex.groups, before + 1) !== undefined || c.endsAt(lex.triggers, before + 1) !== undefined);
    const next = q.coreTo < to ? c.skipFwd(q.coreTo, 2) : to;
    const personAfter = next < to && (!!c.at(lex.groups, next, nounForms) || !!c.at(lex.triggers, next) || c.is(lex.partitiveMarkers, next));
    const wordBefore = before >= from && !tokens[before].digits && !c.is(lex.connectors, before) && !c.is(lex.boundaries, before) && !c.is(lex.coordinators, before);
    if (L.syntax.numberAfterNoun ? !personBefore && (wordBefore || !personAfter) : !personAfter) return false;
  }
  if (q.coreTo < to && c.is(lex.nonPersonAfter, q.coreTo) && !parted(q.coreTo)) return false;
  if (partOfThings(c, q)) return false;
  if (/[$€£#№]\s*$/.test(tokens[q.coreFrom].gap)) return false;
  if (tokens[q.coreFrom].digits) {
    const marker = c.endsAt(lex.nonPersonBefore, q.coreFrom, 3);
    if (marker !== undefined && !peopleAfter(c, q) && !tollBefore(c, q, marker)) return false;
  }
  if (c.endsAt(lex.months, q.from, 2) !== undefined) return false;
  // (A year has no thousands separator: "2,005" counts.)
  const year = q.low >= 1800 && q.low <= 2100 && q.high === q.low && tokens[q.coreFrom].digits && /^\d+$/.test(tokens[q.coreFrom].text);
  if (year && !(q.to < to && c.at(lex.groups, c.skipFwd(q.to, 2), nounForms))) return false;
  return true;
}
/**
 * "one of the country's worst terror attacks", "اثنان من المباني": a number drawn by "of" from things
 * (a word of nonPersonAfter before any group word, victim noun or punctuation) counts no people.
 */
function partOfThings(c: FigureContext, q: QuantitySpan): boolean {
  const { nounForms, lex, from, to } = c;
  const via = q.to < to ? c.at(lex.connectors, q.to) : undefined;
  if (!via) return false;
  // (Not across another "of": "one of the victims of the attack" is drawn from the victims.)
  for (let k = via.to; k < Math.min(to, via.to + 4); k++) {
    if (HARD_BREAK.test(c.gapAt(k)) || SOFT_BREAK.test(c.gapAt(k)) || c.is(lex.connectors, k) || c.at(lex.groups, k, nounForms) || c.at(lex.triggers, k)) return false;
    if (c.is(lex.nonPersonAfter, k)) return true;
  }
  return false;
}
/**
 * "تفجير انتحاري" (a suicide bombing), "الهجوم الإرهابي": where heads come first, a group word of
 * one person right after a word of an event describes the event and counts no one.
 */
export function eventAdjective(c: FigureContext, g: GroupPhrase): boolean {
  const { lex, L, from, to } = c;
  // Head last: "a terrorist attack", "a suicide bombing": the word before the event's.
  if (L.syntax.headFinal) return g.number === 'singular' && g.to < to && !SOFT_BREAK.test(c.gapAt(g.to)) && !!c.at(lex.eventTypes, g.to);
  if (g.number !== 'singular' || SOFT_BREAK.test(c.gapAt(g.from))) return false;
  // (The event's words may take the adjective in: "تفجير انتحاري" is itself a word of a bombing.)
  for (let s = Math.max(from, g.from - 3); s < g.from; s++) { const m = c.at(lex.eventTypes, s); if (m && m.to >= g.from) return true; }
  return false;
}
/**
 * "four Pakistanis, three Turkish citizens and …": a word the lexicon does not know right after an
 * exact number, and before a comma or "and", is the noun of the people it counts (a list goes on).
 */
export function plainNounAfter(c: FigureContext, q: QuantitySpan): number | undefined {
  const { tokens, lex, from, to, keyword, quantityAt } = c;
  if (q.vague || q.to >= to || timeAdverbial(c, q.to)) return undefined;
  // (One or two words, an adjective the lexicon skips among them: "three Turkish nationals".)
  for (let k = q.to; k < Math.min(to - 1, q.to + 3); k++) {
    const known = keyword[k - from] && !c.is(lex.skippable, k) && [lex.groups, lex.triggers, lex.coordinators, lex.connectors, lex.boundaries, lex.nonPersonAfter, lex.partitiveMarkers, lex.relativizers, lex.passiveBefore, lex.agentMarkers, lex.others].some((t) => c.is(t as Trie<unknown>, k));
    if (known || tokens[k].digits || quantityAt.has(k) || HARD_BREAK.test(c.gapAt(k)) || SOFT_BREAK.test(c.gapAt(k))) return undefined;
    if (SOFT_BREAK.test(c.gapAt(k + 1)) || c.is(lex.coordinators, k + 1)) return k;
  }
  return undefined;
}
/** "سه سرباز روز دوشنبه", "three soldiers last year": a word of time after a group begins a date, not a thing counted. */
export function timeAdverbial(c: FigureContext, k: number): boolean {
  const { lex, to } = c;
  const d = lex.dates;
  if (!d) return false;
  return !!(c.at(d.relative, k) || (k + 1 < to && (c.at(d.weekdays, k + 1) || c.at(d.months, k + 1))));
}

