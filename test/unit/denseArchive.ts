import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateArticles, organizationsFromKnowledge, placesFromKnowledge } from '../../bench/generate';
import { createAnalyzer, type DocumentAnalysis, type KnowledgeBase } from '../../server/src/core';
import { loadKnowledge } from '../../server/src/node/knowledge';
import { loadLexicons } from '../../server/src/node/lexicons';
import { root } from './helpers';

/**
 * A dense archive for the linkers' property tests: 140 generated articles over two months, so that
 * many reports share places, months and figures and the link graph has large connected parts; a
 * third lose their front matter (no publication date), which exercises linking on exact figures alone.
 */
export function denseArchive(): { knowledge: KnowledgeBase; analyses: DocumentAnalysis[] } {
  const dir = join(root, 'knowledge');
  const { knowledge } = loadKnowledge(dir);
  const raw = readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { entities: unknown[] }).entities);
  const articles = generateArticles({ seed: 7, count: 140, places: placesFromKnowledge(raw), organizations: organizationsFromKnowledge(raw), days: 60 });
  const analyzer = createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')), knowledge });
  const analyses = articles.map((a, i) => analyzer.analyze({ text: i % 3 === 2 ? a.text.replace(/^---\n[\s\S]*?\n---\n/, '') : a.text }));
  return { knowledge, analyses };
}
