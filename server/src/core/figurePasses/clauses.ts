// Questions the chain passes ask about clauses: agents, passives, asides, other fates.
import { HARD_BREAK, SOFT_BREAK, type FigureContext, type Participant, type TriggerHit } from './context';

/** People named right after "by" (توسط, على يد): the agent, not the people counted. */
export function isAgent(c: FigureContext, p: Participant): boolean {
  return c.endsAt(c.lex.agentMarkers, c.skipBack(p.from), 3) !== undefined;
}
/** People followed by an object marker (Persian را). */
export function objectMarked(c: FigureContext, p: Participant): boolean {
  return p.to < c.to && c.is(c.lex.objectMarkers, c.skipFwd(p.to, 2, false));
}
/** A passive marker before the trigger; "was shot and wounded": the passive marker before the first of two joined participles is the second's too. */
export function passiveBefore(c: FigureContext, t: TriggerHit): boolean {
  const { lex, from } = c;
  return c.endsAt(lex.passiveBefore, c.skipBack(t.from), 3) !== undefined
    || (t.from - 2 > from && c.is(lex.coordinators, t.from - 1) && c.endsAt(lex.passiveBefore, c.skipBack(t.from - 2), 3) !== undefined);
}
/** A passive marker right after the trigger (Persian شد). */
export function passiveAfter(c: FigureContext, t: TriggerHit): boolean {
  return t.to < c.to && c.is(c.lex.passiveAfter, t.to);
}
/** Whether a clause ends between tokens a and b: a hard break, a boundary word, or commas. */
export function clauseBetween(c: FigureContext, a: number, b: number, side: 'before' | 'after', relative = false): boolean {
  const { lex, sov, from, to } = c;
  let soft = 0;
  for (let k = a; k <= b && k < to; k++) {
    if (k > from && HARD_BREAK.test(c.gapAt(k))) return true;
    if (k > from && SOFT_BREAK.test(c.gapAt(k))) soft++;
    // ("were reported killed", "were said to have died": a word of saying after a passive marker is no clause of its own.)
    if (k < b && c.is(lex.boundaries, k) && !(relative && c.is(lex.relativizers, k)) && !(k > from && c.is(lex.passiveBefore, k - 1))) return true;
  }
  if (relative) return soft > 2;
  return side === 'after' && !sov ? soft > 0 : soft > 1;
}

/** "was wounded and taken into custody", "زخمی و دستگیر شد": another verb joined to t by "and" tells more of the same people. */
export function joinedVerb(c: FigureContext, t: TriggerHit): TriggerHit | undefined {
  const { lex, triggers, participants } = c;
  return triggers.find((u) => {
    if (u.from <= t.to || u.from - t.to > 3 || u.entry.kind === t.entry.kind || participants.some((p) => p.from >= t.to && p.to <= u.from)) return false;
    let k = t.to;
    let joined = false;
    // ("killed and another injured": "another" is someone else.)
    // ("lost their lives or were hurt": "or" joins two fates as well.)
    while (k < u.from && !c.is(lex.oneMore, k) && (c.is(lex.coordinators, k) || c.is(lex.rangeJoiners, k) || c.is(lex.passiveBefore, k) || c.is(lex.skippable, k))) { joined ||= c.is(lex.coordinators, k) || c.is(lex.rangeJoiners, k); k++; }
    return joined && k === u.from;
  });
}
/**
 * A short aside between commas right after the people counted and right before the verb ("The
 * two men, aged 25 and 30, were arrested", "Three soldiers, all conscripts, were killed"): the
 * verb is still theirs.
 */
export function apposition(c: FigureContext, a: number, b: number): boolean {
  const { lex, sov, to, triggers, participants } = c;
  if (sov || a >= to || b - a > 8 || !SOFT_BREAK.test(c.gapAt(a)) || !c.unbroken(a + 1, b)) return false;
  let close = -1;
  for (let k = a + 1; k <= b && k < to; k++) {
    if (SOFT_BREAK.test(c.gapAt(k))) { if (close >= 0) return false; close = k; }
  }
  if (close < 0) return false;
  let k = close;
  while (k < b && (c.is(lex.passiveBefore, k) || c.is(lex.skippable, k))) k++;
  // Ages and bare plurals ("all conscripts") may sit in the aside; other people counted there may not.
  // A part of them ("including four children") may be named there too.
  return k === b && !triggers.some((t) => t.from >= a && t.to <= close) && !participants.some((p) => p.from >= a && p.to <= close && p.q && p.g && c.endsAt(lex.subsetMarkers, c.skipBack(p.from), 3) === undefined);
}

/** "released 40 of them", "12 were rescued", "۴۰ نفر آزاد شدند": people next to a word of another fate are not counted. */
export function otherFate(c: FigureContext, first: Participant, last: Participant): boolean {
  const { tokens, forms, lex, sov, to, triggers } = c;
  if (c.endsAt(lex.otherFates, c.skipBack(first.from), 4) !== undefined) return true;
  const start = last.to < to ? c.at(lex.partitiveMarkers, last.to)?.to ?? last.to : last.to;
  let k = start;
  // After the people: right after them (passive markers aside); in SOV, a few words on, before any verb.
  while (k < to && k - start < 4 && !c.is(lex.otherFates, k) && (c.is(lex.passiveBefore, k) || c.is(lex.skippable, k) || (sov && !triggers.some((t) => t.from === k)))) k++;
  // ("85 شخصا وأفرجت عن 30": a verb after "and" begins another clause.)
  return k < to && c.is(lex.otherFates, k) && !lex.attachedCoordinator(tokens[k], forms[k]) && !c.breakBetween(start, k) && !fateThenTrigger(c, k);
}
/** "were identified and arrested": a fate joined by "and" to a verb of a figure's kind is the first step of that one. */
function fateThenTrigger(c: FigureContext, k: number): boolean {
  const { lex, to, triggers } = c;
  const m = c.at(lex.otherFates, k)!;
  const co = m.to < to ? c.at(lex.coordinators, m.to) : undefined;
  return !!co && triggers.some((t) => t.from === co.to);
}
/** A trigger right after a participant ("1 civilian was killed"): the participant starts or ends its own clause. */
export function triggerRightAfter(c: FigureContext, p: Participant): boolean {
  const { lex, sov, to, triggers } = c;
  if (sov) return false;
  let k = p.to;
  while (k < to && k - p.to < 3 && (c.is(lex.passiveBefore, k) || c.is(lex.skippable, k))) k++;
  return triggers.some((t) => t.from === k);
}


