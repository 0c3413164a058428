// Coordination chains and their figures: which trigger tells what happened to a chain's people.
import type { FigureKind } from '../types';
import { apposition, clauseBetween, isAgent, joinedVerb, objectMarked, otherFate, passiveAfter, passiveBefore, triggerRightAfter } from './clauses';
import { HARD_BREAK, SOFT_BREAK, groupPhrase, participant, type FigureContext, type Participant, type TokenFigure, type TriggerHit } from './context';

/** Pass: coordination chains, participants joined by "and"/"و"/commas, who share one trigger. */
export function coordinationChains(c: FigureContext): void {
  const { lex, to, participants, chains } = c;
  for (const p of participants) {
    const last = chains[chains.length - 1];
    const prev = last?.[last.length - 1];
    // "Three gunmen, two of whom …": a part of the people before is not coordinated with them.
    const part = p.to < to && c.is(lex.partitiveMarkers, p.to);
      // "8 dead and 15 injured": people counted with their own word ("8 dead") and people with a verb
    // right after them each have their own; they share none.
    const ownEach = !!(prev?.own ?? prev?.set) && triggerRightAfter(c, p);
    // ("مقتل أربعة أشخاص وثلاثة جرحى": people counted with a victim noun of their own fate are not the others'.)
    const ownFate = p.own?.entry.role === 'person' && prev?.own?.entry.kind !== p.own.entry.kind;
    if (prev && !part && !ownEach && !ownFate && p.from >= prev.to && p.bare !== 'plural' && prev.bare !== 'plural' && !HARD_BREAK.test(c.gapAt(p.from)) && !triggerRightAfter(c, prev)) {
      let k = prev.to;
      let sawCoord = false;
      while (k < p.from && (c.is(lex.coordinators, k) || c.is(lex.skippable, k))) { if (c.is(lex.coordinators, k)) sawCoord = true; k++; }
      // ("a policeman, a soldier and …": the comma may stand before the article.)
      if (k === p.from && (sawCoord || c.coordinated(p.from) || (prev.to < p.from && SOFT_BREAK.test(c.gapAt(prev.to))))) { last.push(p); continue; }
    }
    chains.push([p]);
  }
}

/** The figure that people counted as "N of them" / "among them N" are a part of. */
function subsetParent(c: FigureContext, p: Participant): TokenFigure | undefined {
  const { lex, to, figures } = c;
  const before = c.endsAt(lex.subsetMarkers, c.skipBack(p.from), 3);
  const after = p.to < to ? c.at(lex.partitiveMarkers, p.to) : undefined;
  const anchor = before ?? (after ? p.from : undefined);
  if (anchor === undefined || (!p.q && p.bare !== 'countable')) return undefined;
  return [...figures].reverse().find((f) => f.to <= anchor && anchor - f.to <= 4);
}

/** Pass: the figures of each coordination chain, with the trigger that tells what happened to its people. */
export function figuresOfChains(c: FigureContext): void {
  for (const chain of c.chains) figuresOfChain(c, chain);
}

