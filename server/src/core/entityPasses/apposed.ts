// People named beside their role, between commas.
import type { EntityScan } from './context';

/** The longest cue of a person at token k (a role word too: عضو, معاون, member). */
function personCueAt(scan: EntityScan, k: number) {
  const c = scan.lex.entityCues.longest(scan.forms, k, scan.to);
  return c && c.value.type === 'person' ? c : undefined;
}

/**
 * Pass: people named beside their role, between commas: "NAME, spokesman for …", "المتحدث باسم …،
 * NAME، …", "علی حسین زاده، معاون …" (a cue of a person, or a role word: an entityCues entry of
 * type person with max 0, which names no one after it by itself: عضو, معاون, member). Two or three
 * words of a name, no more; the words before them are no name's.
 */
export function apposedNames(scan: EntityScan): void {
  const { tokens, lex, from, to, latin } = scan;
  for (let k = from + 2; k < to; k++) {
    if (!/[,،]/.test(tokens[k].gap)) continue;
    // NAME, ROLE: the role word right after the comma, or after one function word ("the").
    let role = personCueAt(scan, k) ?? (k + 1 < to && lex.entityStop.has(tokens[k].text) && scan.joinable(k + 1) ? personCueAt(scan, k + 1) : undefined);
    if (role) {
      let start = k;
      while (start > from && k - start < 4 && scan.nameWord(start - 1) && (start === k || scan.joinable(start))) start--;
      if (k - start >= 2 && k - start <= 3 && (start === from || !scan.joinable(start) || (latin ? !scan.nameLike(start - 1) : scan.edge(start - 1)))) scan.pushUnknown(start, start, k, 'person');
      continue;
    }
    // ROLE …, NAME, : a role at most four words before the comma, in the same clause.
    role = undefined;
    for (let j = Math.max(from, k - 5); j < k && !role; j++) { const c = personCueAt(scan, j); if (c && c.to <= k && c.to >= k - 4) role = c; }
    if (!role) continue;
    let clause = true;
    for (let j = role.from + 1; j < k; j++) if (!scan.joinable(j)) clause = false;
    if (!clause) continue;
    let end = k;
    while (end < to && end - k < 4 && scan.nameWord(end) && (end === k || scan.joinable(end))) end++;
    if (end - k < 2 || end - k > 3 || (end < to && scan.joinable(end))) continue;
    scan.pushUnknown(k, k, end, 'person');
    k = end - 1;
  }
}
