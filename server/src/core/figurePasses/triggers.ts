// Triggers: the words that say what happened to people.
import type { FigureContext, TriggerHit } from './context';

/** Pass: the triggers of the sentence; a weak one yields when a strong one is within two words. */
export function findTriggers(c: FigureContext): void {
  const { lex, from, to, quantityAt } = c;
  const found: TriggerHit[] = [];
  for (let i = from; i < to; ) {
    const m = c.at(lex.triggers, i);
    if (m && !quantityAt.has(i)) { found.push({ from: m.from, to: m.to, entry: m.value }); i = m.to; } else i++;
  }
  c.triggers = found.filter((t) => !t.entry.weak || !found.some((u) => !u.entry.weak && Math.abs(u.from - t.from) <= 2));
}
/** Pass: "No one was injured", "لم يصب أحد", "کسی کشته نشد": a denied trigger counts nobody. */
export function deniedTriggers(c: FigureContext): void {
  c.triggers = c.triggers.filter((t) => !denied(c, t));
}

function denied(c: FigureContext, t: TriggerHit): boolean {
  const { lex, from, to, quantityAt } = c;
  if (t.to < to && c.is(lex.negationAfter, t.to)) return true;
  for (let k = Math.max(from, t.from - 4); k < t.from; k++) {
    // "نه نفر کشته شدند": a negation word read as a number (nine) denies nothing.
    if (quantityAt.has(k)) continue;
    const m = c.at(lex.negationBefore, k) ?? c.at(lex.nobody, k);
    if (m && m.to <= t.from && t.from - m.to <= 2) return true;
  }
  return false;
}

