/**
 * The curation file in the language server (issue 18), in process: read at start, its corrections
 * applied as the command line applies them (the same export); an edit of its open buffer (a quick
 * fix's workspace edit, or Undo) is picked up without saving and re-applied, so that decorations,
 * diagnostics, the Events view and the hover follow; a stale correction is a warning of the curation
 * file at its entry; a malformed entry an error there.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeAnchor } from '../../server/src/core/curation';
import { KhabarHost } from '../../server/src/host/khabarHost';
import { applyEvents, type EventsParams } from '../../server/src/protocol';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { root, SAMPLE_ARTICLES } from './helpers';
import { InMemoryWorkspace, MemoryLogger, RecordingClient, until } from './inMemoryWorkspace';

const tmp = mkdtempSync(join(tmpdir(), 'khabar-curation-host-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const EN = 'danghara-cyclists.en.txt', FA = 'danghara-cyclists.fa.article';
const SHIRAZ_EN = 'shiraz-shrine-attack.en.article';
const sample = (f: string) => readFileSync(join(root, 'samples', f), 'utf8');

/** A figure target of a sample's words (their first occurrence after `from`). */
function target(file: string, words: string, from = 0) {
  const text = sample(file);
  const at = text.indexOf(words, from);
  return makeAnchor(text, at, at + words.length, 'figure');
}

const VALUE = { id: 'v1', document: FA, target: target(FA, 'سه گردشگر'), change: { op: 'value', low: 4, high: 4 }, reason: 'the embassy named four', by: 'Leila', at: '2026-12-07T19:30:00Z' };
const ADJUDICATE = { id: 'a1', document: EN, target: target(EN, 'Four foreign cyclists', 100), change: { op: 'adjudicate' }, reason: 'named by the embassy' };
const NOT_CONFLICT = { id: 'n1', document: EN, target: target(EN, 'two others'), change: { op: 'notConflict' } };
const SPLIT = { id: 's1', document: SHIRAZ_EN, target: { type: 'document' }, change: { op: 'split' } };
const STALE = { id: 'x1', document: EN, target: { type: 'figure', exact: 'ninety people', prefix: 'were killed ', suffix: ' on', start: 12 }, change: { op: 'notCasualty' } };
const file = (corrections: unknown[]) => JSON.stringify({ version: 1, corrections }, null, 2);

/** A folder on disk with the samples and a curation file, and a host over it (articles in memory, as the editor has them). */
async function started(name: string, curation: string) {
  const dir = join(tmp, name);
  mkdirSync(join(dir, '.khabar'), { recursive: true });
  for (const f of SAMPLE_ARTICLES) cpSync(join(root, 'samples', f), join(dir, f));
  writeFileSync(join(dir, '.khabar', 'curation.json'), curation);
  const workspace = new InMemoryWorkspace(Object.fromEntries(SAMPLE_ARTICLES.map((f) => [join(dir, f), sample(f)])));
  const client = new RecordingClient();
  const logger = new MemoryLogger();
  const host = new KhabarHost({ root, workspace, client, logger });
  host.configure({ ...DEFAULT_SETTINGS, debounceMs: 0 }, [InMemoryWorkspace.uri(dir)]);
  await host.start();
  return { dir, host, workspace, client, logger, curationUri: InMemoryWorkspace.uri(join(dir, '.khabar', 'curation.json')) };
}

/** The Events view's model as the client has it after every notification. */
const model = (events: EventsParams[]) => events.reduce<EventsParams | undefined>((m, p) => applyEvents(m, p), undefined)!;

