// Participants: the people a figure may count, and the groups they take from the people before them.
import { HARD_BREAK, SOFT_BREAK, groupPhrase, participant, type Count, type FigureContext, type GroupPhrase, type Participant, type Trie, type TriggerHit } from './context';
import { eventAdjective, plainNounAfter, timeAdverbial } from './quantities';

/** "7 أشخاص على الأقل": a modifier after the noun qualifies the number. */
function withAfterModifier(c: FigureContext, p: Participant): Participant {
  const { lex, to } = c;
  const m = p.to < to && p.q && p.q.low === p.q.high && !p.q.approximate ? c.at(lex.modifiersAfter, p.to) : undefined;
  if (!m) return p;
  const v = p.q!.low;
  const effect = m.value;
  const range = effect === 'atLeast' ? { low: v, high: null, approximate: false } : effect === 'moreThan' ? { low: v + 1, high: null, approximate: false } : { low: v, high: v, approximate: true };
  return participant(p.from, m.to, p.q, p.g, { low: range.low, high: range.high, approximate: range.approximate, explicit: p.explicit, bare: p.bare }, p.own, p.set);
}

/** "العشرات ممن وصفتهم بمثيري الشغب", "dozens of those it described as rioters": the group a label gives the people counted before it. */
function labelled(c: FigureContext, k: number): GroupPhrase | undefined {
  const { lex, to, phraseAt, triggers, used } = c;
  for (let j = k; j < Math.min(to, k + 4); j++) {
    if (HARD_BREAK.test(c.gapAt(j)) || triggers.some((t) => t.from === j)) return undefined;
    const m = c.at(lex.labelMarkers, j);
    if (!m) continue;
    const g = phraseAt.get(m.to);
    return g && !used.has(g) && !HARD_BREAK.test(c.gapAt(m.to)) ? g : undefined;
  }
  return undefined;
}

