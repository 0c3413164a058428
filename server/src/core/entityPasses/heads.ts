// Latin script: names before a head that is part of them, or before a noun that says what they name.
import type { EntityScan } from './context';

/**
 * Pass (Latin script): capitalised words before a head that is part of the name ("Linwood Avenue",
 * "Germany Embassy", "Noor mosque", "Iranian Armed Forces"), a country's name among them, and the
 * name's rest after a linking word ("University of Medical Sciences"); or before a common noun
 * that only says what they name ("the Bataclan concert hall": Bataclan).
 */
export function namesBeforeHeads(scan: EntityScan): void {
  if (!scan.latin) return;
  const { forms, lex, kb, from, to, out, taken } = scan;
  for (let i = from + 1; i < to; i++) {
    if (taken.has(i) || !lex.keyword(forms[i])) continue;
    const cue = lex.entityCues.longest(forms, i, to);
    if (!cue || !(cue.value.include || cue.value.descriptor) || cue.value.type === 'person' || !scan.joinable(i)) continue;
    // "New Zealand Police" is a body, "New Zealand police" its country's police ("Noor mosque" a place all the same).
    if (cue.value.type === 'organization' && !scan.capitalized(i)) continue;
    let start = i;
    let country = -1;
    while (start > from && i - start < 3 && (start === i || scan.joinable(start))) {
      // A country's name right before the head is the name's ("Germany Embassy"), a city's a body's ("Kandahar
      // University"; "the Kabul Road checkpoint" may be in Kabul).
      const c = out.findIndex((e) => e.to === start && e.type === 'place' && (cue.value.type === 'organization' || kb?.entities.get(e.id)?.kind === 'country'));
      if (c >= 0 && country < 0 && start === i && !cue.value.descriptor) { country = c; start = out[c].from; continue; }
      if (!scan.nameLike(start - 1)) break;
      start--;
    }
    if (start === i) continue;
    // First in its sentence, a capital says nothing: the word must be a name there too.
    if (start === from && country < 0 && i - start < 2) continue;
    if (country >= 0) scan.dropAt(country);
    const end = cue.value.descriptor ? i : linkedRest(scan, cue.to);
    scan.pushUnknown(start, start, end, cue.value.type);
    i = Math.max(i, end - 1);
  }
}

/** Where a name ends that goes on after its head with a linking word and capitalised words ("of the Armed Forces"). */
function linkedRest(scan: EntityScan, k: number): number {
  const { forms, lex, to } = scan;
  let end = k;
  for (let n = 0; n < 3 && end < to && scan.joinable(end); n++) {
    const link = lex.entityLinks.longest(forms, end, to);
    if (!link) break;
    let w = link.to;
    while (w < to && w - link.to < 4 && scan.joinable(w) && (scan.nameLike(w) || scan.particle(w, to))) w++;
    if (w === link.to) break;
    end = w;
  }
  return end;
}
