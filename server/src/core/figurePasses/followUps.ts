// Passes over the figures of the chains: shared verbs, gapping, suicide attackers, parts of a count.
import { isAgent } from './clauses';
import { HARD_BREAK, SOFT_BREAK, type FigureContext } from './context';

/**
 * Pass: shared verb after: "پنج نفر در آلماتی و سه نفر در تراز کشته شدند", "five in Almaty and three
 * in Taraz were killed": counted people joined by "and" to people the verb after them counts.
 */
export function sharedVerbAfter(c: FigureContext): void {
  const { lex, from, to, triggers, chains, figures } = c;
  for (const chain of chains) {
    const p = chain[0];
    if (chain.length !== 1 || !p.q || p.q.vague || isAgent(c, p) || figures.some((f) => f.from < p.to && p.from < f.to)) continue;
    const next = figures.filter((f) => f.from >= p.to && f.trigger.from >= f.to).sort((x, y) => x.from - y.from)[0];
    if (!next || next.from - p.to > 6 || !c.unbroken(p.to, next.from) || triggers.some((t) => t.from >= p.to && t.to <= next.from)) continue;
    // "Three gunmen attacked …, two of whom were arrested": the verb is the part's only; and people
    // who did something in between ("attacked") are not those the verb after counts.
    if ((next.to < to && c.is(lex.partitiveMarkers, next.to)) || c.endsAt(lex.subsetMarkers, c.skipBack(next.from), 3) !== undefined) continue;
    let acted = false;
    for (let k = p.to; k < next.from && !acted; k++) acted = c.is(lex.eventTypes, k);
    if (acted) continue;
    if (!(next.from > from && c.is(lex.coordinators, next.from - 1)) && !c.coordinated(next.from)) continue;
    figures.push({ kind: next.kind, group: p.g?.group ?? 'people', low: p.low, high: p.high, approximate: p.approximate, explicit: p.explicit, from: p.from, to: p.to, trigger: next.trigger, quantity: { from: p.q.from, to: p.q.to }, groupWords: p.g && { from: p.g.from, to: p.g.to } });
  }
}

/**
 * Pass: gapping: "five were killed in Almaty and three in Taraz", "قتل خمسة في ألماتي وثلاثة في تراز": a
 * bare number after "and", with no verb of its own, counts more of what the figure before it counts.
 */
export function gapping(c: FigureContext): void {
  const { lex, from, to, triggers, chains, figures } = c;
  for (const chain of chains) {
    const p = chain[0];
    if (chain.length !== 1 || !p.q || p.g || p.own || p.set || p.q.vague || isAgent(c, p) || figures.some((f) => f.from < p.to && p.from < f.to)) continue;
    if (!(p.from > from && c.is(lex.coordinators, p.from - 1)) && !c.coordinated(p.from)) continue;
    if (p.to < to && (c.is(lex.partitiveMarkers, p.to) || triggers.some((t) => t.from >= p.to && t.from - p.to <= 2))) continue;
    const prev = figures.filter((f) => f.to <= p.from).sort((x, y) => y.to - x.to)[0];
    if (!prev || p.from - prev.to > 8 || triggers.some((t) => t.from >= prev.to && t.to <= p.from)) continue;
    if (!c.unbroken(prev.to, p.from)) continue;
    figures.push({ kind: prev.kind, group: prev.group, low: p.low, high: p.high, approximate: p.approximate, explicit: p.explicit, from: p.from, to: p.to, trigger: prev.trigger, quantity: { from: p.q.from, to: p.q.to } });
  }
}

/**
 * Pass: "Four policemen were killed in Kandahar and two in Helmand": a bare number after "and" that
 * shares its verb with people counted before it counts more of them.
 * (Bombers who blew themselves up are counted before "and police shot a fourth dead".)
 */
export function groupsAfterAnd(c: FigureContext): void {
  const { lex, from, figures } = c;
  for (const f of figures) {
    if (f.group !== 'people' || f.groupWords || !f.quantity || f.from <= from) continue;
    if (!c.is(lex.coordinators, f.from - 1) && !c.coordinated(f.from)) continue;
    const prev = figures.filter((g) => g !== f && g.to <= f.from && g.trigger.from === f.trigger.from && g.kind === f.kind).sort((x, y) => y.to - x.to)[0];
    if (prev && prev.group !== 'people' && prev.groupWords && f.from - prev.to <= 8 && c.unbroken(prev.to, f.from)) f.group = prev.group;
  }
}

/**
 * Pass: "Two soldiers were killed and a third wounded", "قتل جنديان وأصيب ثالث": an ordinal right next
 * to a verb counts one more of the people counted just before it, with that verb.
 */