/** Pass: participants, the people a figure may count (a quantity with its group phrase or victim noun, or a group phrase alone). */
export function findParticipants(c: FigureContext): void {
  const { tokens, forms, lex, L, from, to, quantities, quantityAt, phrases, phraseAt, triggers, used, participants } = c;
  for (const q of quantities) {
    if (q.from > from && c.endsAt(lex.nobody, q.coreTo, 3) !== undefined) continue;
    const base: Count = { low: q.low, high: q.high, approximate: q.approximate, explicit: true, bare: 'none' };
    let k = c.skipFwd(q.to, 3);
    // Not when the number is a part of others ("قتلت الشرطة ثلاثة منهم": the police are not the three).
    const partOf = q.to < to && c.is(lex.partitiveMarkers, q.to);
    // Only a number word standing alone follows its noun ("مدنيين اثنين"); "قوات الأمن أكثر من 300" is the agent, then a count.
    const adjectival = q.from === q.coreFrom && !tokens[q.coreFrom].digits;
    const beforeG = L.syntax.numberAfterNoun && adjectival && !partOf && !labelled(c, q.to) ? phrases.find((p) => (p.coreTo ?? p.to) === c.skipBack(q.from) && !used.has(p)) : undefined;
    // One adjective may stand between a number and its noun ("two traffic policemen"), unless the noun came first ("مدنيين اثنين").
    const word = (i: number) => !quantityAt.has(i) && ![lex.triggers, lex.nonPersonAfter, lex.boundaries, lex.coordinators, lex.subsetMarkers, lex.partitiveMarkers, lex.agentMarkers, lex.objectMarkers].some((t) => c.is(t as Trie<unknown>, i));
    if (!beforeG && !phraseAt.get(k) && k + 1 < to && phraseAt.get(k + 1) && word(k) && !SOFT_BREAK.test(c.gapAt(k + 1)) && !HARD_BREAK.test(c.gapAt(k + 1))) k++;
    const g = phraseAt.get(k);
    // "rose to 17, officials said": a comma parts a number from the noun after it.
    if (g && !HARD_BREAK.test(c.gapAt(k)) && !(q.to < to && SOFT_BREAK.test(c.gapAt(q.to))) && !used.has(g)) {
      // ("three police cars": a group word before a thing modifies it; where heads come first, "حراس السفارة" are guards of the embassy.)
      if (L.syntax.headFinal && g.to < to && c.is(lex.nonPersonAfter, g.to) && !timeAdverbial(c, g.to)) continue;
      used.add(g);
      const ownAt = c.skipFwd(g.to, 1, false);
      // ("أربعة أشخاص وجريحين": a victim noun after "and" counts other people.)
      const own = ownAt < to && lex.attachedCoordinator(tokens[ownAt], forms[ownAt]) ? undefined : c.personTriggerAt(ownAt);
      // "12 people it called terrorists": the label says who the people were.
      const label = g.group === 'people' ? labelled(c, g.to) : undefined;
      if (label) used.add(label);
      participants.push(withAfterModifier(c, participant(q.from, g.to, q, label ? groupPhrase(g.from, g.to, label.group, g.number, g.headOnly, g.others, g.coreTo) : g, base, own)));
      continue;
    }
    const label = labelled(c, q.to);
    if (label) { used.add(label); participants.push(withAfterModifier(c, participant(q.from, q.to, q, label, base))); continue; }
    // ("إلى 31 والجرحى إلى 64": a noun joined by an attached "and" begins the next count.)
    const pt = c.personTriggerAt(k);
    if (pt && !lex.attachedCoordinator(tokens[pt.from], forms[pt.from])) {
      // "٧ قتلى من الشرطة": the victims' group follows the victim noun.
      const after = c.skipFwd(pt.to, 2);
      const g2 = phraseAt.get(after);
      if (g2 && after > pt.to && !used.has(g2) && c.is(lex.connectors, pt.to)) { used.add(g2); participants.push(withAfterModifier(c, participant(q.from, g2.to, q, g2, base, pt))); continue; }
      // "two of the wounded", "اثنان من الجرحى": across "of" the noun names whom they are drawn from.
      let drawn = partOf;
      for (let j = q.to; j < pt.from && !drawn; j++) drawn = c.is(lex.connectors, j);
      // ("وفاة عدد من المصابين": right after a word of another fate, the noun says whom they are drawn from.)
      drawn ||= afterOtherFate(c, q.from, pt);
      participants.push(withAfterModifier(c, drawn ? participant(q.from, pt.to, q, undefined, base, undefined, pt) : participant(q.from, pt.to, q, undefined, base, pt)));
      continue;
    }
    if (beforeG) { used.add(beforeG); participants.push(participant(beforeG.from, q.to, q, beforeG, base)); continue; }
    if (L.syntax.numberAfterNoun) {
      const pb = triggers.find((t) => t.to === q.from && t.entry.role === 'person');
      if (pb) { participants.push(participant(pb.from, q.to, q, undefined, base, pb)); continue; }
    }
    const noun = plainNounAfter(c, q);
    participants.push(noun === undefined ? participant(q.from, q.to, q, undefined, base) : participant(q.from, noun + 1, q, groupPhrase(q.to, noun + 1, 'people', 'plural', false, false), base));
  }
  for (const g of phrases) {
    if (used.has(g) || g.headOnly || g.others || eventAdjective(c, g)) continue;
    if (c.endsAt(lex.nobody, g.to, 3) !== undefined) continue;
    const count = g.number === 'singular' ? 1 : g.number === 'dual' ? 2 : 0;
    // "شخص أو اثنين", "جنديان أو ثلاثة": a counted noun, "or", a number.
    const joiner = count && g.to < to ? c.at(lex.rangeJoiners, g.to) : undefined;
    const other = joiner ? quantities.find((q) => q.from === joiner.to && q.low === q.high && Math.abs(q.low - count) <= 2) : undefined;
    if (other) {
      quantityAt.delete(other.from);
      const i = participants.findIndex((p) => p.q === other);
      if (i >= 0) participants.splice(i, 1);
      participants.push(participant(g.from, other.to, other, g, { low: Math.min(count, other.low), high: Math.max(count, other.low), approximate: false, explicit: true, bare: 'none' }));
      continue;
    }
    participants.push(participant(g.from, g.to, undefined, g, { low: count || 2, high: count || null, approximate: !count, explicit: false, bare: count ? 'countable' : 'plural' }));
  }
  duals(c);
  participants.sort((a, b) => a.from - b.from);
}

/** Whether a word of another fate than the victim noun's ends right before `k` ("وفاة عدد من المصابين", "وتوفي جريحان"). */
function afterOtherFate(c: FigureContext, k: number, noun: TriggerHit): boolean {
  return k > c.from && c.triggers.some((t) => t.to === c.skipBack(k) && !t.entry.weak && t.entry.role !== 'person' && t.entry.kind !== noun.entry.kind);
}