function figuresOfChain(c: FigureContext, chain: Participant[]): void {
  const { lex, from, to, participants, figures } = c;
  const first = chain[0];
  const last = chain[chain.length - 1];
  const counted = chain.filter((p) => !isAgent(c, p));
  if (!counted.length || otherFate(c, first, last)) return;

  // "N of them" / "among them N": a part of the people counted just before.
  const parent = chain.length === 1 ? subsetParent(c, first) : undefined;
  // "ثلاثة مسلحين شاركوا … اعتقلت اثنين منهم", "three gunmen took part; two of them were arrested":
  // a part of people counted before, even when nothing happened to them.
  if (!parent && chain.length === 1 && (!first.g || first.g.group === 'people') && first.q && first.to < to && c.is(lex.partitiveMarkers, first.to)) {
    // (Or people named without a count: "مهاجمان … سه نفرشان".)
    const counted = participants.filter((x) => x.to <= first.from && x.q && x.g && !x.g.others && x.g.group !== 'people').at(-1)
      ?? participants.filter((x) => x.to <= first.from && x.bare === 'plural' && x.g && !x.g.others && x.g.group !== 'people').at(-1);
    if (counted) first.g = { from: first.from, to: first.from, number: 'plural', headOnly: false, others: false, group: counted.g!.group };
  }
  if (parent && (!first.g || first.g.group === 'people')) {
    const g = first.g;
    first.g = g ? groupPhrase(g.from, g.to, parent.group, g.number, g.headOnly, g.others, g.coreTo) : groupPhrase(first.from, first.from, parent.group, 'plural', false, false);
  }

  const trigger = triggerOf(c, chain, first, last, counted);
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
    for (let k = lo; k < Math.min(to, hi + 4); k++) if (c.is(lex.fatal, k)) { kind = 'killed'; break; }
  }
  const also = joinedVerb(c, trigger);
  for (const p of counted) {
    if (also) alsoJoined(c, p, also, kind);
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
function countsItsOwn(c: FigureContext, t: TriggerHit, chain: Participant[]): boolean {
  const { tokens, forms, lex, triggers, participants } = c;
  if (t.entry.role !== 'noun' && t.entry.role !== 'person') return false;
  const last = chain[chain.length - 1];
  if (!c.coordinatorBetween(last.to, t.from) && !lex.attachedCoordinator(tokens[t.from], forms[t.from])) return false;
  return participants.some((p) => !chain.includes(p) && p.q && p.from >= t.to && p.from - t.to <= 2 && !triggers.some((u) => u !== t && u.from >= t.to && u.to <= p.from));
}
/** "has risen from 90 to at least 150": the count a toll rose from, right before the count it rose to. */
function earlierCount(c: FigureContext, p: Participant, next: Participant): boolean {
  const { lex, to } = c;
  if (!p.q || p.to >= to || c.endsAt(lex.rangeOpeners, p.from, 2) === undefined) return false;
  return c.at(lex.rangeOpenerJoiners, p.to)?.to === next.from;
}
/**
 * "a soldier was wounded and captured": the people of a verb joined to another verb of another kind
 * by "and"/"or" are its figure too. One person counted is that one; people counted vaguely
 * ("several people lost their lives or were hurt", «تروریست ها کشته و دستگیر شدند») are a vague
 * plural of the second kind, read from its verb.
 */
function alsoJoined(c: FigureContext, p: Participant, also: TriggerHit, kind: FigureKind): void {
  const { figures } = c;
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
function triggerOf(c: FigureContext, chain: Participant[], first: Participant, last: Participant, counted: Participant[]): TriggerHit | undefined {
  const { tokens, forms, lex, L, sov, from, to, triggers, participants, figures } = c;
  const plural = chain.every((p) => p.bare === 'plural');
  const onlyNumber = chain.every((p) => p.q && !p.g && !p.own);
  const bare = chain.every((p) => p.bare !== 'none');
  // "the death toll from last week's bombing in Herat has risen to 14": a toll that rose reaches its
  // number over the words about it. Arabic says it first ("ارتفعت حصيلة ضحايا التفجير … إلى 14"),
  // Persian last ("… به ۱۴ نفر رسید").
  const countOnly = chain.every((p) => p.q && !p.own && (!p.g || p.g.group === 'people'));
  let rose = false;
  for (let k = Math.max(from, first.from - 16); countOnly && !rose && k < Math.min(to, last.to + 3); k++) rose = (k < first.from || k >= last.to) && c.is(lex.updateCues, k);
  const window = (side: 'before' | 'after', t: TriggerHit): number => {
    if (plural) return 1;
    // ("Four members of the same family were killed": a passive verb reaches its subject over what qualifies it.)
    if (side === 'after' && !sov) return t.entry.role === 'noun' ? 1 : t.entry.role === 'participle' ? 6 : 3;
    if (rose && side === 'before' && (t.entry.role === 'noun' || t.entry.role === 'person')) return 15;
    if (onlyNumber) return side === 'before' ? (t.entry.role === 'person' ? 3 : 6) : 6;
    if (sov && side === 'after' && chain.some((p) => objectMarked(c, p))) return 25;
    if (bare) return side === 'before' ? 4 : 10;
    return side === 'before' ? 8 : 12;
  };

  // "three tourists who were cycling …, were killed": the verb comes after the relative clause.
  const relative = last.to < to && c.is(lex.relativizers, c.skipFwd(last.to, 1, false));
  // "two of them were captured": the distance to a verb after counts from the end of "of them".
  const partitive = last.to < to ? c.at(lex.partitiveMarkers, last.to) : undefined;
  const partEnd = partitive?.to ?? last.to;
  // "two of the wounded died": the victim noun after "of" names whom they are drawn from; the verb tells their fate.
  const drawnVia = partitive ?? (last.to < to ? c.at(lex.connectors, last.to) : undefined);
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
      const aside = side === 'after' && apposition(c, last.to, t.from);
      if (!aside && d > (rel ? 25 : window(side, t))) continue;
      if (side === 'after' && countsItsOwn(c, t, chain)) continue;
      // (The toll's event may be told in a relative clause: "… التفجير الذي وقع في هرات إلى 14".)
      if (side === 'before' ? clauseBetween(c, t.to, first.from, side, rose) : !aside && clauseBetween(c, last.to, t.from, side, rel)) continue;
      if (plural && (sov ? side !== 'after' : side !== 'before')) continue;
      if (plural && (side === 'before' ? SOFT_BREAK.test(c.gapAt(first.from)) : SOFT_BREAK.test(c.gapAt(t.from)))) continue;
      // "… died in hospital, a doctor said": a bare noun after a comma is someone else, not the verb's victim.
      if (bare && !sov && side === 'before' && c.punctuated(Math.max(t.to + 1, first.from - 1), first.from)) continue;
      if (sov && side === 'before' && chain.some((p) => objectMarked(c, p))) continue;
      // Subject of an active verb, not its victim: "gunmen killed three", "مهاجم … را کشت".
      const active = t.entry.role === 'verb' && t.entry.voice !== 'passive';
      // ("5 killed and 12 wounded": after "and" come other people, not the verb's object.)
      // (", police said", "when a suicide bomber struck": people in another clause are not the verb's object.)
      if (active && !sov && side === 'after' && !passiveBefore(c, t) && !(t.to < to && c.is(lex.passiveBefore, t.to)) && !(t.to < to && c.is(lex.coordinators, t.to))
        && participants.some((p) => p.from >= t.to && p.from - t.to <= 4 && !chain.includes(p) && !triggers.some((u) => u !== t && u.from >= t.to && u.to <= p.from) && !c.breakBetween(t.to, p.from))) continue;
      // "Of the 60 injured, most were children": a bare plural is not counted again by a verb that counted people.
      if (plural && figures.some((f) => f.trigger.from === t.from && f.quantity)) continue;
      // "8 dead, 15 injured": a word that counts other people ("dead") is theirs alone.
      if (participants.some((p) => p.own === t && !chain.includes(p))) continue;
      // Another participant between the trigger and this one is the trigger's own; this one is not coordinated with it.
      // (A bare noun there may be the verb's subject, as in VSO "قتلت قوات الأمن 18 متطرفا".)
      if (!aside && participants.some((p) => !chain.includes(p) && !isAgent(c, p) && !earlierCount(c, p, first) && p.bare !== 'plural' && !(L.syntax.verbFirst && side === 'before' && p.bare !== 'none') && c.endsAt(lex.subsetMarkers, c.skipBack(p.from), 3) === undefined
        && (side === 'before' ? p.from >= t.to && p.to <= first.from : p.from >= last.to && p.to <= t.from))) continue;
      if (active && sov && side === 'after' && !passiveAfter(c, t) && !chain.some((p) => objectMarked(c, p)) && participants.some((p) => p.from >= last.to && p.to <= t.from && objectMarked(c, p))) continue;
      // VSO: a bare noun right after an active verb is its subject when a counted object follows.
      if (active && L.syntax.verbFirst && side === 'before' && bare && participants.some((p) => p.from >= last.to && (p.q || p.bare === 'countable') && p.from - last.to <= 6 && !chain.includes(p) && !triggers.some((u) => u.from >= last.to && u.to <= p.from))) continue;
      // SOV: verbs and participles follow their patient; only nouns (قتل, دستگیری) precede it, and a
      // noun after people is another's ("کشته شدن سه سرباز و زخمی شدن شش نفر").
      const late = !sov ? 0 : side === 'before' ? (t.entry.role === 'verb' || t.entry.role === 'participle' ? 10 : 2) : t.entry.role === 'noun' ? 2 : 0;
      // "five were killed and two wounded": across "and", the nearer verb after is the one.
      const across = side === 'before' && !sov && c.coordinatorBetween(t.to, first.from) ? 3 : 0;
      // Verb first: "قتلت القوات ارهابيين اثنين وأصابت ثالثاً": a verb after "and" opens a clause of its own, whose people follow it.
      const opens = side === 'after' && L.syntax.verbFirst && (!!lex.attachedCoordinator(tokens[t.from], forms[t.from]) || (t.from > from && c.is(lex.coordinators, t.from - 1))) ? 3 : 0;
      const score = d + late + across + opens + (!sov && side === 'after' ? 1 : 0);
      if (score < best) { best = score; trigger = t; }
    }
  }
  return trigger ?? counted.find((p) => p.set)?.set ?? setNoun;
}


