/**
 * The reading view's article as HTML (pure: no VS Code imports, unit-tested): one paragraph per
 * line of the text with its own direction, figures and names as `<mark>`s with a tooltip, page
 * furniture dimmed, the front matter as a heading. Every piece carries the character it starts at
 * (`data-c`) and every paragraph its line (`data-line`), so that a click maps back to the text.
 */
import type { DecorationsParams, EntityDecoration, FigureDecoration, Range } from '../../server/src/protocol';
import { formatValue, groupWord, paragraphDirection } from '../../server/src/wording';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A piece of a line between two boundaries of ranges, with the ranges that cover it. */
interface Piece {
  start: number;
  end: number;
  figures: FigureDecoration[];
  entities: EntityDecoration[];
  boilerplate: boolean;
}

const covers = (r: Range, line: number, start: number, end: number): boolean => {
  const from = r.start.line < line ? 0 : r.start.line === line ? r.start.character : Infinity;
  const to = r.end.line > line ? Infinity : r.end.line === line ? r.end.character : -1;
  return from <= start && end <= to && start < end;
};

const touches = (r: Range, line: number) => r.start.line <= line && line <= r.end.line;

/** The pieces of one line, cut at every boundary of a figure, name or furniture range on it. */
function piecesOf(text: string, line: number, figures: FigureDecoration[], entities: EntityDecoration[], boilerplate: Range[]): Piece[] {
  const cuts = new Set([0, text.length]);
  const clip = (r: Range) => {
    if (r.start.line === line) cuts.add(Math.min(text.length, r.start.character));
    if (r.end.line === line) cuts.add(Math.min(text.length, r.end.character));
  };
  const fs = figures.filter((f) => touches(f.range, line));
  const es = entities.filter((e) => touches(e.range, line));
  const bs = boilerplate.filter((b) => touches(b, line));
  fs.forEach((f) => clip(f.range));
  es.forEach((e) => clip(e.range));
  bs.forEach(clip);
  const points = [...cuts].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    out.push({
      start,
      end,
      figures: fs.filter((f) => covers(f.range, line, start, end)),
      entities: es.filter((e) => covers(e.range, line, start, end)),
      boilerplate: bs.some((b) => covers(b, line, start, end)),
    });
  }
  return out;
}

function figureTitle(f: FigureDecoration): string {
  return `${formatValue(f)} ${f.kind} · ${groupWord(f.group)} — \u201C${f.text}\u201D${f.cumulative ? ' · running total, in no event' : ''}`;
}

function entityTitle(e: EntityDecoration): string {
  return `${e.type}: ${e.name}${e.inKnowledgeBase ? '' : ' (not in the knowledge base)'}`;
}

/** The body of the reading view for a text and what the server found in it. */
export function renderArticle(text: string, entry: Pick<DecorationsParams, 'figures' | 'entities' | 'boilerplate' | 'frontMatter'>): string {
  const lines = text.split(/\r\n|\r|\n/);
  const fm = entry.frontMatter;
  const out: string[] = [];
  if (fm) {
    const meta = [fm.source, fm.published].filter((x): x is string => !!x);
    out.push('<header>');
    if (fm.title) out.push(`<h1 dir="${paragraphDirection(fm.title) === 'rtl' ? 'rtl' : 'auto'}">${escapeHtml(fm.title)}</h1>`);
    if (meta.length) out.push(`<p class="meta" dir="auto">${meta.map((m) => `<bdi>${escapeHtml(m)}</bdi>`).join(' · ')}</p>`);
    out.push('</header>');
  }
  const figures = entry.figures;
  const entities = entry.entities ?? [];
  const boilerplate = entry.boilerplate ?? [];
  for (let line = 0; line < lines.length; line++) {
    if (fm && line >= fm.range.start.line && line <= fm.range.end.line && !(line === fm.range.end.line && fm.range.end.character === 0)) continue;
    const text = lines[line];
    if (!text.trim()) continue;
    const direction = paragraphDirection(text);
    const pieces = piecesOf(text, line, figures, entities, boilerplate);
    const furniture = pieces.every((p) => p.boilerplate);
    const html = pieces
      .map((p) => {
        const words = escapeHtml(text.slice(p.start, p.end));
        const classes: string[] = [];
        const titles: string[] = [];
        for (const f of p.figures) {
          classes.push('figure', f.kind);
          titles.push(figureTitle(f));
        }
        for (const e of p.entities) {
          classes.push('entity', e.type, e.inKnowledgeBase ? 'known' : 'unknown');
          titles.push(entityTitle(e));
        }
        if (p.boilerplate && !furniture) {
          classes.push('boilerplate');
          titles.push('page furniture: not analysed');
        }
        const at = `data-c="${p.start}"`;
        if (!p.figures.length && !p.entities.length) return classes.length ? `<span ${at} class="${classes.join(' ')}" title="${escapeHtml(titles.join('\n'))}">${words}</span>` : `<span ${at}>${words}</span>`;
        return `<mark ${at} class="${[...new Set(classes)].join(' ')}" title="${escapeHtml(titles.join('\n'))}">${words}</mark>`;
      })
      .join('');
    const attrs = `data-line="${line}" dir="${direction ?? 'auto'}"${furniture ? ' class="boilerplate" title="page furniture: not analysed"' : ''}`;
    out.push(`<p ${attrs}>${html}</p>`);
  }
  return out.join('\n');
}
