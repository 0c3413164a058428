import type { TokenEntity } from './entities';
import type { EventActor, EventFrame, FrameActor, LinkedEvent } from './eventModel';
import type { KnowledgeBase } from './knowledge';
import type { CompiledLexicon } from './lexicon';
import type { Token } from './tokenize';
import type { ActorMention, ActorRole, IndexedAnalysis } from './types';

export type { EventActor, FrameActor } from './eventModel';

/** An actor found over tokens `[from, to)`, before offsets are mapped back. */
export interface TokenActor {
  from: number;
  to: number;
  role: ActorRole;
  /** Entity id (an organization, a landmark), or null for a target known only by its category. */
  entity: string | null;
  /** The entity's name, or the target's category ("police station"). */
  name: string;
}



/** Organizations that are no party to an attack as such: the state's bodies that report it, the press, international bodies. */
const NOT_ACTORS = new Set(['ministry', 'government', 'security-service', 'news-agency', 'international', 'court', 'company', 'alliance']);
/** Event types whose words stand for an attack (a target or an attacker is near them). */
const ATTACKS = new Set(['attack', 'bombing', 'armed_clash']);

/**
 * Finds, in tokens `[from, to)` (one sentence) and its entities, who attacked (a group named with
 * words that make it the attacker, after an agent marker, or an armed group doing an attack), who
 * claimed it (the group nearest a claim of responsibility) and what was attacked (a target word near
 * an attack, as the entity named with it when there is one). Everything language-specific is in `lex`.
 */
export function findActors(tokens: readonly Token[], forms: readonly string[][], lex: CompiledLexicon, kb: KnowledgeBase | undefined, found: readonly TokenEntity[], from: number, to: number): TokenActor[] {
  const anchors: { from: number; to: number; words: number }[] = [];
  const claims: { from: number; to: number }[] = [];
  const claimWords: number[] = [];
  const targets: { from: number; to: number; category: string }[] = [];
  for (let k = from; k < to; k++) {
    if (!lex.keyword(forms[k])) continue;
    const v = lex.attackVerbs.longest(forms, k, to);
    const c = v ? undefined : lex.eventTypes.longest(forms, k, to);
    if (v) anchors.push({ from: k, to: v.to, words: v.to - k });
    else if (c && ATTACKS.has(c.value)) anchors.push({ from: k, to: c.to, words: 0 });
    const claim = lex.claims.longest(forms, k, to);
    if (claim) claimWords.push(k);
    // "No group has claimed…", لم تتبن أي جهة, مسئولیت … را هیچ گروهی بر عهده نگرفت: nobody claimed it.
    if (claim && !negated(forms, lex, Math.max(from, k - 4), k) && !negated(forms, lex, claim.to, Math.min(to, claim.to + 6))) claims.push({ from: k, to: claim.to });
    const t = lex.targets.longest(forms, k, to);
    if (t) { targets.push({ from: k, to: t.to, category: t.value }); k = t.to - 1; }
  }
  if (!anchors.length && !claims.length) return [];
  const kindOf = (e: TokenEntity) => kb?.entities.get(e.id)?.kind;
  const groups = found.filter((e) => e.type === 'organization' && !NOT_ACTORS.has(kindOf(e) ?? ''));
  const out: TokenActor[] = [];
  const add = (a: TokenActor) => { if (!out.some((o) => o.role === a.role && (o.entity ?? o.name) === (a.entity ?? a.name))) out.push(a); };
  // Words between a marker and the name that belong to neither ("عناصر تنظيم داعش": تنظيم).
  const bridge = (a: number, b: number) => b - a <= 1 && [...Array(b - a).keys()].every((x) => { const m = lex.entityCues.longest(forms, a + x, b); return m?.value.type === 'organization' || !!lex.skippable.longest(forms, a + x, b); });
  const endsAt = (trie: CompiledLexicon['agentMarkers'], at: number) => {
    for (let b = Math.max(from, at - 4); b < at; b++) { const m = trie.longest(forms, b, at); if (m && bridge(m.to, at)) return true; }
    return false;
  };
  const startsAt = (trie: CompiledLexicon['agentMarkers'], at: number) => {
    for (let b = at; b < Math.min(to, at + 2); b++) { const m = trie.longest(forms, b, to); if (m && bridge(at, b)) return true; }
    return false;
  };
  // The group nearest each claim claims it; that it did the attack is the claim's to say, not ours.
  const claimants = new Set<TokenEntity>();
  for (const c of claims) {
    let best: TokenEntity | undefined;
    let dist = 10;
    for (const g of groups) {
      const d = g.to <= c.from ? c.from - g.to : g.from >= c.to ? g.from - c.to : 0;
      if (d < dist) { dist = d; best = g; }
    }
    if (best) claimants.add(best);
  }
  for (const g of groups) {
    const marked = endsAt(lex.perpetratorBefore, g.from) || startsAt(lex.perpetratorAfter, g.to) || (anchors.length > 0 && endsAt(lex.agentMarkers, g.from));
    // An armed group just before an attack word does it ("Jaish al-Adl attacked"), and, where verbs
    // come first, just after a one-word verb (هاجم داعش); not one that claims or denies it ("X claimed the attack").
    const doer = kindOf(g) === 'armed-group' && !claimants.has(g) && anchors.some((a) => (a.from >= g.to && a.from - g.to <= 4 && !groups.some((o) => o !== g && o.from >= g.to && o.to <= a.from) && !claimWords.some((w) => w >= g.to && w < a.from))
      || (lex.source.syntax.verbFirst && a.words === 1 && g.from >= a.to && g.from - a.to <= 1));
    if (marked || doer) add({ from: g.from, to: g.to, role: 'perpetrator', entity: g.id, name: g.name });
  }
  for (const g of claimants) add({ from: g.from, to: g.to, role: 'claimant', entity: g.id, name: g.name });
  const near = (x: { from: number; to: number }, reach: number, verbs = false) => anchors.some((a) => (!verbs || a.words > 0) && (a.to <= x.from ? x.from - a.to : x.to <= a.from ? a.from - x.to : 0) <= reach);
  const targetEntity = (e: TokenEntity) => (e.type === 'place' && kindOf(e) === 'landmark') || e.type === 'organization';
  for (const t of targets) {
    // "Aboard a bus": what the attackers came in, not what they attacked.
    if (!near(t, 6) || endsAt(lex.notTargetBefore, t.from)) continue;
    // The entity it is ("the headquarters of the National Security Committee", a shrine that is one).
    const named = found.find((e) => targetEntity(e) && ((e.from >= t.to && e.from - t.to <= 2) || (e.from <= t.from && e.to >= t.to)));
    if (named && groups.some((g) => g.id === named.id) && out.some((o) => o.entity === named.id)) continue;
    add(named ? { from: t.from, to: Math.max(t.to, named.to), role: 'target', entity: named.id, name: named.name } : { from: t.from, to: t.to, role: 'target', entity: null, name: t.category });
  }
  // A landmark attacked by name ("stormed the Makki mosque" without the word, حرم امام رضا); a square
  // where clashes happened is where, not what was attacked: only a verb of attacking makes a target.
  for (const e of found) {
    if (e.type !== 'place' || kindOf(e) !== 'landmark' || out.some((o) => o.entity === e.id) || !near(e, 3, true)) continue;
    add({ from: e.from, to: e.to, role: 'target', entity: e.id, name: e.name });
  }
  return out;
}

