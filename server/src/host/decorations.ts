/** The `khabar/decorations` notification of an open document: its figures and entities, what to dim, the front matter. */
import type { EntityMention, Figure } from '../core';
import type { DecorationsParams, EntityDecoration, FigureDecoration, Range } from '../protocol';
import type { TextLines } from '../textLines';
import type { Entry } from './articleStore';
import { rangeIn, validSpan } from './positions';
import { describe, type HostLogger } from './types';

function toDecoration(lines: TextLines, f: Figure): FigureDecoration {
  return {
    range: { start: lines.positionAt(f.start), end: lines.positionAt(f.end) },
    kind: f.kind,
    group: f.group,
    low: f.low,
    high: f.high,
    approximate: f.approximate,
    explicit: f.explicit,
    text: f.text,
    ...(f.cumulative ? { cumulative: true } : {}),
    ...(f.curation?.length ? { curated: true } : {}),
  };
}

function toEntityDecoration(lines: TextLines, m: EntityMention): EntityDecoration {
  return { range: { start: lines.positionAt(m.start), end: lines.positionAt(m.end) }, type: m.type, id: m.entity, name: m.name, inKnowledgeBase: m.inKnowledgeBase, ...(m.curation?.length ? { curated: true } : {}) };
}

/** Decides which open documents get a decorations notification: each version once, and a document that stops being an article once more, to clear it. */
export class DecorationsSender {
  /** URIs with decorations sent, which must be cleared when they stop being articles. */
  private readonly decorated = new Set<string>();

  constructor(private readonly send: (params: DecorationsParams) => void, private readonly logger: HostLogger) {}

  /** Sends the decorations of an open document's entry unless they were sent. */
  update(uri: string, entry: Entry): void {
    if (entry.decorated || entry.version === null) return;
    entry.decorated = true;
    const { result } = entry;
    if (result.kind === 'not-article' && !this.decorated.has(uri)) return;
    if (result.kind === 'not-article') this.decorated.delete(uri);
    else this.decorated.add(uri);
    this.send(this.params(uri, entry, entry.version));
  }

  closed(uri: string): void {
    this.decorated.delete(uri);
  }

  private params(uri: string, entry: Entry, version: number): DecorationsParams {
    const { result, lines } = entry;
    let figures: FigureDecoration[] = [];
    let entities: EntityDecoration[] = [];
    if (result.kind === 'analysed' && lines) {
      try {
        figures = result.analysis.figures.filter((f) => validSpan(lines, f)).map((f) => toDecoration(lines, f));
        entities = result.analysis.entities.filter((m) => validSpan(lines, m)).map((m) => toEntityDecoration(lines, m));
        const dropped = result.analysis.figures.length - figures.length + result.analysis.entities.length - entities.length;
        if (dropped) this.logger.warn(`Khabar: ${dropped} figure(s) or entities of ${uri} had spans outside the text`);
      } catch (e) {
        this.logger.error(`Khabar could not convert the analysis of ${uri}: ${describe(e)}`);
        figures = [];
        entities = [];
      }
    }
    const params: DecorationsParams = { uri, version, figures, entities };
    if (result.kind === 'analysed' && lines) {
      // For the reading view: what to dim and the front matter's block (not painted in the editor).
      const boilerplate = (result.analysis.boilerplate ?? []).map((b) => rangeIn(lines, b)).filter((r): r is Range => r !== null);
      if (boilerplate.length) params.boilerplate = boilerplate;
      const fm = result.analysis.frontMatter;
      const fmRange = fm ? rangeIn(lines, fm.span) : null;
      if (fm && fmRange) params.frontMatter = { range: fmRange, title: fm.title, source: fm.source, published: fm.published, url: fm.url };
    }
    return params;
  }
}
