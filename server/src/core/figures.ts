import type { CompiledLexicon, Lexicon, Match } from './lexicon';
import { findQuantities, type QuantitySpan } from './numbers';
import type { Token } from './tokenize';
import type { Figure, FigureKind, VictimGroup } from './types';

type TokenSpan = { from: number; to: number };

/** A figure over token indices, before offsets are mapped back to the original text. */
export interface TokenFigure extends Pick<Figure, 'kind' | 'group' | 'low' | 'high' | 'approximate' | 'explicit'> {
  /** Tokens of the people counted (quantity and group words). */
  from: number;
  to: number;
  trigger: TokenSpan;
  quantity?: TokenSpan;
  groupWords?: TokenSpan;
}

type Trigger = Lexicon['triggers'][number];

interface GroupPhrase {
  from: number;
  to: number;
  group: VictimGroup;
  number: 'singular' | 'dual' | 'plural' | 'any';
  /** Only heads ("members", "نفر") and no group of its own. */
  headOnly: boolean;
  /** Only "others" (آخرين, دیگر): the group is that of the people counted just before. */
  others: boolean;
  /** End of the nouns themselves, before any "of a terrorist group" complement. */
  coreTo?: number;
}

interface Participant {
  from: number;
  to: number;
  q?: QuantitySpan;
  g?: GroupPhrase;
  /** A noun that carries its own kind (قتلى, wounded) and so is its own trigger. */
  own?: TriggerHit;
  /**
   * The victim noun of a partitive ("two of the wounded", اثنان من الجرحى): the people are drawn from
   * it, and a verb of another fate ("died") decides their kind; without one, it does.
   */
  set?: TriggerHit;
  low: number;
  high: number | null;
  approximate: boolean;
  explicit: boolean;
  bare: 'none' | 'countable' | 'plural';
}

interface TriggerHit {
  from: number;
  to: number;
  entry: Trigger;
}

type Trie<T> = { longest(f: readonly string[][], i: number, lim?: number): Match<T> | undefined };

const SPECIFICITY: Record<VictimGroup, number> = { people: 0, security: 1, police: 2, military: 2, civilians: 2, perpetrators: 2 };
/** (A full stop inside a sentence has no space after it: "injured.Police detained …" runs two sentences together.) */
const HARD_BREAK = /[;:؛()\[\].]/;
/** Two group words can name the same people ("رجال الشرطة", "security officers"), unlike "security forces … the attackers". */
const compatible = (a: VictimGroup, b: VictimGroup): boolean =>
  a === b || a === 'people' || b === 'people' || (a === 'security' && (b === 'police' || b === 'military')) || (b === 'security' && (a === 'police' || a === 'military'));
const SOFT_BREAK = /[,،]/;

/**
 * Finds casualty and arrest figures in one sentence, tokens `[from, to)`, with one language's
 * lexicon. `forms` and `nounForms` are the candidate forms of each token (see CompiledLexicon).
 */