export function oneMoreOfThem(c: FigureContext): void {
  const { tokens, forms, nounForms, lex, sov, from, to, keyword, quantityAt, phrases, triggers, figures } = c;
  const written = (k: number): string[] => {
    const t = tokens[k].text;
    const att = lex.attachedCoordinator(tokens[k], forms[k]);
    return att ? [t, t.slice(att.length)] : [t];
  };
  for (let i = from; i < to; i++) {
    if (!keyword[i - from] || quantityAt.has(i)) continue;
    const loose = c.at(lex.oneMore, i);
    // ("لقي شخص آخر مصرعه": after its noun, "another" qualifies the person the noun counts.)
    if (!loose || phrases.some((p) => p.to === i)) continue;
    const exact: string[][] = new Array(loose.to);
    for (let k = i; k < loose.to; k++) exact[k] = written(k);
    const m = lex.oneMore.longest(exact, i, loose.to);
    if (!m || c.at(lex.groups, m.to, nounForms) || (m.to < to && c.is(lex.connectors, m.to))) continue;
    let k = m.to;
    while (k < to && k - m.to < 3 && (c.is(lex.passiveBefore, k) || c.is(lex.skippable, k))) k++;
    // The verb right before it (verb first), or right after it (passive markers aside; in SOV, a few words on).
    // (A verb, not a noun: "آخر حصيلة" is "the latest toll".)
    const trigger = triggers.find((t) => t.entry.role !== 'noun' && ((t.to === i && !sov) || (t.from === k && !sov) || (sov && t.from >= m.to && t.from - m.to <= 3 && c.unbroken(m.to, t.from) && !figures.some((f) => f.from >= m.to && f.to <= t.from))));
    if (!trigger || figures.some((f) => f.from < m.to && i < f.to)) continue;
    const prev = figures.filter((f) => f.to <= i && (f.groupWords || f.group !== 'people')).sort((x, y) => y.to - x.to)[0];
    if (!prev || i - prev.to > 8 || !c.unbroken(prev.to, i)) continue;
    figures.push({ kind: trigger.entry.kind, group: prev.group, low: 1, high: 1, approximate: false, explicit: true, from: i, to: m.to, trigger: { from: trigger.from, to: trigger.to } });
  }
}

/**
 * Pass: "9 من الجرحى الثلاثين", "9 of the 30 injured": a number joined by "of" to victims that another
 * number counts is a part of them, not a count of its own.
 */
export function partsOfACount(c: FigureContext): void {
  const { lex, figures } = c;
  for (let n = figures.length - 1; n >= 0; n--) {
    const f = figures[n];
    if (!f.quantity || f.trigger.from < f.quantity.to) continue;
    let k = f.quantity.to;
    let via = false;
    while (k < f.trigger.from && (c.is(lex.connectors, k) || c.is(lex.skippable, k))) { via ||= c.is(lex.connectors, k); k++; }
    if (!via || k !== f.trigger.from) continue;
    if (figures.some((g) => g !== f && g.kind === f.kind && g.trigger.from === f.trigger.from && g.quantity && g.low > (f.high ?? f.low))) figures.splice(n, 1);
  }
}

/**
 * Pass: "250 wounded, 99 of them in critical condition", "99 منهم في حالة حرجة", "حال ۵ نفر وخیم است":
 * people counted by their condition are a part of a toll already counted, not a figure.
 */
export function severitySubsets(c: FigureContext): void {
  const { lex, to, quantityAt, triggers, figures } = c;
  for (let n = figures.length - 1; n >= 0; n--) {
    const f = figures[n];
    if (!f.quantity || f.trigger.to > f.from) continue;
    // A part of a total counted before it ("أصيب 3 أشخاص حالتهم حرجة" are all the wounded, and a figure).
    if (!figures.some((g) => g !== f && g.kind === f.kind && g.to <= f.from && g.low >= f.low)) continue;
    for (let k = f.to; k < Math.min(to, f.to + 7); k++) {
      if (HARD_BREAK.test(c.gapAt(k)) || SOFT_BREAK.test(c.gapAt(k)) || quantityAt.has(k) || c.is(lex.coordinators, k) || triggers.some((t) => t.from === k)) break;
      if (c.is(lex.severity, k)) { figures.splice(n, 1); break; }
    }
  }
}

/** Pass: suicide attackers, "blew himself up", "فجر نفسه", "خود را منفجر کرد": counted as perpetrators killed. */
export function selfKills(c: FigureContext): void {
  const { lex, L, from, to, participants, figures } = c;
  for (let i = from; i < to; i++) {
    const a = c.at(lex.selfKillFirst, i);
    if (!a) continue;
    const spec = L.selfKill[a.value];
    for (let k = a.to; k < Math.min(to, a.to + spec.maxGap + 1); k++) {
      const b = c.at(lex.selfKillSecond[a.value], k);
      if (!b) continue;
      const subject = figures.find((f) => f.to <= a.from && a.from - c.skipBack(a.from) + (a.from - f.to) <= 1 + (a.from - c.skipBack(a.from)));
      if (subject) { subject.kind = 'killed'; subject.group = 'perpetrators'; subject.trigger = { from: a.from, to: b.to }; break; }
      // "Two attackers blew themselves up", "فجر انتحاريان نفسيهما": the people just before, or between the words, count the dead.
      const who = participants.find((x) => ((x.to === a.from || x.to === c.skipBack(a.from)) || (x.from >= a.to && x.to <= b.from)) && (x.q || x.bare === 'countable') && !figures.some((f) => f.from < x.to && x.from < f.to));
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

