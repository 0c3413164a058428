// Letter folding used by the knowledge scripts to find names that two entities share.
// A simple approximation of what the engine does: case, Arabic/Persian letter variants,
// diacritics, tatweel, ZWNJ, hyphens and dots.
export function fold(s) {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا').replace(/[ىیئ]/g, 'ي').replace(/ؤ/g, 'و').replace(/[كک]/g, 'ك')
    .replace(/ة/g, 'ه').replace(/ۀ/g, 'ه').replace(/گ/g, 'گ')
    .replace(/[\u200c\u200d\-‐–—_.'’ʼ`ʻ]/g, ' ').replace(/\s+/g, ' ').trim()
    .replace(/^(ال)(?=\S)/, '').replace(/ ال(?=\S)/g, ' ');
}
