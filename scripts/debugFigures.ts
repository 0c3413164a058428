// Prints each sentence with the figures found in it: `node dist/debugFigures.js FILE [--all]`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer } from '../server/src/core';
import { loadLexicons } from '../server/src/node/lexicons';

const [file, flag] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const a = createAnalyzer({ lexicons: loadLexicons(join(__dirname, '..', 'lexicons')) }).analyze({ text });
console.log(`language ${a.language}, ${a.sentences.length} sentences, ${a.figures.length} figures`);
a.sentences.forEach((s, i) => {
  const figs = a.figures.filter((f) => f.sentence === i);
  if (!figs.length && flag !== '--all') return;
  console.log(`\n[${i}] ${text.slice(s.start, s.end).trim()}`);
  for (const f of figs) console.log(`   -> ${f.kind} ${f.group} ${f.low}..${f.high ?? ''}${f.approximate ? '~' : ''} «${f.text}» trigger «${text.slice(f.trigger.start, f.trigger.end)}»`);
});
