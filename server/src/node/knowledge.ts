import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createKnowledgeBase, type GazetteerSource, type KnowledgeBase, type KnowledgeProblem, type KnowledgeSource } from '../core';

/** Parses one knowledge-base file (JSON, or YAML by extension); a malformed file is a problem, not an exception. */
export function parseKnowledgeFile(origin: string, text: string): { source?: KnowledgeSource; problems: KnowledgeProblem[] } {
  try {
    const data = /\.ya?ml$/i.test(origin) ? parseYaml(text) : JSON.parse(text);
    if (!data || typeof data !== 'object' || !Array.isArray((data as { entities?: unknown }).entities)) {
      return { problems: [{ origin, message: 'a knowledge file must be an object with an "entities" list' }] };
    }
    const notNames = (data as { notNames?: unknown }).notNames;
    return { source: { origin, entities: (data as { entities: unknown[] }).entities, ...(Array.isArray(notNames) ? { notNames } : {}) }, problems: [] };
  } catch (e) {
    return { problems: [{ origin, message: `cannot parse: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

/**
 * Reads the bundled knowledge files of a folder: `*.json`/`*.yaml` entity lists, and `*.tsv`
 * gazetteers (generated places, kept as bytes until a place is asked for).
 */
export function readBundledKnowledge(dir: string): { sources: KnowledgeSource[]; gazetteers: GazetteerSource[]; problems: KnowledgeProblem[] } {
  const problems: KnowledgeProblem[] = [];
  const sources: KnowledgeSource[] = [];
  const gazetteers: GazetteerSource[] = [];
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(json|ya?ml|tsv)$/i.test(f)).sort() : [];
  for (const f of files) {
    const origin = join(dir, f);
    try {
      if (/\.tsv$/i.test(f)) { gazetteers.push({ origin, bytes: readFileSync(origin) }); continue; }
      const r = parseKnowledgeFile(origin, readFileSync(origin, 'utf8'));
      problems.push(...r.problems);
      if (r.source) sources.push(r.source);
    } catch (e) {
      problems.push({ origin, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { sources, gazetteers, problems };
}

/** Reads the bundled knowledge base (`knowledge/*`) and, when given, a workspace file over it. */
export function loadKnowledge(dir: string, extra: { origin: string; text: string }[] = []): { knowledge: KnowledgeBase; problems: KnowledgeProblem[] } {
  const { sources, gazetteers, problems } = readBundledKnowledge(dir);
  for (const f of extra) {
    const r = parseKnowledgeFile(f.origin, f.text);
    problems.push(...r.problems);
    if (r.source) sources.push(r.source);
  }
  const kb = createKnowledgeBase(sources, gazetteers);
  return { knowledge: kb.knowledge, problems: [...problems, ...kb.problems] };
}