test('host: the curation file is applied at start as on the command line, and a stale entry is a warning at its line', async () => {
  const curation = file([ADJUDICATE, NOT_CONFLICT, SPLIT, STALE]);
  const { dir, host, client, logger, curationUri } = await started('start', curation);
  try {
    const strip = (s: string) => s.split('\n').filter((l) => !l.includes('"generated"')).join('\n');
    const cli = execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'export', '.'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const exported = (await host.exportEvents('json')).text;
    assert.match(exported, /"adjudication"/);
    assert.equal(strip(exported), strip(cli));
    const warnings = await until('the stale warning', () => client.diagnostics.get(curationUri)?.diagnostics);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].code, 'curation-stale');
    assert.equal(warnings[0].severity, 2);
    assert.match(String(warnings[0].message), /x1: the words “ninety people” are no longer in danghara-cyclists\.en\.txt/);
    assert.equal(warnings[0].range.start.line, curation.split('\n').findIndex((l) => l.includes('"id": "x1"')) - 1);
    // The Events view: the split report is an event of its own, marked; the adjudicated figure carries its reason.
    const view = model(client.events);
    const splitOff = view.events.filter((e) => e.curated && e.sources.length === 1 && e.sources[0].endsWith(SHIRAZ_EN));
    assert.equal(splitOff.length, 1);
    const adjudicated = view.events.flatMap((e) => e.figures).find((f) => f.adjudication);
    assert.deepEqual(adjudicated && { best: adjudicated.best, reason: adjudicated.adjudication!.reason }, { best: 4, reason: 'named by the embassy' });
    assert.ok(adjudicated!.reports.some((r) => r.curated && r.uri.endsWith(EN)));
    assert.ok(!adjudicated!.reports.some((r) => r.curated && r.uri.endsWith(FA)));
    // The decided disagreement is still said, as information, with the decision.
    const enUri = InMemoryWorkspace.uri(join(dir, EN));
    const decided = await until('the adjudicated conflict', () => client.diagnostics.get(enUri)?.diagnostics.find((d) => d.code === 'conflict' && /civilians killed/.test(String(d.message))));
    assert.equal(decided.severity, 3);
    assert.match(String(decided.message), /best estimate chosen by the analyst: 4 \(.+, “named by the embassy”\)$/);
    assert.ok(client.diagnostics.get(enUri)!.diagnostics.some((d) => d.code === 'conflict' && d.severity === 2), 'other disagreements are still warnings');
    // The list of the corrections (khabar/curationStatus): each in the file's order, the stale one said so.
    const status = await host.curationStatus();
    assert.equal(status.files.length, 1);
    assert.equal(status.files[0].uri, curationUri);
    const entries = status.files[0].entries;
    assert.deepEqual(entries.map((e) => [e.id, e.target, e.op, !!e.stale]), [['a1', 'figure', 'adjudicate', false], ['n1', 'figure', 'notConflict', false], ['s1', 'document', 'split', false], ['x1', 'figure', 'notCasualty', true]]);
    assert.match(entries[0].summary, /kept as the event's best estimate — “named by the embassy”/);
    assert.match(entries[3].stale!, /the words “ninety people” are no longer in/);
    assert.equal(entries[3].range.start.line, warnings[0].range.start.line);
    assert.ok(!logger.lines.some((l) => l.startsWith('ERROR')), logger.lines.join('\n'));
  } finally {
    await host.dispose();
  }
});

test('host: an edit of the open curation file is applied before it is saved, and undoing it restores what was', async () => {
  const { dir, host, workspace, client, curationUri } = await started('edit', file([]));
  try {
    const enUri = InMemoryWorkspace.uri(join(dir, EN));
    const faUri = InMemoryWorkspace.uri(join(dir, FA));
    const conflictOnTwoOthers = () => client.diagnostics.get(enUri)?.diagnostics.some((d) => d.code === 'conflict' && /civilians injured/.test(String(d.message)));
    await until('the injured-civilians conflict', conflictOnTwoOthers);
    workspace.openDocument(faUri, sample(FA));
    host.documentOpened(faUri);
    host.documentChanged(faUri);
    await until('decorations of the Persian report', () => client.decorations.get(faUri));
    // A quick fix's workspace edit: the curation file's buffer changes, unsaved.
    workspace.openDocument(curationUri, file([]), 1, 'json');
    host.documentOpened(curationUri);
    workspace.editDocument(curationUri, file([VALUE, NOT_CONFLICT]));
    host.documentChanged(curationUri);
    await until('the conflict resolved', () => !conflictOnTwoOthers());
    const curated = await until('a curated figure decoration', () => client.decorations.get(faUri)?.figures.find((f) => f.curated));
    assert.equal(curated.low, 4);
    const hover = await host.hover(faUri, curated.range.start);
    const text = (hover?.contents as { value: string }).value.replace(/\\/g, '');
    assert.match(text, /Corrected by the analyst:\*\* value set to 4 — “the embassy named four” \(Leila, 2026-12-07\)/);
    // A malformed entry typed by hand: an error at it; the other corrections still hold.
    workspace.editDocument(curationUri, file([VALUE, NOT_CONFLICT, { id: 'bad', document: EN, target: { type: 'figure', exact: 'x' }, change: { op: 'group', group: 'women' } }]));
    host.documentChanged(curationUri);
    const error = await until('the error of the bad entry', () => client.diagnostics.get(curationUri)?.diagnostics.find((d) => d.code === 'curation-malformed'));
    assert.match(String(error.message), /entry 3: "change\.group" must be one of people, security/);
    assert.ok(!conflictOnTwoOthers());
    // Undo: the buffer as it was, the analysis as it was.
    workspace.editDocument(curationUri, file([]));
    host.documentChanged(curationUri);
    await until('the conflict back', conflictOnTwoOthers);
    await until('the decoration uncorrected', () => client.decorations.get(faUri)?.figures.every((f) => !f.curated));
    await until('the curation file clean', () => client.diagnostics.get(curationUri)?.diagnostics.length === 0);
  } finally {
    await host.dispose();
  }
});