export function findFigures(tokens: readonly Token[], forms: readonly string[][], nounForms: readonly string[][], lex: CompiledLexicon, from: number, to: number, found?: readonly QuantitySpan[]): TokenFigure[] {
  const L = lex.source;
  const sov = L.syntax.objectBeforeVerb;
  // Every rule asks the same tries about the same tokens: each answer is computed once, and
  // tokens that begin no phrase of the lexicon (most of them) are never looked up.
  const keyword: boolean[] = [];
  for (let k = from; k < to; k++) keyword.push(lex.keyword(forms[k]) || lex.keyword(nounForms[k]));
  const at = <T>(trie: Trie<T>, i: number, f: readonly string[][] = forms): Match<T> | undefined =>
    i < from || i >= to || !keyword[i - from] ? undefined : trie.longest(f, i, to);
  const is = <T>(trie: Trie<T>, i: number) => !!at(trie, i);
  const endsAt = <T>(trie: Trie<T>, end: number, maxLen = 3): number | undefined => {
    for (let s = Math.max(from, end - maxLen); s < end; s++) {
      const m = at(trie, s);
      if (m && m.to === end) return s;
    }
    return undefined;
  };
  const gapAt = (k: number) => (k > from && k < to ? tokens[k].gap : '');
  /** A comma or a hard break before one of the tokens a to b: punctuation parts what lies on either side, skipped words ("a") or not. */
  const punctuated = (a: number, b: number): boolean => {
    for (let k = Math.max(a, from + 1); k <= b && k < to; k++) if (HARD_BREAK.test(gapAt(k)) || SOFT_BREAK.test(gapAt(k))) return true;
    return false;
  };
  const coordinated = (k: number): boolean => {
    if (k >= to) return false;
    if (is(lex.coordinators, k) || SOFT_BREAK.test(gapAt(k))) return true;
    return lex.attachedCoordinator(tokens[k], forms[k]) !== undefined;
  };
  const skipFwd = (i: number, max: number, allowConnectors = true): number => {
    let k = i;
    while (k < to && k - i < max && ((allowConnectors && is(lex.connectors, k)) || is(lex.skippable, k)) && !HARD_BREAK.test(gapAt(k))) k++;
    return k;
  };
  const skipBack = (i: number): number => {
    let k = i;
    while (k - 1 >= from && is(lex.skippable, k - 1)) k--;
    return k;
  };

  // Each phase is a function of its own: V8 then optimises (and, after a rare path, re-optimises)
  // one phase at a time instead of the whole sentence engine, which cost seconds per worker.
  // Quantities, with those that count no people removed.
  const quantities = (found ?? findQuantities(tokens, forms, lex, from, to)).flatMap(roseFromTo).filter(countsPeople);
  /**
   * "the toll has risen from 12 to 19": a few words after a word of rising or a toll, "from N to M" is two counts
   * (the earlier one and the new one), not a range.
   */
  function roseFromTo(q: QuantitySpan): QuantitySpan[] {
    const opener = at(lex.rangeOpeners, q.from);
    if (!opener || q.low === q.high) return [q];
    let rising = false;
    for (let k = Math.max(from, q.from - 6); k < q.from && !rising; k++) rising = is(lex.updateCues, k) || at(lex.triggers, k)?.value.role === 'noun';
    if (!rising) return [q];
    for (let j = opener.to + 1; j < q.to; j++) {
      const joiner = at(lex.rangeOpenerJoiners, j);
      if (!joiner) continue;
      const before = findQuantities(tokens, forms, lex, opener.to, j);
      const after = findQuantities(tokens, forms, lex, joiner.to, q.to);
      if (before.length === 1 && after.length === 1 && before[0].to === j && after[0].to === q.to) return [before[0], after[0]];
    }
    return [q];
  }

  /** "at 31 dead", "at 14 people": a word that usually comes before other numbers ("at 10") is followed by people. */
  function peopleAfter(q: QuantitySpan): boolean {
    if (q.to >= to) return false;
    const k = skipFwd(q.to, 2);
    return !!at(lex.groups, k, nounForms) || at(lex.triggers, k)?.value.role === 'person';
  }
  /**
   * "put the death toll at 14", "the number of dead stood at 31": a count of victims comes just
   * before the word, and the number ends the phrase ("the killings at 3 sites" counts sites).
   */
  function tollBefore(q: QuantitySpan, marker: number): boolean {
    const ends = q.to >= to || HARD_BREAK.test(gapAt(q.to)) || SOFT_BREAK.test(gapAt(q.to)) || is(lex.connectors, q.to) || is(lex.boundaries, q.to) || is(lex.coordinators, q.to);
    if (!ends || HARD_BREAK.test(gapAt(marker)) || SOFT_BREAK.test(gapAt(marker))) return false;
    for (let k = Math.max(from, marker - 4); k < marker; k++) {
      const m = at(lex.triggers, k);
      if (m && m.to <= marker && marker - m.to <= 1 && (m.value.role === 'noun' || m.value.role === 'person')) return true;
    }
    return false;
  }
  function countsPeople(q: QuantitySpan): boolean {
    // ("rose to 12, officials said": a word after a comma is not what the number counts.)
    const parted = (k: number) => /[,،;:]/.test(gapAt(k));
    if (q.to < to && (/^\s*[%٪$€£]/.test(gapAt(q.to)) || (is(lex.nonPersonAfter, q.to) && !parted(q.to)) || is(lex.months, q.to))) return false;
    // "به یک ایست بازرسی" (at a checkpoint), "عائلة واحدة" (one family): a word that also says "a" or
    // "one such" counts people only beside a group word or a trigger (after a noun, the noun before it decides).
    if (q.coreTo - q.coreFrom === 1 && is(lex.indefinite, q.coreFrom)) {
      const before = skipBack(q.coreFrom) - 1;
      const personBefore = before >= from && (!!at(lex.groups, before, nounForms) || endsAt(lex.groups, before + 1) !== undefined || endsAt(lex.triggers, before + 1) !== undefined);
      const next = q.coreTo < to ? skipFwd(q.coreTo, 2) : to;
      const personAfter = next < to && (!!at(lex.groups, next, nounForms) || !!at(lex.triggers, next) || is(lex.partitiveMarkers, next));
      const wordBefore = before >= from && !tokens[before].digits && !is(lex.connectors, before) && !is(lex.boundaries, before) && !is(lex.coordinators, before);
      if (L.syntax.numberAfterNoun ? !personBefore && (wordBefore || !personAfter) : !personAfter) return false;
    }
    if (q.coreTo < to && is(lex.nonPersonAfter, q.coreTo) && !parted(q.coreTo)) return false;
    if (partOfThings(q)) return false;
    if (/[$€£#№]\s*$/.test(tokens[q.coreFrom].gap)) return false;
    if (tokens[q.coreFrom].digits) {
      const marker = endsAt(lex.nonPersonBefore, q.coreFrom, 3);
      if (marker !== undefined && !peopleAfter(q) && !tollBefore(q, marker)) return false;
    }
    if (endsAt(lex.months, q.from, 2) !== undefined) return false;
    // (A year has no thousands separator: "2,005" counts.)
    const year = q.low >= 1800 && q.low <= 2100 && q.high === q.low && tokens[q.coreFrom].digits && /^\d+$/.test(tokens[q.coreFrom].text);
    if (year && !(q.to < to && at(lex.groups, skipFwd(q.to, 2), nounForms))) return false;
    return true;
  }
  /**
   * "one of the country's worst terror attacks", "اثنان من المباني": a number drawn by "of" from things
   * (a word of nonPersonAfter before any group word, victim noun or punctuation) counts no people.
   */
  function partOfThings(q: QuantitySpan): boolean {
    const via = q.to < to ? at(lex.connectors, q.to) : undefined;
    if (!via) return false;
    // (Not across another "of": "one of the victims of the attack" is drawn from the victims.)
    for (let k = via.to; k < Math.min(to, via.to + 4); k++) {
      if (HARD_BREAK.test(gapAt(k)) || SOFT_BREAK.test(gapAt(k)) || is(lex.connectors, k) || at(lex.groups, k, nounForms) || at(lex.triggers, k)) return false;
      if (is(lex.nonPersonAfter, k)) return true;
    }
    return false;
  }
  /**
   * "تفجير انتحاري" (a suicide bombing), "الهجوم الإرهابي": where heads come first, a group word of
   * one person right after a word of an event describes the event and counts no one.
   */
  function eventAdjective(g: GroupPhrase): boolean {
    if (L.syntax.headFinal || g.number !== 'singular' || SOFT_BREAK.test(gapAt(g.from))) return false;
    // (The event's words may take the adjective in: "تفجير انتحاري" is itself a word of a bombing.)
    for (let s = Math.max(from, g.from - 3); s < g.from; s++) { const m = at(lex.eventTypes, s); if (m && m.to >= g.from) return true; }
    return false;
  }
  /**
   * "four Pakistanis, three Turkish citizens and …": a word the lexicon does not know right after an
   * exact number, and before a comma or "and", is the noun of the people it counts (a list goes on).
   */
  function plainNounAfter(q: QuantitySpan): number | undefined {
    if (q.vague || q.to >= to || timeAdverbial(q.to)) return undefined;
    // (One or two words, an adjective the lexicon skips among them: "three Turkish nationals".)
    for (let k = q.to; k < Math.min(to - 1, q.to + 3); k++) {
      const known = keyword[k - from] && !is(lex.skippable, k) && [lex.groups, lex.triggers, lex.coordinators, lex.connectors, lex.boundaries, lex.nonPersonAfter, lex.partitiveMarkers, lex.relativizers, lex.passiveBefore, lex.agentMarkers, lex.others].some((t) => is(t as Trie<unknown>, k));
      if (known || tokens[k].digits || quantityAt.has(k) || HARD_BREAK.test(gapAt(k)) || SOFT_BREAK.test(gapAt(k))) return undefined;
      if (SOFT_BREAK.test(gapAt(k + 1)) || is(lex.coordinators, k + 1)) return k;
    }
    return undefined;
  }
  /** "سه سرباز روز دوشنبه", "three soldiers last year": a word of time after a group begins a date, not a thing counted. */
  function timeAdverbial(k: number): boolean {
    const d = lex.dates;
    if (!d) return false;
    return !!(at(d.relative, k) || (k + 1 < to && (at(d.weekdays, k + 1) || at(d.months, k + 1))));
  }
  const quantityAt = new Set<number>();
  for (const q of quantities) for (let k = q.from; k < q.to; k++) quantityAt.add(k);

  // Group phrases: group nouns joined by connectors; heads take the group of what follows.
  const phrases = groupPhrases();
  function groupPhrases(): GroupPhrase[] {
    const phrases: GroupPhrase[] = [];
    for (let i = from; i < to; ) {
      const m = at(lex.groups, i, nounForms);
      if (!m || quantityAt.has(i)) { i++; continue; }
      const others = (a: number, b: number) => { for (let k = a; k < b; k++) if (!is(lex.others, k)) return false; return true; };
      let phrase: GroupPhrase = { from: i, to: m.to, group: m.value.group, number: m.value.number, headOnly: m.value.head, others: others(i, m.to) };
      for (;;) {
        const k = skipFwd(phrase.to, 2);
        // (A comma before a skipped article parts the phrases too: "a teacher, a nurse".)
        if (k >= to || coordinated(k) || punctuated(phrase.to, k) || quantityAt.has(k)) break;
        const n = at(lex.groups, k, nounForms);
        if (!n || !compatible(phrase.group, n.value.group)) break;
        // "المسلح شخصين": a named group followed by plain "persons" is two phrases.
        if (phrase.group !== 'people' && !phrase.headOnly && n.value.group === 'people' && !n.value.head && k === phrase.to) break;
        const better = phrase.headOnly || phrase.others || (!n.value.head && SPECIFICITY[n.value.group] > SPECIFICITY[phrase.group]);
        phrase = { ...phrase, to: n.to, group: better ? n.value.group : phrase.group, headOnly: phrase.headOnly && n.value.head, others: phrase.others && others(k, n.to), number: L.syntax.headFinal ? n.value.number : phrase.number };
      }
      if (phrase.headOnly) {
        for (let k = phrase.to; k < Math.min(to, phrase.to + 5); k++) {
          if (HARD_BREAK.test(gapAt(k)) || SOFT_BREAK.test(gapAt(k))) break;
          const c = at(lex.perpetratorContext, k);
          // "members of a sabotage group": the group's name belongs to the phrase.
          if (c) { phrase = { ...phrase, group: 'perpetrators', headOnly: false, to: phrase.headOnly ? Math.max(phrase.to, c.to) : phrase.to, coreTo: phrase.to }; break; }
        }
      }
      phrases.push(phrase);
      i = phrase.to;
    }
    return phrases;
  }
  const phraseAt = new Map<number, GroupPhrase>();
  for (const p of phrases) phraseAt.set(p.from, p);

  // Triggers; a weak one yields when a strong one is within two words.
  let triggers = findTriggers();
  function findTriggers(): TriggerHit[] {
    const found: TriggerHit[] = [];
    for (let i = from; i < to; ) {
      const m = at(lex.triggers, i);
      if (m && !quantityAt.has(i)) { found.push({ from: m.from, to: m.to, entry: m.value }); i = m.to; } else i++;
    }
    return found.filter((t) => !t.entry.weak || !found.some((u) => !u.entry.weak && Math.abs(u.from - t.from) <= 2));
  }
  // "No one was injured", "لم يصب أحد", "کسی کشته نشد": a denied trigger counts nobody.
  const denied = (t: TriggerHit): boolean => {
    if (t.to < to && is(lex.negationAfter, t.to)) return true;
    for (let k = Math.max(from, t.from - 4); k < t.from; k++) {
      // "نه نفر کشته شدند": a negation word read as a number (nine) denies nothing.
      if (quantityAt.has(k)) continue;
      const m = at(lex.negationBefore, k) ?? at(lex.nobody, k);
      if (m && m.to <= t.from && t.from - m.to <= 2) return true;
    }
    return false;
  };
  triggers = triggers.filter((t) => !denied(t));
  const personTriggerAt = (k: number) => triggers.find((t) => t.from === k && t.entry.role === 'person');

  /** "7 أشخاص على الأقل": a modifier after the noun qualifies the number. */
  function withAfterModifier(p: Participant): Participant {
    const m = p.to < to && p.q && p.q.low === p.q.high && !p.q.approximate ? at(lex.modifiersAfter, p.to) : undefined;
    if (!m) return p;
    const v = p.q!.low;
    const effect = m.value;
    const range = effect === 'atLeast' ? { low: v, high: null, approximate: false } : effect === 'moreThan' ? { low: v + 1, high: null, approximate: false } : { low: v, high: v, approximate: true };
    return { ...p, ...range, to: m.to };
  }

  /** "العشرات ممن وصفتهم بمثيري الشغب", "dozens of those it described as rioters": the group a label gives the people counted before it. */
  const labelled = (k: number): GroupPhrase | undefined => {
    for (let j = k; j < Math.min(to, k + 4); j++) {
      if (HARD_BREAK.test(gapAt(j)) || triggers.some((t) => t.from === j)) return undefined;
      const m = at(lex.labelMarkers, j);
      if (!m) continue;
      const g = phraseAt.get(m.to);
      return g && !used.has(g) && !HARD_BREAK.test(gapAt(m.to)) ? g : undefined;
    }
    return undefined;
  };

  // Participants: the people a figure may count.
  const used = new Set<GroupPhrase>();
  const participants = findParticipants();
  function findParticipants(): Participant[] {
    const participants: Participant[] = [];
    for (const q of quantities) {
      if (q.from > from && endsAt(lex.nobody, q.coreTo, 3) !== undefined) continue;
      const base = { q, low: q.low, high: q.high, approximate: q.approximate, explicit: true, bare: 'none' as const };
      let k = skipFwd(q.to, 3);
      // Not when the number is a part of others ("قتلت الشرطة ثلاثة منهم": the police are not the three).
      const partOf = q.to < to && is(lex.partitiveMarkers, q.to);
      // Only a number word standing alone follows its noun ("مدنيين اثنين"); "قوات الأمن أكثر من 300" is the agent, then a count.
      const adjectival = q.from === q.coreFrom && !tokens[q.coreFrom].digits;
      const beforeG = L.syntax.numberAfterNoun && adjectival && !partOf && !labelled(q.to) ? phrases.find((p) => (p.coreTo ?? p.to) === skipBack(q.from) && !used.has(p)) : undefined;
      // One adjective may stand between a number and its noun ("two traffic policemen"), unless the noun came first ("مدنيين اثنين").
      const word = (i: number) => !quantityAt.has(i) && ![lex.triggers, lex.nonPersonAfter, lex.boundaries, lex.coordinators, lex.subsetMarkers, lex.partitiveMarkers, lex.agentMarkers, lex.objectMarkers].some((t) => is(t as Trie<unknown>, i));
      if (!beforeG && !phraseAt.get(k) && k + 1 < to && phraseAt.get(k + 1) && word(k) && !SOFT_BREAK.test(gapAt(k + 1)) && !HARD_BREAK.test(gapAt(k + 1))) k++;
      const g = phraseAt.get(k);
      // "rose to 17, officials said": a comma parts a number from the noun after it.
      if (g && !HARD_BREAK.test(gapAt(k)) && !(q.to < to && SOFT_BREAK.test(gapAt(q.to))) && !used.has(g)) {
        // ("three police cars": a group word before a thing modifies it; where heads come first, "حراس السفارة" are guards of the embassy.)
        if (L.syntax.headFinal && g.to < to && is(lex.nonPersonAfter, g.to) && !timeAdverbial(g.to)) continue;
        used.add(g);
        const own = personTriggerAt(skipFwd(g.to, 1, false));
        // "12 people it called terrorists": the label says who the people were.
        const label = g.group === 'people' ? labelled(g.to) : undefined;
        if (label) used.add(label);
        participants.push(withAfterModifier({ ...base, from: q.from, to: g.to, g: label ? { ...g, group: label.group } : g, own }));
        continue;
      }
      const label = labelled(q.to);
      if (label) { used.add(label); participants.push(withAfterModifier({ ...base, from: q.from, to: q.to, g: label })); continue; }
      // ("إلى 31 والجرحى إلى 64": a noun joined by an attached "and" begins the next count.)
      const pt = personTriggerAt(k);
      if (pt && !lex.attachedCoordinator(tokens[pt.from], forms[pt.from])) {
        // "٧ قتلى من الشرطة": the victims' group follows the victim noun.
        const after = skipFwd(pt.to, 2);
        const g2 = phraseAt.get(after);
        if (g2 && after > pt.to && !used.has(g2) && is(lex.connectors, pt.to)) { used.add(g2); participants.push(withAfterModifier({ ...base, from: q.from, to: g2.to, g: g2, own: pt })); continue; }
        // "two of the wounded", "اثنان من الجرحى": across "of" the noun names whom they are drawn from.
        let drawn = partOf;
        for (let j = q.to; j < pt.from && !drawn; j++) drawn = is(lex.connectors, j);
        // ("وفاة عدد من المصابين": right after a word of another fate, the noun says whom they are drawn from.)
        drawn ||= q.from > from && triggers.some((t) => t.to === skipBack(q.from) && !t.entry.weak && t.entry.role !== 'person' && t.entry.kind !== pt.entry.kind);
        participants.push(withAfterModifier({ ...base, from: q.from, to: pt.to, ...(drawn ? { set: pt } : { own: pt }) }));
        continue;
      }
      if (beforeG) { used.add(beforeG); participants.push({ ...base, from: beforeG.from, to: q.to, g: beforeG }); continue; }
      if (L.syntax.numberAfterNoun) {
        const pb = triggers.find((t) => t.to === q.from && t.entry.role === 'person');
        if (pb) { participants.push({ ...base, from: pb.from, to: q.to, own: pb }); continue; }
      }
      const noun = plainNounAfter(q);
      participants.push(noun === undefined ? { ...base, from: q.from, to: q.to } : { ...base, from: q.from, to: noun + 1, g: { from: q.to, to: noun + 1, group: 'people', number: 'plural', headOnly: false, others: false } });
    }
    for (const g of phrases) {
      if (used.has(g) || g.headOnly || g.others || eventAdjective(g)) continue;
      if (endsAt(lex.nobody, g.to, 3) !== undefined) continue;
      const count = g.number === 'singular' ? 1 : g.number === 'dual' ? 2 : 0;
      // "شخص أو اثنين", "جنديان أو ثلاثة": a counted noun, "or", a number.
      const joiner = count && g.to < to ? at(lex.rangeJoiners, g.to) : undefined;
      const other = joiner ? quantities.find((q) => q.from === joiner.to && q.low === q.high && Math.abs(q.low - count) <= 2) : undefined;
      if (other) {
        quantityAt.delete(other.from);
        const i = participants.findIndex((p) => p.q === other);
        if (i >= 0) participants.splice(i, 1);
        participants.push({ from: g.from, to: other.to, g, q: other, low: Math.min(count, other.low), high: Math.max(count, other.low), approximate: false, explicit: true, bare: 'none' });
        continue;
      }
      participants.push({ from: g.from, to: g.to, g, low: count || 2, high: count || null, approximate: !count, explicit: false, bare: count ? 'countable' : 'plural' });
    }
    participants.sort((a, b) => a.from - b.from);
    return participants;
  }

  coordinatedVictimNouns();
  /**
   * "عشرات القتلى والجرحى", "a number of dead and wounded": the quantity counts the first victim noun;
   * a victim noun of another kind joined to it by "and", with no count of its own after it, is a vague
   * plural of its own.
   */
  function coordinatedVictimNouns(): void {
    const added: Participant[] = [];
    for (const p of participants) {
      if (!p.q || !p.own || p.own.entry.role !== 'person') continue;
      let k = p.to;
      const attached = k < to && !!lex.attachedCoordinator(tokens[k], forms[k]);
      if (!attached) { if (k >= to || !is(lex.coordinators, k)) continue; k = at(lex.coordinators, k)!.to; }
      const u = triggers.find((t) => t.from === k && t.entry.role === 'person' && t.entry.kind !== p.own!.entry.kind);
      if (!u || participants.some((x) => x.own === u || x.set === u || (x.from < u.to && u.from < x.to))) continue;
      if (participants.some((x) => x.q && x.from >= u.to && x.from - u.to <= 2)) continue;
      added.push({ from: u.from, to: u.to, own: u, low: 2, high: null, approximate: true, explicit: false, bare: 'none' });
    }
    if (!added.length) return;
    participants.push(...added);
    participants.sort((a, b) => a.from - b.from);
  }

  groupsFromBefore();
  function groupsFromBefore(): void {
    // A part of people counted before ("11 people, among them two policemen") is not whom the next count continues.
    const subset = (x: Participant) => endsAt(lex.subsetMarkers, skipBack(x.from), 3) !== undefined;
    // People counted (a number, or one soldier), not a bare plural such as the gunmen who shot.
    const counted = (x: Participant) => !!x.q || x.bare === 'countable';
    // "قُتل جندي وأصيب اثنان": a bare number takes the group of the people counted just before it.
    participants.forEach((p, i) => {
      if (p.g || p.own || p.set || !p.q || p.q.vague) return;
      const verbBefore = triggers.some((t) => t.to <= p.from && p.from - t.to <= 1);
      const partitive = p.to < to && is(lex.partitiveMarkers, p.to);
      const prev = participants.slice(0, i).reverse().find((x) => x.g && !x.g.others && !subset(x));
      // ("The bomber blew himself up, killing three": attackers who open the sentence did it; the three are others.)
      const attackers = prev?.g?.group === 'perpetrators' && !triggers.some((t) => t.to <= prev.from);
      if (verbBefore && !partitive && !attackers && prev?.g && prev.g.group !== 'people' && counted(prev) && p.from - prev.to <= 8) p.g = { from: p.from, to: p.from, group: prev.g.group, number: 'plural', headOnly: false, others: false };
    });
    // "others" take the group of the people counted just before them.
    participants.forEach((p, i) => {
      if (!p.g?.others) return;
      // "killed 18 militants and arrested nine others": bare "others" are more of the same people;
      // "37 other people" names its people and is not touched here. The people counted come first:
      // in "عشرة محتجين أصيبوا واعتقلت الشرطة عشرين آخرين" the police only arrested them.
      const before = participants.slice(0, i).reverse().filter((x) => x.g && !x.g.others && !subset(x));
      const prev = before.find(counted) ?? before[0];
      p.g = { ...p.g, group: prev?.g?.group ?? 'people' };
    });
  }

  const isAgent = (p: Participant): boolean => endsAt(lex.agentMarkers, skipBack(p.from), 3) !== undefined;
  const objectMarked = (p: Participant): boolean => p.to < to && is(lex.objectMarkers, skipFwd(p.to, 2, false));
  // "was shot and wounded": the passive marker before the first of two joined participles is the second's too.
  const passiveBefore = (t: TriggerHit) => endsAt(lex.passiveBefore, skipBack(t.from), 3) !== undefined
    || (t.from - 2 > from && is(lex.coordinators, t.from - 1) && endsAt(lex.passiveBefore, skipBack(t.from - 2), 3) !== undefined);
  const passiveAfter = (t: TriggerHit) => t.to < to && is(lex.passiveAfter, t.to);
  /** Whether a clause ends between tokens a and b: a hard break, a boundary word, or commas. */
  const clauseBetween = (a: number, b: number, side: 'before' | 'after', relative = false): boolean => {
    let soft = 0;
    for (let k = a; k <= b && k < to; k++) {
      if (k > from && HARD_BREAK.test(gapAt(k))) return true;
      if (k > from && SOFT_BREAK.test(gapAt(k))) soft++;
      // ("were reported killed", "were said to have died": a word of saying after a passive marker is no clause of its own.)
      if (k < b && is(lex.boundaries, k) && !(relative && is(lex.relativizers, k)) && !(k > from && is(lex.passiveBefore, k - 1))) return true;
    }
    if (relative) return soft > 2;
    return side === 'after' && !sov ? soft > 0 : soft > 1;
  };
  /** A comma or a hard break before one of the tokens a to b, or a word that ends a clause ("when") among those before b. */
  const breakBetween = (a: number, b: number) => {
    if (punctuated(a, b)) return true;
    for (let k = Math.max(a, from + 1); k < b && k < to; k++) if (is(lex.boundaries, k)) return true;
    return false;
  };
  /** No hard break (`;`, `:`, brackets) between tokens a and b. */
  const unbroken = (a: number, b: number) => { for (let k = Math.max(a, from + 1); k <= b && k < to; k++) if (HARD_BREAK.test(gapAt(k))) return false; return true; };
  /** "was wounded and taken into custody", "زخمی و دستگیر شد": another verb joined to t by "and" tells more of the same people. */
  const joinedVerb = (t: TriggerHit): TriggerHit | undefined => triggers.find((u) => {
    if (u.from <= t.to || u.from - t.to > 3 || u.entry.kind === t.entry.kind || participants.some((p) => p.from >= t.to && p.to <= u.from)) return false;
    let k = t.to;
    let joined = false;
    // ("killed and another injured": "another" is someone else.)
    // ("lost their lives or were hurt": "or" joins two fates as well.)
    while (k < u.from && !is(lex.oneMore, k) && (is(lex.coordinators, k) || is(lex.rangeJoiners, k) || is(lex.passiveBefore, k) || is(lex.skippable, k))) { joined ||= is(lex.coordinators, k) || is(lex.rangeJoiners, k); k++; }
    return joined && k === u.from;
  });
  /**
   * A short aside between commas right after the people counted and right before the verb ("The
   * two men, aged 25 and 30, were arrested", "Three soldiers, all conscripts, were killed"): the
   * verb is still theirs.
   */
  const apposition = (a: number, b: number): boolean => {
    if (sov || a >= to || b - a > 8 || !SOFT_BREAK.test(gapAt(a)) || !unbroken(a + 1, b)) return false;
    let close = -1;
    for (let k = a + 1; k <= b && k < to; k++) {
      if (SOFT_BREAK.test(gapAt(k))) { if (close >= 0) return false; close = k; }
    }
    if (close < 0) return false;
    let k = close;
    while (k < b && (is(lex.passiveBefore, k) || is(lex.skippable, k))) k++;
    // Ages and bare plurals ("all conscripts") may sit in the aside; other people counted there may not.
    // A part of them ("including four children") may be named there too.
    return k === b && !triggers.some((t) => t.from >= a && t.to <= close) && !participants.some((p) => p.from >= a && p.to <= close && p.q && p.g && endsAt(lex.subsetMarkers, skipBack(p.from), 3) === undefined);
  };
  const coordinatorBetween = (a: number, b: number): boolean => {
    for (let k = a; k < b; k++) if (is(lex.coordinators, k)) return true;
    return false;
  };
  /** "released 40 of them", "12 were rescued", "۴۰ نفر آزاد شدند": people next to a word of another fate are not counted. */
  const otherFate = (first: Participant, last: Participant): boolean => {
    if (endsAt(lex.otherFates, skipBack(first.from), 4) !== undefined) return true;
    const start = last.to < to ? at(lex.partitiveMarkers, last.to)?.to ?? last.to : last.to;
    let k = start;
    // After the people: right after them (passive markers aside); in SOV, a few words on, before any verb.
    while (k < to && k - start < 4 && !is(lex.otherFates, k) && (is(lex.passiveBefore, k) || is(lex.skippable, k) || (sov && !triggers.some((t) => t.from === k)))) k++;
    // ("85 شخصا وأفرجت عن 30": a verb after "and" begins another clause.)
    return k < to && is(lex.otherFates, k) && !lex.attachedCoordinator(tokens[k], forms[k]) && !breakBetween(start, k) && !fateThenTrigger(k);
  };
  /** "were identified and arrested": a fate joined by "and" to a verb of a figure's kind is the first step of that one. */
  const fateThenTrigger = (k: number): boolean => {
    const m = at(lex.otherFates, k)!;
    const c = m.to < to ? at(lex.coordinators, m.to) : undefined;
    return !!c && triggers.some((t) => t.from === c.to);
  };
  /** A trigger right after a participant ("1 civilian was killed"): the participant starts or ends its own clause. */
  const triggerRightAfter = (p: Participant): boolean => {
    if (sov) return false;
    let k = p.to;
    while (k < to && k - p.to < 3 && (is(lex.passiveBefore, k) || is(lex.skippable, k))) k++;
    return triggers.some((t) => t.from === k);
  };

  // Coordination chains: participants joined by "and"/"و"/commas share one trigger.
  const chains = coordinationChains();
  function coordinationChains(): Participant[][] {
    const chains: Participant[][] = [];
    for (const p of participants) {
      const last = chains[chains.length - 1];
      const prev = last?.[last.length - 1];
      // "Three gunmen, two of whom …": a part of the people before is not coordinated with them.
      const part = p.to < to && is(lex.partitiveMarkers, p.to);
      // "8 dead and 15 injured": people counted with their own word ("8 dead") and people with a verb
    // right after them each have their own; they share none.
    const ownEach = !!(prev?.own ?? prev?.set) && triggerRightAfter(p);
    if (prev && !part && !ownEach && p.from >= prev.to && p.bare !== 'plural' && prev.bare !== 'plural' && !HARD_BREAK.test(gapAt(p.from)) && !triggerRightAfter(prev)) {
        let k = prev.to;
        let sawCoord = false;
        while (k < p.from && (is(lex.coordinators, k) || is(lex.skippable, k))) { if (is(lex.coordinators, k)) sawCoord = true; k++; }
        // ("a policeman, a soldier and …": the comma may stand before the article.)
        if (k === p.from && (sawCoord || coordinated(p.from) || (prev.to < p.from && SOFT_BREAK.test(gapAt(prev.to))))) { last.push(p); continue; }
      }
      chains.push([p]);
    }
    return chains;
  }

  const figures: TokenFigure[] = [];
  const subsetParent = (p: Participant): TokenFigure | undefined => {
    const before = endsAt(lex.subsetMarkers, skipBack(p.from), 3);
    const after = p.to < to ? at(lex.partitiveMarkers, p.to) : undefined;
    const anchor = before ?? (after ? p.from : undefined);
    if (anchor === undefined || (!p.q && p.bare !== 'countable')) return undefined;
    return [...figures].reverse().find((f) => f.to <= anchor && anchor - f.to <= 4);
  };

  for (const chain of chains) figuresOfChain(chain);
  function figuresOfChain(chain: Participant[]): void {
    const first = chain[0];
    const last = chain[chain.length - 1];
    const counted = chain.filter((p) => !isAgent(p));
    if (!counted.length || otherFate(first, last)) return;

    // "N of them" / "among them N": a part of the people counted just before.
    const parent = chain.length === 1 ? subsetParent(first) : undefined;
    // "ثلاثة مسلحين شاركوا … اعتقلت اثنين منهم", "three gunmen took part; two of them were arrested":
    // a part of people counted before, even when nothing happened to them.
    if (!parent && chain.length === 1 && (!first.g || first.g.group === 'people') && first.q && first.to < to && is(lex.partitiveMarkers, first.to)) {
      // (Or people named without a count: "مهاجمان … سه نفرشان".)
      const counted = participants.filter((x) => x.to <= first.from && x.q && x.g && !x.g.others && x.g.group !== 'people').at(-1)
        ?? participants.filter((x) => x.to <= first.from && x.bare === 'plural' && x.g && !x.g.others && x.g.group !== 'people').at(-1);
      if (counted) first.g = { from: first.from, to: first.from, number: 'plural', headOnly: false, others: false, group: counted.g!.group };
    }
    if (parent && (!first.g || first.g.group === 'people')) first.g = { ...(first.g ?? { from: first.from, to: first.from, number: 'plural', headOnly: false, others: false }), group: parent.group };

    const trigger = triggerOf(chain, first, last, counted);
    if (parent && (!trigger || trigger.entry.kind === parent.kind)) {
      const p = first;
      const group = p.g?.group ?? parent.group;
      if (parent.approximate && parent.high === null && group === parent.group && !p.approximate) {
        parent.low = Math.max(parent.low, p.low);
        parent.to = Math.max(parent.to, p.to);
      } else if (group === parent.group && !p.q) {
        // "two civilians, among them a truck driver": no new count.
      } else {
        figures.push({ kind: parent.kind, group, low: p.low, high: p.high, approximate: p.approximate, explicit: p.explicit, from: p.from, to: p.to, trigger: parent.trigger, quantity: p.q && { from: p.q.from, to: p.q.to }, groupWords: p.g && p.g.to > p.g.from ? { from: p.g.from, to: p.g.to } : undefined });
      }
      return;
    }
    if (!trigger) return;
    let kind: FigureKind = trigger.entry.kind;
    if (kind === 'injured') {
      const lo = Math.max(from, Math.min(trigger.from, first.from) - 2);
      const hi = Math.max(trigger.to, last.to);
      for (let k = lo; k < Math.min(to, hi + 4); k++) if (is(lex.fatal, k)) { kind = 'killed'; break; }
    }
    const also = joinedVerb(trigger);
    for (const p of counted) {
      if (also) alsoJoined(p, also, kind);
      if (p.bare === 'plural' && p.g?.group === 'people') continue;
      // Arrests are made by the police and the army: their bare plural is the agent.
      if (p.bare === 'plural' && kind === 'arrested' && p.g && ['security', 'police', 'military'].includes(p.g.group)) continue;
      const own = p.own && p.own !== trigger ? p.own.entry.kind : undefined;
      figures.push({
        kind: own ?? kind, group: p.g?.group ?? 'people', low: p.low, high: p.high, approximate: p.approximate, explicit: p.explicit,
        from: p.from, to: p.to, trigger: { from: trigger.from, to: trigger.to },
        quantity: p.q && { from: p.q.from, to: p.q.to }, groupWords: p.g && { from: p.g.from, to: p.g.to },
      });
    }
  }
  /**
   * "شمار کشته‌شدگان به ۸۰ و تعداد مجروحان به ۳۴۶ نفر", "عدد القتلى إلى 29 والجرحى إلى 57": a victim
   * noun after "and" whose own count follows it is that count's, not the count before it.
   */
  function countsItsOwn(t: TriggerHit, chain: Participant[]): boolean {
    if (t.entry.role !== 'noun' && t.entry.role !== 'person') return false;
    const last = chain[chain.length - 1];
    if (!coordinatorBetween(last.to, t.from) && !lex.attachedCoordinator(tokens[t.from], forms[t.from])) return false;
    return participants.some((p) => !chain.includes(p) && p.q && p.from >= t.to && p.from - t.to <= 2 && !triggers.some((u) => u !== t && u.from >= t.to && u.to <= p.from));
  }
  /** "has risen from 90 to at least 150": the count a toll rose from, right before the count it rose to. */
  function earlierCount(p: Participant, next: Participant): boolean {
    if (!p.q || p.to >= to || endsAt(lex.rangeOpeners, p.from, 2) === undefined) return false;
    return at(lex.rangeOpenerJoiners, p.to)?.to === next.from;
  }
  /**
   * "a soldier was wounded and captured": the people of a verb joined to another verb of another kind
   * by "and"/"or" are its figure too. One person counted is that one; people counted vaguely
   * ("several people lost their lives or were hurt", «تروریست ها کشته و دستگیر شدند») are a vague
   * plural of the second kind, read from its verb.
   */
  function alsoJoined(p: Participant, also: TriggerHit, kind: FigureKind): void {
    const trigger = { from: also.from, to: also.to };
    // The dead are not also wounded or arrested: "۴۰ شهید و مجروح" counts 40 in all, some of each kind.
    const apart = also.entry.kind === 'killed' || kind === 'killed';
    if (p.g && !p.q && p.bare === 'countable') {
      figures.push({ kind: also.entry.kind, group: p.g.group, low: p.low, high: p.high, approximate: p.approximate, explicit: p.explicit, from: p.from, to: p.to, trigger, groupWords: { from: p.g.from, to: p.g.to } });
    } else if (p.q && !p.q.vague && !apart) {
      figures.push({ kind: also.entry.kind, group: p.g?.group ?? 'people', low: p.low, high: p.high, approximate: p.approximate, explicit: p.explicit, from: p.from, to: p.to, trigger, quantity: { from: p.q.from, to: p.q.to }, groupWords: p.g && { from: p.g.from, to: p.g.to } });
    } else if (p.q || (p.bare === 'plural' && p.g && p.g.group !== 'people')) {
      figures.push({ kind: also.entry.kind, group: p.g?.group ?? 'people', low: 2, high: null, approximate: true, explicit: false, from: also.from, to: also.to, trigger });
    }
  }
  /** The verb or noun that tells what happened to the people of a chain. */
  function triggerOf(chain: Participant[], first: Participant, last: Participant, counted: Participant[]): TriggerHit | undefined {
    const plural = chain.every((p) => p.bare === 'plural');
    const onlyNumber = chain.every((p) => p.q && !p.g && !p.own);
    const bare = chain.every((p) => p.bare !== 'none');
    // "the death toll from last week's bombing in Herat has risen to 14": a toll that rose reaches its
    // number over the words about it. Arabic says it first ("ارتفعت حصيلة ضحايا التفجير … إلى 14"),
    // Persian last ("… به ۱۴ نفر رسید").
    const countOnly = chain.every((p) => p.q && !p.own && (!p.g || p.g.group === 'people'));
    let rose = false;
    for (let k = Math.max(from, first.from - 16); countOnly && !rose && k < Math.min(to, last.to + 3); k++) rose = (k < first.from || k >= last.to) && is(lex.updateCues, k);
    const window = (side: 'before' | 'after', t: TriggerHit): number => {
      if (plural) return 1;
      // ("Four members of the same family were killed": a passive verb reaches its subject over what qualifies it.)
      if (side === 'after' && !sov) return t.entry.role === 'noun' ? 1 : t.entry.role === 'participle' ? 6 : 3;
      if (rose && side === 'before' && (t.entry.role === 'noun' || t.entry.role === 'person')) return 15;
      if (onlyNumber) return side === 'before' ? (t.entry.role === 'person' ? 3 : 6) : 6;
      if (sov && side === 'after' && chain.some(objectMarked)) return 25;
      if (bare) return side === 'before' ? 4 : 10;
      return side === 'before' ? 8 : 12;
    };

    // "three tourists who were cycling …, were killed": the verb comes after the relative clause.
    const relative = last.to < to && is(lex.relativizers, skipFwd(last.to, 1, false));
    // "two of them were captured": the distance to a verb after counts from the end of "of them".
    const partitive = last.to < to ? at(lex.partitiveMarkers, last.to) : undefined;
    const partEnd = partitive?.to ?? last.to;
    // "two of the wounded died": the victim noun after "of" names whom they are drawn from; the verb tells their fate.
    const drawnVia = partitive ?? (last.to < to ? at(lex.connectors, last.to) : undefined);
    const setNoun = drawnVia ? triggers.find((t) => t.from > last.to && t.from <= drawnVia.to && (t.entry.role === 'person' || t.entry.role === 'noun')) : undefined;
    let trigger = counted.find((p) => p.own)?.own;
    if (!trigger) {
      let best = Infinity;
      for (const t of triggers) {
        if (t === setNoun) continue;
        let d: number;
        let side: 'before' | 'after';
        if (t.to <= first.from) { d = first.from - t.to; side = 'before'; }
        else if (t.from >= last.to) { d = t.from - partEnd; side = 'after'; }
        else continue;
        const rel = relative && side === 'after' && !triggers.some((u) => u !== t && u.from >= last.to && u.to <= t.from);
        const aside = side === 'after' && apposition(last.to, t.from);
        if (!aside && d > (rel ? 25 : window(side, t))) continue;
        if (side === 'after' && countsItsOwn(t, chain)) continue;
        // (The toll's event may be told in a relative clause: "… التفجير الذي وقع في هرات إلى 14".)
        if (side === 'before' ? clauseBetween(t.to, first.from, side, rose) : !aside && clauseBetween(last.to, t.from, side, rel)) continue;
        if (plural && (sov ? side !== 'after' : side !== 'before')) continue;
        if (plural && (side === 'before' ? SOFT_BREAK.test(gapAt(first.from)) : SOFT_BREAK.test(gapAt(t.from)))) continue;
        // "… died in hospital, a doctor said": a bare noun after a comma is someone else, not the verb's victim.
        if (bare && !sov && side === 'before' && punctuated(Math.max(t.to + 1, first.from - 1), first.from)) continue;
        if (sov && side === 'before' && chain.some(objectMarked)) continue;
        // Subject of an active verb, not its victim: "gunmen killed three", "مهاجم … را کشت".
        const active = t.entry.role === 'verb' && t.entry.voice !== 'passive';
        // ("5 killed and 12 wounded": after "and" come other people, not the verb's object.)
        // (", police said", "when a suicide bomber struck": people in another clause are not the verb's object.)
        if (active && !sov && side === 'after' && !passiveBefore(t) && !(t.to < to && is(lex.passiveBefore, t.to)) && !(t.to < to && is(lex.coordinators, t.to))
          && participants.some((p) => p.from >= t.to && p.from - t.to <= 4 && !chain.includes(p) && !triggers.some((u) => u !== t && u.from >= t.to && u.to <= p.from) && !breakBetween(t.to, p.from))) continue;
        // "Of the 60 injured, most were children": a bare plural is not counted again by a verb that counted people.
        if (plural && figures.some((f) => f.trigger.from === t.from && f.quantity)) continue;
        // "8 dead, 15 injured": a word that counts other people ("dead") is theirs alone.
        if (participants.some((p) => p.own === t && !chain.includes(p))) continue;
        // Another participant between the trigger and this one is the trigger's own; this one is not coordinated with it.
        // (A bare noun there may be the verb's subject, as in VSO "قتلت قوات الأمن 18 متطرفا".)
        if (!aside && participants.some((p) => !chain.includes(p) && !isAgent(p) && !earlierCount(p, first) && p.bare !== 'plural' && !(L.syntax.verbFirst && side === 'before' && p.bare !== 'none') && endsAt(lex.subsetMarkers, skipBack(p.from), 3) === undefined
          && (side === 'before' ? p.from >= t.to && p.to <= first.from : p.from >= last.to && p.to <= t.from))) continue;
        if (active && sov && side === 'after' && !passiveAfter(t) && !chain.some(objectMarked) && participants.some((p) => p.from >= last.to && p.to <= t.from && objectMarked(p))) continue;
        // VSO: a bare noun right after an active verb is its subject when a counted object follows.
        if (active && L.syntax.verbFirst && side === 'before' && bare && participants.some((p) => p.from >= last.to && (p.q || p.bare === 'countable') && p.from - last.to <= 6 && !chain.includes(p) && !triggers.some((u) => u.from >= last.to && u.to <= p.from))) continue;
        // SOV: verbs and participles follow their patient; only nouns (قتل, دستگیری) precede it, and a
        // noun after people is another's ("کشته شدن سه سرباز و زخمی شدن شش نفر").
        const late = !sov ? 0 : side === 'before' ? (t.entry.role === 'verb' || t.entry.role === 'participle' ? 10 : 2) : t.entry.role === 'noun' ? 2 : 0;
        // "five were killed and two wounded": across "and", the nearer verb after is the one.
        const across = side === 'before' && !sov && coordinatorBetween(t.to, first.from) ? 3 : 0;
        // Verb first: "قتلت القوات ارهابيين اثنين وأصابت ثالثاً": a verb after "and" opens a clause of its own, whose people follow it.
        const opens = side === 'after' && L.syntax.verbFirst && (!!lex.attachedCoordinator(tokens[t.from], forms[t.from]) || (t.from > from && is(lex.coordinators, t.from - 1))) ? 3 : 0;
        const score = d + late + across + opens + (!sov && side === 'after' ? 1 : 0);
        if (score < best) { best = score; trigger = t; }
      }
    }
    return trigger ?? counted.find((p) => p.set)?.set ?? setNoun;
  }

  // Shared verb after: "پنج نفر در آلماتی و سه نفر در تراز کشته شدند", "five in Almaty and three
  // in Taraz were killed": counted people joined by "and" to people the verb after them counts.
  function sharedVerbAfter(): void {
    for (const chain of chains) {
      const p = chain[0];
      if (chain.length !== 1 || !p.q || p.q.vague || isAgent(p) || figures.some((f) => f.from < p.to && p.from < f.to)) continue;
      const next = figures.filter((f) => f.from >= p.to && f.trigger.from >= f.to).sort((x, y) => x.from - y.from)[0];
      if (!next || next.from - p.to > 6 || !unbroken(p.to, next.from) || triggers.some((t) => t.from >= p.to && t.to <= next.from)) continue;
      // "Three gunmen attacked …, two of whom were arrested": the verb is the part's only; and people
      // who did something in between ("attacked") are not those the verb after counts.
      if ((next.to < to && is(lex.partitiveMarkers, next.to)) || endsAt(lex.subsetMarkers, skipBack(next.from), 3) !== undefined) continue;
      let acted = false;
      for (let k = p.to; k < next.from && !acted; k++) acted = is(lex.eventTypes, k);
      if (acted) continue;
      if (!(next.from > from && is(lex.coordinators, next.from - 1)) && !coordinated(next.from)) continue;
      figures.push({ kind: next.kind, group: p.g?.group ?? 'people', low: p.low, high: p.high, approximate: p.approximate, explicit: p.explicit, from: p.from, to: p.to, trigger: next.trigger, quantity: { from: p.q.from, to: p.q.to }, groupWords: p.g && { from: p.g.from, to: p.g.to } });
    }
  }

  // Gapping: "five were killed in Almaty and three in Taraz", "قتل خمسة في ألماتي وثلاثة في تراز": a
  // bare number after "and", with no verb of its own, counts more of what the figure before it counts.
  function gapping(): void {
    for (const chain of chains) {
      const p = chain[0];
      if (chain.length !== 1 || !p.q || p.g || p.own || p.set || p.q.vague || isAgent(p) || figures.some((f) => f.from < p.to && p.from < f.to)) continue;
      if (!(p.from > from && is(lex.coordinators, p.from - 1)) && !coordinated(p.from)) continue;
      if (p.to < to && (is(lex.partitiveMarkers, p.to) || triggers.some((t) => t.from >= p.to && t.from - p.to <= 2))) continue;
      const prev = figures.filter((f) => f.to <= p.from).sort((x, y) => y.to - x.to)[0];
      if (!prev || p.from - prev.to > 8 || triggers.some((t) => t.from >= prev.to && t.to <= p.from)) continue;
      if (!unbroken(prev.to, p.from)) continue;
      figures.push({ kind: prev.kind, group: prev.group, low: p.low, high: p.high, approximate: p.approximate, explicit: p.explicit, from: p.from, to: p.to, trigger: prev.trigger, quantity: { from: p.q.from, to: p.q.to } });
    }
  }

  // "Four policemen were killed in Kandahar and two in Helmand": a bare number after "and" that
  // shares its verb with people counted before it counts more of them.
  // (Bombers who blew themselves up are counted before "and police shot a fourth dead".)
  function groupsAfterAnd(): void {
    for (const f of figures) {
      if (f.group !== 'people' || f.groupWords || !f.quantity || f.from <= from) continue;
      if (!is(lex.coordinators, f.from - 1) && !coordinated(f.from)) continue;
      const prev = figures.filter((g) => g !== f && g.to <= f.from && g.trigger.from === f.trigger.from && g.kind === f.kind).sort((x, y) => y.to - x.to)[0];
      if (prev && prev.group !== 'people' && prev.groupWords && f.from - prev.to <= 8 && unbroken(prev.to, f.from)) f.group = prev.group;
    }
  }

  // Suicide attackers: "blew himself up", "فجر نفسه", "خود را منفجر کرد".
  /**
   * "Two soldiers were killed and a third wounded", "قتل جنديان وأصيب ثالث": an ordinal right next
   * to a verb counts one more of the people counted just before it, with that verb.
   */
  function oneMoreOfThem(): void {
    const written = (k: number): string[] => {
      const t = tokens[k].text;
      const c = lex.attachedCoordinator(tokens[k], forms[k]);
      return c ? [t, t.slice(c.length)] : [t];
    };
    for (let i = from; i < to; i++) {
      if (!keyword[i - from] || quantityAt.has(i)) continue;
      const loose = at(lex.oneMore, i);
      // ("لقي شخص آخر مصرعه": after its noun, "another" qualifies the person the noun counts.)
      if (!loose || phrases.some((p) => p.to === i)) continue;
      const exact: string[][] = new Array(loose.to);
      for (let k = i; k < loose.to; k++) exact[k] = written(k);
      const m = lex.oneMore.longest(exact, i, loose.to);
      if (!m || at(lex.groups, m.to, nounForms) || (m.to < to && is(lex.connectors, m.to))) continue;
      let k = m.to;
      while (k < to && k - m.to < 3 && (is(lex.passiveBefore, k) || is(lex.skippable, k))) k++;
      // The verb right before it (verb first), or right after it (passive markers aside; in SOV, a few words on).
      // (A verb, not a noun: "آخر حصيلة" is "the latest toll".)
      const trigger = triggers.find((t) => t.entry.role !== 'noun' && ((t.to === i && !sov) || (t.from === k && !sov) || (sov && t.from >= m.to && t.from - m.to <= 3 && unbroken(m.to, t.from) && !figures.some((f) => f.from >= m.to && f.to <= t.from))));
      if (!trigger || figures.some((f) => f.from < m.to && i < f.to)) continue;
      const prev = figures.filter((f) => f.to <= i && (f.groupWords || f.group !== 'people')).sort((x, y) => y.to - x.to)[0];
      if (!prev || i - prev.to > 8 || !unbroken(prev.to, i)) continue;
      figures.push({ kind: trigger.entry.kind, group: prev.group, low: 1, high: 1, approximate: false, explicit: true, from: i, to: m.to, trigger: { from: trigger.from, to: trigger.to } });
    }
  }

  /**
   * "9 من الجرحى الثلاثين", "9 of the 30 injured": a number joined by "of" to victims that another
   * number counts is a part of them, not a count of its own.
   */
  function partsOfACount(): void {
    for (let n = figures.length - 1; n >= 0; n--) {
      const f = figures[n];
      if (!f.quantity || f.trigger.from < f.quantity.to) continue;
      let k = f.quantity.to;
      let via = false;
      while (k < f.trigger.from && (is(lex.connectors, k) || is(lex.skippable, k))) { via ||= is(lex.connectors, k); k++; }
      if (!via || k !== f.trigger.from) continue;
      if (figures.some((g) => g !== f && g.kind === f.kind && g.trigger.from === f.trigger.from && g.quantity && g.low > (f.high ?? f.low))) figures.splice(n, 1);
    }
  }

  /**
   * "250 wounded, 99 of them in critical condition", "99 منهم في حالة حرجة", "حال ۵ نفر وخیم است":
   * people counted by their condition are a part of a toll already counted, not a figure.
   */
  function severitySubsets(): void {
    for (let n = figures.length - 1; n >= 0; n--) {
      const f = figures[n];
      if (!f.quantity || f.trigger.to > f.from) continue;
      // A part of a total counted before it ("أصيب 3 أشخاص حالتهم حرجة" are all the wounded, and a figure).
      if (!figures.some((g) => g !== f && g.kind === f.kind && g.to <= f.from && g.low >= f.low)) continue;
      for (let k = f.to; k < Math.min(to, f.to + 7); k++) {
        if (HARD_BREAK.test(gapAt(k)) || SOFT_BREAK.test(gapAt(k)) || quantityAt.has(k) || is(lex.coordinators, k) || triggers.some((t) => t.from === k)) break;
        if (is(lex.severity, k)) { figures.splice(n, 1); break; }
      }
    }
  }

  function selfKills(): void {
    for (let i = from; i < to; i++) {
      const a = at(lex.selfKillFirst, i);
      if (!a) continue;
      const spec = L.selfKill[a.value];
      for (let k = a.to; k < Math.min(to, a.to + spec.maxGap + 1); k++) {
        const b = at(lex.selfKillSecond[a.value], k);
        if (!b) continue;
        const subject = figures.find((f) => f.to <= a.from && a.from - skipBack(a.from) + (a.from - f.to) <= 1 + (a.from - skipBack(a.from)));
        if (subject) { subject.kind = 'killed'; subject.group = 'perpetrators'; subject.trigger = { from: a.from, to: b.to }; break; }
        // "Two attackers blew themselves up", "فجر انتحاريان نفسيهما": the people just before, or between the words, count the dead.
        const who = participants.find((x) => ((x.to === a.from || x.to === skipBack(a.from)) || (x.from >= a.to && x.to <= b.from)) && (x.q || x.bare === 'countable') && !figures.some((f) => f.from < x.to && x.from < f.to));
        if (who) {
          figures.push({ kind: 'killed', group: 'perpetrators', low: who.low, high: who.high, approximate: who.approximate, explicit: who.explicit, from: who.from, to: who.to, trigger: { from: a.from, to: b.to }, quantity: who.q && { from: who.q.from, to: who.q.to }, groupWords: who.g && { from: who.g.from, to: who.g.to } });
          break;
        }
        // "قتل انتحاريان بعد أن فجرا نفسيهما": the attackers killed just before are those who blew themselves up.
        const counted = figures.some((f) => f.kind === 'killed' && f.group === 'perpetrators' && f.low >= 1 && Math.abs(f.from - a.from) <= 8);
        if (!counted) figures.push({ kind: 'killed', group: 'perpetrators', low: 1, high: 1, approximate: false, explicit: false, from: a.from, to: b.to, trigger: { from: a.from, to: b.to } });
        break;
      }
    }
  }

  // Passes over the figures of the chains, in order: people a verb shares, more of the same people,
  // suicide bombers, one more of them, parts of a count, counts by condition.
  const passes = [sharedVerbAfter, gapping, groupsAfterAnd, selfKills, oneMoreOfThem, partsOfACount, severitySubsets];
  for (const pass of passes) pass();
  return figures.sort((a, b) => a.from - b.from);
}
