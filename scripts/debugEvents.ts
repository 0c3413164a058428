// Prints the event frames of each document and the linked events: `node dist/debugEvents.js DIR`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer } from '../server/src/core';
import { frameDocument } from '../server/src/core/events';
import { linkEvents } from '../server/src/core/linker';
import { frameScore } from '../server/src/core/linkScore';
import { loadKnowledge } from '../server/src/node/knowledge';
import { loadLexicons } from '../server/src/node/lexicons';

const dir = process.argv[2];
const { knowledge } = loadKnowledge(join(__dirname, '..', 'knowledge'));
const analyzer = createAnalyzer({ lexicons: loadLexicons(join(__dirname, '..', 'lexicons')), knowledge });
const files = readdirSync(dir).filter((f) => /\.(txt|md|article)$/.test(f)).sort();
const analyses = files.map((f) => analyzer.analyze({ text: readFileSync(join(dir, f), 'utf8') }));
const frames = analyses.flatMap((a, i) => frameDocument(a, i, knowledge));
analyses.forEach((a, i) => {
  console.log(`\n${files[i]} (${a.language}, published ${a.published})`);
  for (const d of a.dates) console.log(`  date s${d.sentence} «${d.text}» ${d.value.start}..${d.value.end} ${d.value.precision}`);
  for (const f of frames.filter((x) => x.document === i)) {
    console.log(`  frame ${f.type} ${f.place}${f.wide ? ' (wide)' : ''} ${f.date ? `${f.date.start}..${f.date.end}` : '-'} sentences ${f.sentences.join(',')} figures: ${f.figures.map((x) => `${x.kind}/${x.group}/${x.low}`).join(' ')}${f.actors.length ? ` actors: ${f.actors.map((x) => `${x.role}=${x.name}`).join(', ')}` : ''}`);
  }
});
console.log('\nlinked:');
for (const e of linkEvents(frames, (d) => analyses[d].published, knowledge)) {
  console.log(`  ${e.type} ${e.place} ${e.date?.start ?? '-'}: ${e.frames.map((f) => `${files[f.document].slice(0, 3)}[${f.sentences[0]}]`).join(' ')}`);
}
if (process.env.PAIRS) {
  // Every pair of frames of different documents that could link, with its score (PAIRS=1), or only those of the documents named (PAIRS=101,143).
  const only = process.env.PAIRS === '1' ? null : process.env.PAIRS.split(',');
  const label = (f: (typeof frames)[number]) => `${files[f.document].slice(0, 3)}[${f.sentences[0]}]`;
  const named = (f: (typeof frames)[number]) => !only || only.includes(files[f.document].slice(0, 3));
  console.log('\npairs:');
  for (const a of frames) for (const b of frames) {
    if (a.document >= b.document || !named(a) || !named(b)) continue;
    const s = frameScore(a, b, (d) => analyses[d].published, knowledge);
    if (s > -Infinity) console.log(`  ${label(a)} ${label(b)} ${s}`);
  }
}
