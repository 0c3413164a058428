import { crossScriptKey, romanize, type EntityType, type KnowledgeBase } from './knowledge';
import { fold } from './normalize';
import type { CompiledLexicon } from './lexicon';
import { EntityScan, entityPasses, type PendingEntity, type TokenEntity } from './entityPasses';
import type { Token } from './tokenize';

export type { PendingEntity, TokenEntity } from './entityPasses';
export { entityPasses } from './entityPasses';

/**
 * Picks the body a generic name means: the one of the country the article names most (all its
 * places, before and after the name), or none.
 */
export function resolvePending(ids: readonly string[], kb: KnowledgeBase, countries: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let most = 0;
  for (const id of ids) {
    const n = countries.get(kb.entities.get(id)?.country ?? '') ?? 0;
    if (n > most) { most = n; best = id; }
  }
  return best;
}

/**
 * A generic name the article's countries do not resolve ("ساحة الجمهورية" in an article about a
 * country with none in the knowledge base) is still a name: one in no knowledge base, when every
 * entity it could mean is of one type.
 */
export function unresolvedName(ids: readonly string[], kb: KnowledgeBase, text: string): { id: string; type: EntityType; name: string } | undefined {
  const type = kb.entities.get(ids[0])?.type;
  if (!type || ids.some((id) => kb.entities.get(id)?.type !== type)) return undefined;
  const folded = fold(text).text;
  const key = crossScriptKey(folded);
  return key.length < 2 ? undefined : { id: `unk:${type}:${key}`, type, name: romanize(folded) };
}

/**
 * Finds people, places and organizations in one sentence, tokens `[from, to)`: names of the
 * knowledge base (longest match over folded, clitic-stripped tokens), and names in no knowledge
 * base introduced by a cue ("مدينة …", "President …", "وزارة …"). Context decides between entities
 * sharing a name. Runs {@link entityPasses} in order over one {@link EntityScan}; adds the countries
 * it finds to `countries`, and generic names of bodies that the article's country will decide to
 * `pending`.
 */
export function findEntities(tokens: readonly Token[], forms: readonly string[][], lex: CompiledLexicon, kb: KnowledgeBase | undefined, original: string, originalStart: (t: Token) => number, from: number, to: number, countries: Map<string, number> = new Map(), pending?: PendingEntity[]): TokenEntity[] {
  const scan = new EntityScan(tokens, forms, lex, kb, original, originalStart, from, to, countries, pending);
  for (const pass of entityPasses) pass(scan);
  return scan.out.sort((a, b) => a.from - b.from);
}