/** Whether a negation or "nobody" stands in tokens `[from, at)`. */
function negated(forms: readonly string[][], lex: CompiledLexicon, from: number, at: number): boolean {
  for (let b = from; b < at; b++) if (lex.negationBefore.longest(forms, b, at) || lex.negationAfter.longest(forms, b, at) || lex.nobody.longest(forms, b, at)) return true;
  return false;
}

/** The actors of a frame's sentences, each once. */
export function frameActors(actorsBy: ReadonlyMap<number, readonly ActorMention[]>, sentences: readonly number[]): FrameActor[] {
  const out: FrameActor[] = [];
  for (const s of sentences) for (const m of actorsBy.get(s) ?? []) {
    if (out.some((o) => o.role === m.role && (o.entity ?? o.name) === (m.entity ?? m.name))) continue;
    out.push({ role: m.role, entity: m.entity, name: m.name });
  }
  return out;
}

const ROLE_ORDER: ActorRole[] = ['perpetrator', 'claimant', 'target'];

/** The actors of a linked event: the union of its frames' actors, with the documents that name each. */
export function actorsOf(event: Pick<LinkedEvent, 'frames'> | { frames: readonly Pick<EventFrame, 'document' | 'actors'>[] }): EventActor[] {
  const byKey = new Map<string, EventActor>();
  for (const f of event.frames) {
    for (const x of f.actors ?? []) {
      const key = `${x.role}|${x.entity ?? `name:${x.name}`}`;
      let a = byKey.get(key);
      if (!a) byKey.set(key, (a = { role: x.role, entity: x.entity, name: x.name, documents: [] }));
      if (!a.documents.includes(f.document)) a.documents.push(f.document);
    }
  }
  return [...byKey.values()].sort((p, q) => ROLE_ORDER.indexOf(p.role) - ROLE_ORDER.indexOf(q.role) || q.documents.length - p.documents.length);
}
