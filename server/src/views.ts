/**
 * What the server shows of the workspace index: the Events view's model and the hover over an
 * entity mention. Pure: no LSP or VS Code imports.
 */
import type { IndexedAnalysis, EntityMention, KnowledgeBase, WorkspaceEvent } from './core';
import type { EventsDocument, EventView, Range } from './protocol';
import { escapeMarkdown } from './hover';
import { curationSummary, isolate } from './wording';

/** The LSP range of offsets of a document, or null when they are not in it. */
export type RangeOf = (uri: string, start: number, end: number) => Range | null;

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The Events view's document for an indexed article (its id is its uri). */
export function eventsDocument(uri: string, path: string, analysis: IndexedAnalysis): EventsDocument {
  const fm = analysis.frontMatter;
  return {
    id: uri, uri, path, language: analysis.language, published: analysis.published,
    ...(fm?.source ? { source: fm.source } : {}), ...(fm?.title ? { title: fm.title } : {}),
  };
}

/** The Events view's event for an event of the workspace, every report placed in its document. */
/** Whether a document of an event gives no date of it: the event's date is inferred for it. */
export const dateInferred = (ev: WorkspaceEvent, uri: string) => !!ev.sourceDates?.some((x) => x.document === uri && x.basis === 'inferred');

export function eventView(ev: WorkspaceEvent, rangeOf: RangeOf): EventView {
  return {
    id: ev.key,
    type: ev.type,
    date: ev.date,
    place: ev.location,
    sources: ev.sources,
    conflict: ev.figures.some((f) => f.conflict),
    figures: ev.figures.map((f) => ({
      kind: f.kind,
      group: f.group,
      low: f.estimate.low,
      best: f.estimate.best,
      high: f.estimate.high,
      conflict: f.conflict,
      update: f.update,
      reports: f.reports.map((r) => ({ document: r.document, uri: r.document, range: rangeOf(r.document, r.start, r.end) ?? NOWHERE, low: r.low, high: r.high, approximate: r.approximate, text: r.text, ...(dateInferred(ev, r.document) ? { inferredDate: true as const } : {}), ...(r.curated ? { curated: true } : {}) })),
      ...(f.adjudication ? { adjudication: f.adjudication } : {}),
      ...(f.resolution ? { resolution: f.resolution } : {}),
    })),
    ...(ev.actors?.length ? { actors: ev.actors } : {}),
    ...(ev.curated ? { curated: true } : {}),
  };
}

/** Where an entity appears in the workspace: documents (by path) and mention counts, most first. */
export interface EntityAppearances {
  documents: { path: string; count: number }[];
  mentions: number;
}

/** Where an entity appears, from the documents that mention it (`WorkspaceIndex.mentions`): most mentions first. */
export function entityAppearances(mentions: readonly { path: string; count: number }[]): EntityAppearances {
  const documents = mentions.map(({ path, count }) => ({ path, count }));
  documents.sort((a, b) => b.count - a.count || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { documents, mentions: documents.reduce((n, d) => n + d.count, 0) };
}

const LANGUAGE_NAMES: Record<string, string> = { ar: 'Arabic', fa: 'Persian', en: 'English', ru: 'Russian', tr: 'Turkish', ur: 'Urdu', ps: 'Pashto', ku: 'Kurdish', he: 'Hebrew', fr: 'French' };

const coordinate = (value: number, positive: string, negative: string) => `${Math.abs(value).toFixed(2)}° ${value < 0 ? negative : positive}`;

/** Markdown for a hover over one entity mention. */
export function entityHoverMarkdown(
  mention: Pick<EntityMention, 'entity' | 'type' | 'name' | 'inKnowledgeBase' | 'text' | 'curation'>,
  knowledge: KnowledgeBase | undefined,
  appearances: EntityAppearances,
): string {
  const e = mention.inKnowledgeBase ? knowledge?.entities.get(mention.entity) : undefined;
  const name = e?.name ?? mention.name;
  const kind = e?.kind && e.kind !== mention.type ? ` (${escapeMarkdown(e.kind)})` : '';
  const lines = [`**Khabar: ${isolate(escapeMarkdown(name))}**`, '', `- **Type:** ${mention.type}${kind}`];
  if (!e) {
    lines.push(`- **Not in the knowledge base**: a name read as \u201C${isolate(escapeMarkdown(mention.text))}\u201D (add it to \`.khabar/knowledge.json\`)`);
  } else {
    const others = Object.entries(e.names)
      .map(([lang, list]): [string, string[]] => [lang, list.filter((n) => n !== e.name)])
      .filter(([, list]) => list.length)
      .sort(([a], [b]) => (a === 'en' ? 1 : b === 'en' ? -1 : a < b ? -1 : a > b ? 1 : 0))
      .map(([lang, list]) => `${LANGUAGE_NAMES[lang] ?? lang}: ${list.slice(0, 3).map((n) => isolate(escapeMarkdown(n))).join(', ')}`);
    if (others.length) lines.push(`- **Names:** ${others.join(' · ')}`);
    if (e.type === 'place') {
      if (e.coordinates) lines.push(`- **Coordinates:** ${coordinate(e.coordinates[1], 'N', 'S')}, ${coordinate(e.coordinates[0], 'E', 'W')}`);
      const within = e.within && e.within !== e.id && e.within !== e.country ? knowledge?.entities.get(e.within)?.name ?? e.within : undefined;
      if (within) lines.push(`- **Within:** ${isolate(escapeMarkdown(within))}`);
      if (e.country && e.country !== e.id) lines.push(`- **Country:** ${isolate(escapeMarkdown(knowledge?.entities.get(e.country)?.name ?? e.country))}`);
    }
    if (e.roles?.length) {
      const roles = e.roles.filter((r) => r && typeof r.role === 'string').map((r) => {
        const span = r.from || r.to ? ` (${r.from ?? '…'}\u2013${r.to ?? ''})` : '';
        return isolate(escapeMarkdown(r.role)) + span;
      });
      if (roles.length) lines.push(`- **Roles:** ${roles.join('; ')}`);
    }
    if (e.wikidata && /^Q\d+$/.test(e.wikidata)) lines.push(`- **Wikidata:** [${e.wikidata}](https://www.wikidata.org/wiki/${e.wikidata})`);
    lines.push(`- **Knowledge-base id:** \`${e.id.replace(/`/g, '')}\``);
  }
  if (appearances.documents.length) {
    const shown = appearances.documents.slice(0, 8).map((d) => `${isolate(escapeMarkdown(d.path))} (${d.count})`);
    const more = appearances.documents.length - shown.length;
    lines.push(
      `- **In the workspace:** ${appearances.documents.length} document${appearances.documents.length === 1 ? '' : 's'}, ${appearances.mentions} mention${appearances.mentions === 1 ? '' : 's'}: ${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}`,
    );
  } else {
    lines.push('- **In the workspace:** in no indexed article');
  }
  for (const c of mention.curation ?? []) lines.push(`- **Corrected by the analyst:** ${escapeMarkdown(curationSummary(c))}`);
  return lines.join('\n');
}
