import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createKnowledgeBase, type KnowledgeBase, type KnowledgeProblem, type KnowledgeSource } from '../core';

/** Parses one knowledge-base file (JSON, or YAML by extension); a malformed file is a problem, not an exception. */
export function parseKnowledgeFile(origin: string, text: string): { source?: KnowledgeSource; problems: KnowledgeProblem[] } {
  try {
    const data = /\.ya?ml$/i.test(origin) ? parseYaml(text, { logLevel: 'error' }) : JSON.parse(text);
    if (!data || typeof data !== 'object' || !Array.isArray((data as { entities?: unknown }).entities)) {
      return { problems: [{ origin, message: 'a knowledge file must be an object with an "entities" list' }] };
    }
    return { source: { origin, entities: (data as { entities: unknown[] }).entities }, problems: [] };
  } catch (e) {
    return { problems: [{ origin, message: `cannot parse: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

/** Reads the bundled knowledge base (`knowledge/*.json`) and, when given, a workspace file over it. */
export function loadKnowledge(dir: string, extra: { origin: string; text: string }[] = []): { knowledge: KnowledgeBase; problems: KnowledgeProblem[] } {
  const problems: KnowledgeProblem[] = [];
  const sources: KnowledgeSource[] = [];
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(json|ya?ml)$/i.test(f)).sort() : [];
  for (const f of [...files.map((f) => ({ origin: join(dir, f), text: readFileSync(join(dir, f), 'utf8') })), ...extra]) {
    const r = parseKnowledgeFile(f.origin, f.text);
    problems.push(...r.problems);
    if (r.source) sources.push(r.source);
  }
  const kb = createKnowledgeBase(sources);
  return { knowledge: kb.knowledge, problems: [...problems, ...kb.problems] };
}
