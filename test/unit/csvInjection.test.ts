/**
 * The CSV export is written for spreadsheets: a cell that starts with `=`, `+`, `-`, `@`, a tab or
 * a carriage return would be read as a formula (CSV injection). Every text cell that does is
 * neutralised as OWASP recommends: a single quote before it, and the cell quoted. Numbers Khabar
 * computes (counts, coordinates) are left as numbers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { toCsv } from '../../server/src/core/formats';
import type { EventsExport } from '../../server/src/core/export';
import type { KnowledgeBase } from '../../server/src/core/knowledge';

const seed = process.env.KHABAR_FC_SEED ? Number(process.env.KHABAR_FC_SEED) : undefined;

/** Parses CSV as RFC 4180 (quoted fields, doubled quotes, CRLF records); keeps whether each field was quoted. */
export function parseCsv(text: string): { value: string; quoted: boolean }[][] {
  const rows: { value: string; quoted: boolean }[][] = [];
  let row: { value: string; quoted: boolean }[] = [];
  let i = text.startsWith('\ufeff') ? 1 : 0;
  for (;;) {
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted field');
        value += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') { value += '"'; i++; } else break;
      }
    } else {
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== '\r' && text[j] !== '\n') j++;
      value = text.slice(i, j);
      if (value.includes('"')) throw new Error(`a quote in an unquoted field: ${value}`);
      i = j;
    }
    row.push({ value, quoted });
    if (text[i] === ',') { i++; continue; }
    if (text.startsWith('\r\n', i)) i += 2;
    else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} after a field at ${i}`);
    rows.push(row);
    row = [];
    if (i >= text.length) return rows;
  }
}

const DANGEROUS = /^[=+\-@\t\r]/;

/** An export with one event and one figure whose every text field is `s`; a document's path, too. */
function exportWith(s: string, path = s): { data: EventsExport; knowledge: KnowledgeBase } {
  const data: EventsExport = {
    format: 'khabar-events', version: 1, generated: '2026-12-07T00:00:00Z',
    documents: [{ id: 'd1', path, language: 'en', published: null, boilerplate: [] }],
    entities: [],
    events: [{
      id: s, type: 'attack', date: { start: s, end: s, precision: 'day' }, location: { entity: 'p', name: s },
      sources: ['d1', s],
      figures: [{ kind: 'killed', group: 'civilians', estimate: { low: 3, best: 3, high: 3 }, conflict: false, update: false, reports: [{ document: 'd1', start: 0, end: 1, text: s, low: 3, high: 3, approximate: false }] }],
      actors: [{ role: 'perpetrator', entity: null, name: s, documents: ['d1'] }],
    }],
  } as unknown as EventsExport;
  const entities = new Map<string, unknown>([
    ['p', { id: 'p', kind: 'city', name: s, country: 'c', coordinates: [-74.5, 40.25] }],
    ['c', { id: 'c', kind: 'country', name: s }],
  ]);
  return { data, knowledge: { entities } as unknown as KnowledgeBase };
}

const COLUMNS = ['event_id', 'type', 'date_start', 'date_end', 'date_precision', 'place', 'place_id', 'country', 'lon', 'lat', 'kind', 'group', 'low', 'best', 'high', 'conflict', 'update', 'sources', 'reports', 'actors'];

test('CSV export: a cell that would start a formula is prefixed with a quote and quoted, in every column', () => {
  for (const lead of ['=', '+', '-', '@', '\t', '\r']) {
    const payload = `${lead}SUM(1+1)*cmd|' /C calc'!A0`;
    const { data, knowledge } = exportWith(payload, `${lead}SUM(1+1).txt`);
    // The columns that take text from outside: workspace knowledge (names), actors, file names, the articles' words.
    const ev = data.events[0] as unknown as Record<string, unknown>;
    ev.type = payload;
    const f = data.events[0].figures[0] as unknown as Record<string, unknown>;
    f.kind = payload;
    f.group = payload;
    const rows = parseCsv(toCsv(data, knowledge));
    assert.deepEqual(rows[0].map((c) => c.value), COLUMNS);
    const cells = Object.fromEntries(COLUMNS.map((c, i) => [c, rows[1][i]]));
    for (const col of ['event_id', 'type', 'date_start', 'date_end', 'place', 'country', 'kind', 'group', 'sources', 'reports']) {
      assert.ok(cells[col].value.startsWith("'"), `${JSON.stringify(lead)}: column ${col} not neutralised: ${JSON.stringify(cells[col].value)}`);
      assert.ok(cells[col].quoted, `${JSON.stringify(lead)}: column ${col} not quoted`);
    }
    for (const [col, c] of Object.entries(cells)) if (col !== 'lon') assert.doesNotMatch(c.value, DANGEROUS, `${JSON.stringify(lead)}: column ${col}: ${JSON.stringify(c.value)}`);
    assert.equal(cells.event_id.value, `'${payload}`);
    assert.equal(cells.sources.value, `'${lead}SUM(1+1).txt; ${payload}`);
    // The actor column starts with the role; a name from a knowledge file can also be the role's place.
    (data.events[0].actors![0] as unknown as Record<string, unknown>).role = payload;
    const again = Object.fromEntries(COLUMNS.map((c, i) => [c, parseCsv(toCsv(data, knowledge))[1][i]]));
    assert.equal(again.actors.value, `'${payload}: ${payload}`);
    // Khabar's own numbers stay numbers: a negative longitude is not text.
    assert.equal(cells.lon.value, '-74.5');
    assert.equal(cells.lat.value, '40.25');
    assert.equal(cells.low.value, '3');
  }
});

