// Names in no knowledge base, introduced by a cue.
import type { EntityScan } from './context';

/** Pass: names in no knowledge base after a cue of their type ("مدينة …", "President …", "وزارة …"), or a head with its adjectives or country. */
export function cuedNames(scan: EntityScan): void {
  const { tokens, forms, lex, from, to, taken } = scan;
  for (let i = from; i < to; i++) {
    if (!lex.keyword(forms[i])) continue;
    const cue = lex.entityCues.longest(forms, i, to);
    if (!cue || taken.has(i)) continue;
    const { type, include, max } = cue.value;
    let k = cue.to;
    // A body's or a place's head keeps its adjectives ("السفارة الإيطالية", "مجلس الشورى", "ساحة
    // الجمهورية"); a head that names no one by itself (max 0: الخارجية) only a nationality's.
    // ("وزير الخارجية المصري" is a minister, no body: a role's office after it names no one.)
    if (max === 0 && type !== 'person' && scan.cueBefore(i) === 'person') continue;
    if (include && type !== 'person' && k < to && scan.joinable(k) && !taken.has(k) && lex.entitySkip.has(tokens[k].text) && (max > 0 || scan.isDemonym(k))) {
      while (k < to && k - cue.to < Math.max(max, 1) && !taken.has(k) && scan.joinable(k) && lex.entitySkip.has(tokens[k].text)) k++;
      // Named by the whole: السفارة المصرية and الخارجية المصرية are two bodies.
      scan.pushUnknown(i, i, k, type);
      i = k - 1;
      continue;
    }
    while (k < to && lex.entitySkip.has(tokens[k].text) && k - cue.to < 2) k++;
    // "An armed group" (جماعة مسلحة, گروه تروریستی) describes a body and names none.
    if (type === 'organization' && k < to && !taken.has(k) && lex.genericAfterHead.longest(forms, k, to)) continue;
    const start = k;
    // A head that names a body or a place with its country ("سفارت آلمان", "ملعب فرنسا"): the
    // country's name is part of the body's.
    const country = include && type !== 'person' && k < to && scan.joinable(k) ? scan.countryAt(k) : -1;
    // A body named after its town ("جماعة الأهواز", "پلیس کابل"): the town stays a place of its own inside the body's name.
    const town = country < 0 && include && type === 'organization' && k < to && scan.joinable(k) ? scan.out.find((e) => e.from === k && e.type === 'place') : undefined;
    if (town) {
      scan.pushUnknown(i, i, town.to, type);
      i = town.to - 1;
      continue;
    }
    if (country >= 0) {
      const c = scan.dropAt(country);
      k = c.to;
      // and its adjectives ("ملعب تركيا الدولي").
      while (k < to && k - c.to < 2 && !taken.has(k) && scan.joinable(k) && lex.entitySkip.has(tokens[k].text)) k++;
      scan.pushUnknown(i, i, k, type);
      i = k - 1;
      continue;
    }
    while (k < to && k - start < max && !taken.has(k) && !tokens[k].digits && (scan.capitalized(k) || (k > start && scan.particle(k, to))) && tokens[k].text.length > 1
      && !(k > start && /[,،.;:؛()«»"“”]/.test(tokens[k].gap)) && !lex.entityStop.has(tokens[k].text)
      && !forms[k].some((f) => lex.entityStop.has(f)) && !scan.lexiconWord(k)
      // Without capitals, a person's name has no noun with the article (المدير العام) and no name a verb (مسجد موضع گرفتند).
      && (scan.latin || (type === 'person' ? scan.arabicNameWord(k) : !scan.verbShaped(k)))) k++;
    if (k === start || lex.entitySkip.has(tokens[start].text)) continue;
    // A venue's name is its head's too: "ساحة الشهداء" is a square, not the town الشهداء.
    if (!scan.pushUnknown(include ? i : start, cue.value.venue ? i : start, k, type)) continue;
    i = k - 1;
  }
}
