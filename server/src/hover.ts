/** The hover text shown over a casualty or arrest figure. Pure: no LSP or VS Code imports. */
import type { Figure, VictimGroup } from './core';
import { curationSummary, formatValue, isolate } from './wording';

export { formatValue };

const GROUP_LABELS: Record<VictimGroup, string> = {
  people: 'people (no group named)',
  security: 'security forces',
  police: 'police',
  military: 'military',
  civilians: 'civilians',
  perpetrators: 'perpetrators',
};

export function groupLabel(group: VictimGroup | string): string {
  return (GROUP_LABELS as Record<string, string>)[group] ?? String(group);
}

/** Escapes text so that markdown shows it literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** How the text gives the count: a number, an approximate or vague quantity ("about 30", "dozens", عشرات) or a noun alone. */
export function countWording(figure: Pick<Figure, 'explicit' | 'approximate'>): string {
  if (figure.approximate) return 'approximate (no exact number: “about”, “dozens”…)';
  return figure.explicit ? 'explicit (a number in the text)' : 'implied by a noun (no number in the text)';
}

/** The event a figure was linked to, as its hover tells it. */
export interface FigureEventContext {
  type: string;
  place?: string;
  date?: string;
  sources: number;
  /** The article gives no date of the event: the date is the other sources'. */
  dateInferred: boolean;
}

/** Markdown for a hover over one figure, with the event it was linked to when there is one. */
export function figureHoverMarkdown(figure: Figure, event?: FigureEventContext): string {
  const value = formatValue(figure);
  const where = event ? [event.type.replace('_', ' '), event.place, event.date].filter(Boolean).join(', ') : '';
  return [
    `**Khabar: ${escapeMarkdown(value)} ${figure.kind}**`,
    '',
    `- **Value:** ${escapeMarkdown(value)}`,
    `- **Kind:** ${figure.kind}`,
    `- **Victims:** ${escapeMarkdown(groupLabel(figure.group))}`,
    `- **Count:** ${countWording(figure)}`,
    `- **Read from:** \u201C${isolate(escapeMarkdown(figure.text))}\u201D`,
    ...(figure.cumulative ? ['- **Running total** over a period: left out of the events'] : []),
    ...(event ? [`- **Event:** ${isolate(escapeMarkdown(where))} (${event.sources} source${event.sources === 1 ? '' : 's'})`] : []),
    ...(event?.dateInferred ? ['- **Date inferred:** this article gives no date for the event; it is the other sources\''] : []),
    ...(figure.curation ?? []).map((c) => `- **Corrected by the analyst:** ${escapeMarkdown(curationSummary(c))}`),
  ].join('\n');
}

/** The innermost figure whose span contains `offset` (start inclusive, end exclusive), if any. */
export function figureAt<T extends { start: number; end: number }>(figures: readonly T[], offset: number): T | undefined {
  let best: T | undefined;
  for (const f of figures) {
    if (f.start <= offset && offset < f.end && (!best || f.end - f.start < best.end - best.start)) best = f;
  }
  return best;
}