/**
 * Pass: people named one by one without a number and coordinated ("his father and mother", "پدر و
 * مادر", ولداه) are one count of as many when nothing but "and" stands between them and their groups
 * agree (a more specific group wins over "people"); "a policeman and a soldier", "a farmer and his
 * wife" stay counts of their own.
 */
export function coordinatedSingulars(c: FigureContext): void {
  for (const chain of c.chains) {
    for (let i = chain.length - 1; i > 0; i--) {
      const a = chain[i - 1], b = chain[i];
      // Only "and" between them: "a farmer and his wife", "a teacher, a nurse" each have a word of their own.
      const joined = !SOFT_BREAK.test(c.gapAt(b.from)) && ((b.from === a.to && !!c.lex.attachedCoordinator(c.tokens[b.from], c.forms[b.from])) || (b.from === a.to + 1 && c.is(c.lex.coordinators, a.to)));
      if (!joined || !single(a) || !single(b)) continue;
      const ga = a.g!.group, gb = b.g!.group;
      if (ga !== gb && ga !== 'people' && gb !== 'people') continue;
      const g = ga === 'people' ? b.g! : a.g!;
      const both = groupPhrase(a.g!.from, b.g!.to, g.group, 'plural', g.headOnly, g.others, g.coreTo);
      chain.splice(i - 1, 2, participant(a.from, b.to, a.q, both, { low: a.low + b.low, high: a.low + b.low, approximate: a.approximate, explicit: a.explicit, bare: a.bare }, a.own, a.set));
    }
  }
}

/** One person named by a singular noun without a number, nor a noun of their own fate. */
const single = (p: Participant): boolean => !p.q && !p.own && !p.set && p.bare === 'countable' && p.low === 1 && p.high === 1 && !!p.g && !p.g.others;