test('CSV export: "-" and other leading minus signs from the text are prefixed too; harmless cells are unchanged', () => {
  const { data, knowledge } = exportWith('-');
  const rows = parseCsv(toCsv(data, knowledge));
  assert.equal(rows[1][COLUMNS.indexOf('place')].value, "'-");
  const plain = exportWith('Tehran', 'tehran.txt');
  const cells = parseCsv(toCsv(plain.data, plain.knowledge))[1];
  assert.equal(cells[COLUMNS.indexOf('place')].value, 'Tehran');
  assert.equal(cells[COLUMNS.indexOf('place')].quoted, false);
  assert.equal(cells[COLUMNS.indexOf('sources')].value, 'tehran.txt; Tehran');
});

test('CSV export (property): any text in any column reads back as itself, or with one quote before it when it could start a formula', () => {
  const text = fc.string({ unit: fc.oneof(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", ' ', ';', '\ufeff', 'ش'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 12 });
  fc.assert(
    fc.property(text, text, (s, path) => {
      const { data, knowledge } = exportWith(s, path);
      const rows = parseCsv(toCsv(data, knowledge));
      assert.equal(rows.length, 2);
      assert.equal(rows[1].length, COLUMNS.length);
      for (const c of rows[1].filter((_, i) => COLUMNS[i] !== 'lon')) assert.doesNotMatch(c.value, DANGEROUS);
      const check = (name: string, written: string) => {
        const c = rows[1][COLUMNS.indexOf(name)];
        if (DANGEROUS.test(written)) {
          assert.equal(c.value, `'${written}`, name);
          assert.ok(c.quoted, `${name}: a neutralised cell is not quoted`);
        } else {
          assert.equal(c.value, written, name);
        }
      };
      for (const name of ['event_id', 'date_start', 'date_end', 'place', 'place_id', 'country']) check(name, name === 'place_id' ? 'p' : s);
      check('sources', `${path}; ${s}`);
      check('reports', `${path}: 3 «${s}»`);
      check('actors', `perpetrator: ${s}`);
    }),
    { numRuns: 300, ...(seed !== undefined ? { seed } : {}) },
  );
});
