/**
 * Batch mode helpers (`khabar analyze --jsonl`, `khabar link`): analysis with a publication date
 * given beside the text, and a check that a line of analysis JSON can be linked.
 */
import type { Analyzer, DocumentAnalysis } from '../core';

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Analyses one article of a batch. A publication date given beside the text is used when the text
 * states none (no front matter date, no dateline), relative dates ("yesterday") resolving against
 * it; a text with front matter keeps its own dates and gets the given one only as its publication.
 */
export function analyzeWithPublished(analyzer: Analyzer, text: string, published: string | undefined, uri?: string): DocumentAnalysis {
  if (!published || /^\ufeff?---/.test(text)) {
    const plain = analyzer.analyze({ text, uri });
    return plain.published || !published ? plain : { ...plain, published };
  }
  return analyzer.analyze({ text, uri, published });
}

/** Whether a parsed value has the shape of a DocumentAnalysis that linking can read. */
export function analysisProblem(a: unknown): string | undefined {
  if (!a || typeof a !== 'object' || Array.isArray(a)) return '"analysis" must be an object';
  const x = a as Record<string, unknown>;
  for (const k of ['paragraphs', 'sentences', 'figures', 'entities', 'dates', 'eventCues', 'boilerplate', 'quantities', 'problems']) {
    if (!Array.isArray(x[k])) return `"analysis.${k}" must be a list`;
  }
  if (typeof x.language !== 'string') return '"analysis.language" must be a string';
  if (x.published !== null && x.published !== undefined && (typeof x.published !== 'string' || !ISO_DATE.test(x.published))) return '"analysis.published" must be a date yyyy-mm-dd or null';
  const spanOk = (v: unknown) => !!v && typeof v === 'object' && typeof (v as Record<string, unknown>).start === 'number' && typeof (v as Record<string, unknown>).end === 'number';
  for (const k of ['figures', 'entities', 'dates', 'eventCues', 'sentences']) {
    const i = (x[k] as unknown[]).findIndex((v) => !spanOk(v) || (k !== 'sentences' && typeof (v as Record<string, unknown>).sentence !== 'number' && k !== 'figures'));
    if (i >= 0) return `"analysis.${k}[${i}]" is not a span of the kind expected`;
  }
  for (const [i, f] of (x.figures as Record<string, unknown>[]).entries()) {
    if (typeof f.kind !== 'string' || typeof f.group !== 'string' || typeof f.low !== 'number' || (f.high !== null && typeof f.high !== 'number') || typeof f.sentence !== 'number') return `"analysis.figures[${i}]" is not a figure`;
  }
  for (const [i, e] of (x.entities as Record<string, unknown>[]).entries()) {
    if (typeof e.entity !== 'string' || typeof e.type !== 'string' || typeof e.name !== 'string') return `"analysis.entities[${i}]" is not an entity mention`;
  }
  for (const [i, d] of (x.dates as Record<string, unknown>[]).entries()) {
    if (!d.value || typeof d.value !== 'object') return `"analysis.dates[${i}]" has no value`;
  }
  return undefined;
}


/** An article of `khabar analyze --jsonl`'s input. */
export interface BatchArticle { id: string | number; text: string; published: string | null; path: string | null }

/** The article of a parsed input line, or why it cannot be analysed. */
export function articleProblem(input: unknown, maxBytes: number): BatchArticle | string {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return 'not a JSON object';
  const { id, text, published, path } = input as Record<string, unknown>;
  if (typeof id !== 'string' && typeof id !== 'number') return '"id" must be a string or a number';
  if (typeof text !== 'string') return `${JSON.stringify(id)}: "text" must be a string`;
  if (published !== undefined && published !== null && (typeof published !== 'string' || !ISO_DATE.test(published))) return `${JSON.stringify(id)}: "published" must be a date yyyy-mm-dd`;
  if (path !== undefined && path !== null && typeof path !== 'string') return `${JSON.stringify(id)}: "path" must be a string`;
  if (Buffer.byteLength(text) > maxBytes) return `${JSON.stringify(id)}: text is ${(Buffer.byteLength(text) / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(1)} MB limit`;
  return { id, text, published: (published as string | null | undefined) ?? null, path: (path as string | null | undefined) ?? null };
}
