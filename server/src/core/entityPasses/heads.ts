// Latin script: names before a head that is part of them.
import type { EntityScan } from './context';

/**
 * Pass (Latin script): capitalised words before a head that is part of the name ("Linwood Avenue",
 * "Germany Embassy", "Noor mosque"), a country's name among them.
 */
export function namesBeforeHeads(scan: EntityScan): void {
  if (!scan.latin) return;
  const { forms, lex, kb, from, to, out, taken } = scan;
  for (let i = from + 1; i < to; i++) {
    if (taken.has(i) || !lex.keyword(forms[i])) continue;
    const cue = lex.entityCues.longest(forms, i, to);
    if (!cue || !cue.value.include || cue.value.type === 'person' || !scan.joinable(i)) continue;
    let start = i;
    let country = -1;
    while (start > from && i - start < 3 && (start === i || scan.joinable(start))) {
      const c = out.findIndex((e) => e.to === start && e.type === 'place' && kb?.entities.get(e.id)?.kind === 'country');
      if (c >= 0 && country < 0 && start === i) { country = c; start = out[c].from; continue; }
      if (!scan.nameLike(start - 1)) break;
      start--;
    }
    if (start === i) continue;
    // First in its sentence, a capital says nothing: the word must be a name there too.
    if (start === from && country < 0 && i - start < 2) continue;
    if (country >= 0) scan.dropAt(country);
    scan.pushUnknown(start, start, cue.to, cue.value.type);
    i = cue.to - 1;
  }
}