/** "بسقوط قتيلين": a victim noun in the dual, with no number of its own, counts two. */
function duals(c: FigureContext): void {
  const { triggers, participants } = c;
  for (const t of triggers) {
    if (t.entry.role !== 'person' || t.entry.number !== 'dual') continue;
    if (participants.some((p) => p.own === t || p.set === t || (p.from < t.to && t.from < p.to))) continue;
    const count: Count = { low: 2, high: 2, approximate: false, explicit: false, bare: 'countable' };
    // ("وتوفي جريحان": right after a word of another fate, the noun says whom the two are drawn from.)
    const drawn = afterOtherFate(c, t.from, t);
    participants.push(drawn ? participant(t.from, t.to, undefined, undefined, count, undefined, t) : participant(t.from, t.to, undefined, undefined, count, t));
  }
}

/**
 * Pass: "عشرات القتلى والجرحى", "a number of dead and wounded": the quantity counts the first victim noun;
 * a victim noun of another kind joined to it by "and", with no count of its own after it, is a vague
 * plural of its own.
 */
export function coordinatedVictimNouns(c: FigureContext): void {
  const { tokens, forms, lex, to, triggers, participants } = c;
  const added: Participant[] = [];
  for (const p of participants) {
    if (!p.q || !p.own || p.own.entry.role !== 'person') continue;
    let k = p.to;
    const attached = k < to && !!lex.attachedCoordinator(tokens[k], forms[k]);
    if (!attached) { if (k >= to || !c.is(lex.coordinators, k)) continue; k = c.at(lex.coordinators, k)!.to; }
    const u = triggers.find((t) => t.from === k && t.entry.role === 'person' && t.entry.kind !== p.own!.entry.kind);
    if (!u || participants.some((x) => x.own === u || x.set === u || (x.from < u.to && u.from < x.to))) continue;
    if (participants.some((x) => x.q && x.from >= u.to && x.from - u.to <= 2)) continue;
    added.push(participant(u.from, u.to, undefined, undefined, { low: 2, high: null, approximate: true, explicit: false, bare: 'none' }, u));
  }
  if (!added.length) return;
  participants.push(...added);
  participants.sort((a, b) => a.from - b.from);
}

/** Pass: a bare number takes the group of the people counted just before it, and "others" that of the people before them. */
export function groupsFromBefore(c: FigureContext): void {
  const { lex, to, triggers, participants } = c;
  // A part of people counted before ("11 people, among them two policemen") is not whom the next count continues.
  const subset = (x: Participant) => c.endsAt(lex.subsetMarkers, c.skipBack(x.from), 3) !== undefined;
  // People counted (a number, or one soldier), not a bare plural such as the gunmen who shot.
  const counted = (x: Participant) => !!x.q || x.bare === 'countable';
  // "قُتل جندي وأصيب اثنان": a bare number takes the group of the people counted just before it.
  participants.forEach((p, i) => {
    if (p.g || p.own || p.set || !p.q || p.q.vague) return;
    const verbBefore = triggers.some((t) => t.to <= p.from && p.from - t.to <= 1);
    const partitive = p.to < to && c.is(lex.partitiveMarkers, p.to);
    const prev = participants.slice(0, i).reverse().find((x) => x.g && !x.g.others && !subset(x));
    // ("The bomber blew himself up, killing three": attackers who open the sentence did it; the three are others.)
    const attackers = prev?.g?.group === 'perpetrators' && !triggers.some((t) => t.to <= prev.from);
    if (verbBefore && !partitive && !attackers && prev?.g && prev.g.group !== 'people' && counted(prev) && p.from - prev.to <= 8) p.g = groupPhrase(p.from, p.from, prev.g.group, 'plural', false, false);
  });
  // "others" take the group of the people counted just before them.
  participants.forEach((p, i) => {
    if (!p.g?.others) return;
    // "killed 18 militants and arrested nine others": bare "others" are more of the same people;
    // "37 other people" names its people and is not touched here. The people counted come first:
    // in "عشرة محتجين أصيبوا واعتقلت الشرطة عشرين آخرين" the police only arrested them.
    const before = participants.slice(0, i).reverse().filter((x) => x.g && !x.g.others && !subset(x));
    const prev = before.find(counted) ?? before[0];
    p.g = groupPhrase(p.g.from, p.g.to, prev?.g?.group ?? 'people', p.g.number, p.g.headOnly, p.g.others, p.g.coreTo);
  });
}

