// Group phrases: the nouns that name the people counted.
import { HARD_BREAK, SOFT_BREAK, SPECIFICITY, compatible, groupPhrase, type FigureContext, type GroupPhrase } from './context';

/** Pass: group phrases, group nouns joined by connectors; heads take the group of what follows. */
export function groupPhrases(c: FigureContext): void {
  const { nounForms, lex, L, from, to, quantityAt, phrases } = c;
  for (let i = from; i < to; ) {
    const m = c.at(lex.groups, i, nounForms);
    if (!m || quantityAt.has(i)) { i++; continue; }
    const others = (a: number, b: number) => { for (let k = a; k < b; k++) if (!c.is(lex.others, k)) return false; return true; };
    let phrase: GroupPhrase = groupPhrase(i, m.to, m.value.group, m.value.number, m.value.head, others(i, m.to));
    for (;;) {
      const k = c.skipFwd(phrase.to, 2);
      // (A comma before a skipped article parts the phrases too: "a teacher, a nurse".)
      if (k >= to || c.coordinated(k) || c.punctuated(phrase.to, k) || quantityAt.has(k)) break;
      const n = c.at(lex.groups, k, nounForms);
      if (!n || !compatible(phrase.group, n.value.group)) break;
      // "المسلح شخصين": a named group followed by plain "persons" is two phrases.
      if (phrase.group !== 'people' && !phrase.headOnly && n.value.group === 'people' && !n.value.head && k === phrase.to) break;
      const better = phrase.headOnly || phrase.others || (!n.value.head && SPECIFICITY[n.value.group] > SPECIFICITY[phrase.group]);
      phrase = groupPhrase(phrase.from, n.to, better ? n.value.group : phrase.group, L.syntax.headFinal ? n.value.number : phrase.number, phrase.headOnly && n.value.head, phrase.others && others(k, n.to), phrase.coreTo);
    }
    if (phrase.headOnly) {
      for (let k = phrase.to; k < Math.min(to, phrase.to + 5); k++) {
        if (HARD_BREAK.test(c.gapAt(k)) || SOFT_BREAK.test(c.gapAt(k))) break;
        const pc = c.at(lex.perpetratorContext, k);
        // "members of a sabotage group": the group's name belongs to the phrase.
        if (pc) { phrase = groupPhrase(phrase.from, phrase.headOnly ? Math.max(phrase.to, pc.to) : phrase.to, 'perpetrators', phrase.number, false, phrase.others, phrase.to); break; }
      }
    }
    phrases.push(phrase);
    c.phraseAt.set(phrase.from, phrase);
    i = phrase.to;
  }
}

