import type { EventsExport } from './export';
import type { KnowledgeBase } from './knowledge';

/**
 * A CSV cell. Text that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a
 * tab or a carriage return: a name from a workspace knowledge file, a file name, an article's words)
 * is neutralised as OWASP recommends: a single quote before it, and the cell quoted. Numbers Khabar
 * computes (counts, coordinates, which may be negative) stay numbers.
 */
export const csvCell = (v: unknown): string => {
  if (typeof v === 'number') return String(v);
  const s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) return `"'${s.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const cell = csvCell;

const placeOf = (data: EventsExport, ev: EventsExport['events'][number], knowledge?: KnowledgeBase) => {
  const id = ev.location?.entity;
  const kb = id ? knowledge?.entities.get(id) : undefined;
  const fromExport = id ? data.entities.find((e) => e.id === id) : undefined;
  const coordinates = kb?.coordinates ?? fromExport?.coordinates ?? null;
  const countryId = kb ? (kb.kind === 'country' ? kb.id : kb.country) : undefined;
  const country = countryId ? knowledge?.entities.get(countryId)?.name ?? countryId : '';
  return { coordinates, country };
};

/** CSV of the events: one row per event and figure; UTF-8 with a BOM so spreadsheet programs read Arabic and Persian. */
export function toCsv(data: EventsExport, knowledge?: KnowledgeBase): string {
  const header = ['event_id', 'type', 'date_start', 'date_end', 'date_precision', 'place', 'place_id', 'country', 'lon', 'lat', 'kind', 'group', 'low', 'best', 'high', 'conflict', 'update', 'sources', 'reports', 'actors'];
  const paths = new Map(data.documents.map((d) => [d.id, d.path]));
  const rows = [header.join(',')];
  for (const ev of data.events) {
    const { coordinates, country } = placeOf(data, ev, knowledge);
    const base = [ev.id, ev.type, ev.date?.start, ev.date?.end, ev.date?.precision, ev.location?.name, ev.location?.entity, country, coordinates?.[0], coordinates?.[1]];
    const sources = ev.sources.map((s) => paths.get(s) ?? s).join('; ');
    const actors = (ev.actors ?? []).map((a) => `${a.role}: ${a.name}`).join('; ');
    for (const f of ev.figures.length ? ev.figures : [undefined]) {
      const reports = f?.reports.map((r) => `${paths.get(r.document) ?? r.document}: ${r.high === null ? `${r.low}+` : r.low === r.high ? r.low : `${r.low}-${r.high}`}${r.approximate ? '~' : ''} «${r.text}»`).join('; ');
      rows.push([...base, f?.kind, f?.group, f?.estimate.low, f?.estimate.best, f?.estimate.high, f ? f.conflict : '', f ? f.update : '', sources, reports, actors].map(cell).join(','));
    }
  }
  return '\ufeff' + rows.join('\r\n') + '\r\n';
}

/** GeoJSON FeatureCollection: a point per event that has coordinates. */
export function toGeoJson(data: EventsExport, knowledge?: KnowledgeBase): { type: 'FeatureCollection'; features: unknown[] } {
  const features: unknown[] = [];
  for (const ev of data.events) {
    const { coordinates, country } = placeOf(data, ev, knowledge);
    if (!coordinates) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates },
      properties: {
        id: ev.id, type: ev.type, date: ev.date?.start ?? null, dateEnd: ev.date?.end ?? null, precision: ev.date?.precision ?? null,
        place: ev.location?.name ?? null, placeId: ev.location?.entity ?? null, country: country || null, sources: ev.sources.length,
        conflict: ev.figures.some((f) => f.conflict),
        figures: ev.figures.map((f) => ({ kind: f.kind, group: f.group, low: f.estimate.low, best: f.estimate.best, high: f.estimate.high, conflict: f.conflict })),
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The formats an export is written in. */
export type ExportFileFormat = 'json' | 'csv' | 'geojson';

/** The text of an export file in a format, as the command line and the editor's command write it. */
export function formatExport(data: EventsExport, knowledge: KnowledgeBase | undefined, format: ExportFileFormat): string {
  if (format === 'csv') return toCsv(data, knowledge);
  return JSON.stringify(format === 'geojson' ? toGeoJson(data, knowledge) : data, null, 1) + '\n';
}
