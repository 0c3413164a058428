/**
 * Corrections on the command line (issue 18): `khabar export` applies the folder's
 * `.khabar/curation.json` (or `--curation FILE`, or none with `--curation none`) on top of the
 * analysis — a figure's value, an adjudicated best estimate and its reason, a disagreement that is
 * none, a report moved, split or merged, an event's place, date and type — and marks what it changed
 * (`curated: true`); a correction whose words are gone, or whose article is absent, is said on stderr
 * at its line and changes nothing; the batch `analyze --jsonl` and `link` with `--curation` give the
 * same events. Without corrections the export is what it was.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { stringify } from 'yaml';
import { makeAnchor } from '../../server/src/core/curation';
import type { EventsExport, ExportEvent } from '../../server/src/core/export';
import { root } from './helpers';

const CLI = join(root, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'khabar-curation-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const EN = 'danghara-cyclists.en.txt', FA = 'danghara-cyclists.fa.article', AR = 'danghara-cyclists.ar.md';
const SHIRAZ_EN = 'shiraz-shrine-attack.en.article', SHIRAZ_FA = 'shiraz-shrine-attack.fa.md';

/** A figure target made from the sample's text (the words' first occurrence after `from`), as the editor's writer makes it. */
function target(file: string, words: string, from = 0) {
  const text = readFileSync(join(root, 'samples', file), 'utf8');
  const at = text.indexOf(words, from);
  assert.ok(at >= 0, `${words} in ${file}`);
  return makeAnchor(text, at, at + words.length, 'figure');
}

/** A copy of the samples with a curation file (or none). */
function workspace(name: string, curation?: { name: string; text: string }): string {
  const dir = join(tmp, name);
  cpSync(join(root, 'samples'), dir, { recursive: true });
  if (curation) { mkdirSync(join(dir, '.khabar'), { recursive: true }); writeFileSync(join(dir, '.khabar', curation.name), curation.text); }
  return dir;
}

function run(args: string[], cwd: string, input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const exported = (stdout: string) => JSON.parse(stdout) as EventsExport;
const withoutGenerated = (s: string) => s.replace(/"generated": "[^"]*"/, '');
const docId = (d: EventsExport, path: string) => d.documents.find((x) => x.path === path)!.id;
const eventsOf = (d: EventsExport, path: string): ExportEvent[] => d.events.filter((e) => e.sources.includes(docId(d, path)));

const CORRECTIONS = [
  { id: 'c1', document: EN, target: target(EN, 'Four foreign cyclists', 100), change: { op: 'adjudicate' }, reason: 'the embassy named four' },
  { id: 'c2', document: EN, target: target(EN, 'two others'), change: { op: 'notConflict' } },
  { id: 'c3', document: FA, target: target(FA, 'سه گردشگر'), change: { op: 'value', low: 4, high: 4 } },
  { id: 'c4', document: EN, target: { type: 'figure', exact: 'ninety people', prefix: 'were killed ', suffix: ' on', start: 12 }, change: { op: 'notCasualty' } },
  { id: 'c5', document: SHIRAZ_EN, target: { type: 'document' }, change: { op: 'split' } },
  { id: 'c6', document: 'nowhere.txt', target: { type: 'document' }, change: { op: 'type', type: 'riot' } },
  { id: 'c7', document: SHIRAZ_EN, target: { type: 'document' }, change: { op: 'type', type: 'riot' }, reason: 'a crowd' },
  { id: 'c8', document: SHIRAZ_FA, target: { type: 'document' }, change: { op: 'date', start: '2022-10-26', end: '2022-10-27', precision: 'day' } },
];
const CURATION = JSON.stringify({ version: 1, corrections: CORRECTIONS }, null, 2);

test('without a curation file, or with --curation none, the export is what it was', () => {
  const plain = run(['export', '.'], workspace('plain'));
  const none = run(['export', '.', '--curation', 'none'], workspace('none', { name: 'curation.json', text: CURATION }));
  assert.equal(plain.status, 0, plain.stderr);
  assert.equal(none.status, 0, none.stderr);
  assert.equal(withoutGenerated(none.stdout), withoutGenerated(plain.stdout));
  assert.doesNotMatch(plain.stdout, /"curated"|"adjudication"|"resolution"/);
});

test('the folder\'s curation file is applied: values, verdicts, report and event corrections, each marked', () => {
  const dir = workspace('curated', { name: 'curation.json', text: CURATION });
  const r = run(['export', '.'], dir);
  assert.equal(r.status, 0, r.stderr);
  const d = exported(r.stdout);
  const [danghara] = eventsOf(d, EN);
  const killed = danghara.figures.find((f) => f.kind === 'killed' && f.group === 'civilians')!;
  assert.equal(killed.estimate.best, 4);
  assert.deepEqual(killed.adjudication, { document: docId(d, EN), reason: 'the embassy named four' });
  assert.equal(killed.reports.find((x) => x.document === docId(d, FA))!.low, 4, 'c3 corrected the Persian figure');
  assert.equal(killed.reports.find((x) => x.document === docId(d, FA))!.curated, true);
  assert.equal(killed.reports.find((x) => x.document === docId(d, AR))!.curated, undefined);
  const injured = danghara.figures.find((f) => f.kind === 'injured' && f.group === 'civilians')!;
  assert.equal(injured.conflict, false);
  assert.equal(injured.resolution, 'notConflict');
  assert.equal(danghara.curated, undefined, 'no report correction touched this event');
  // c5 split the English Shiraz report off into an event of its own, which c7 made a riot.
  const alone = d.events.filter((e) => e.sources.length === 1 && e.sources[0] === docId(d, SHIRAZ_EN));
  assert.equal(alone.length, 1);
  assert.equal(alone[0].type, 'riot');
  assert.equal(alone[0].curated, true);
  assert.ok(eventsOf(d, SHIRAZ_FA).some((e) => e.curated && e.date?.start === '2022-10-26' && e.date.end === '2022-10-27'));
  // The stale corrections are said on stderr at their lines, and changed nothing.
  const lines = CURATION.split('\n');
  const lineOf = (id: string) => lines.findIndex((l) => l.includes(`"id": "${id}"`));
  assert.match(r.stderr, new RegExp(`curation\\.json:${lineOf('c4')}: c4: the words “ninety people” are no longer in ${EN.replace(/\./g, '\\.')}`));
  assert.match(r.stderr, new RegExp(`curation\\.json:${lineOf('c6')}: c6: no article "nowhere\\.txt"`));
  assert.equal(r.stderr.trim().split('\n').length, 2, r.stderr);
});

test('--curation FILE (YAML) is the same as the folder\'s file, and its bad entries are said and skipped', () => {
  const expected = exported(run(['export', '.'], workspace('json', { name: 'curation.json', text: CURATION })).stdout);
  const dir = workspace('yaml');
  const file = join(tmp, 'mine.yaml');
  writeFileSync(file, stringify({ version: 1, corrections: [...CORRECTIONS, { id: 'bad', document: EN, target: { type: 'figure', exact: 'x' }, change: { op: 'kind', kind: 'wounded' } }] }));
  const r = run(['export', '.', '--curation', file], dir);
  assert.equal(r.status, 1, 'a skipped entry is a failure, as in a knowledge file');
  assert.match(r.stderr, /mine\.yaml:\d+: entry 9: "change\.kind" must be one of killed, injured, arrested \(this entry is skipped\)/);
  assert.deepEqual(exported(r.stdout).events, expected.events);
  const missing = run(['export', '.', '--curation', 'absent.json'], dir);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /absent\.json: no such curation file/);
});

test('a report moved to another event and two events merged, on the command line', () => {
  const moves = [
    { id: 'm1', document: SHIRAZ_EN, target: { type: 'document' }, change: { op: 'moveTo', document: EN } },
    { id: 'm2', document: AR, target: { type: 'document' }, change: { op: 'place', entity: 'no-such-place' } },
  ];
  const r = run(['export', '.'], workspace('moves', { name: 'curation.json', text: JSON.stringify({ corrections: moves }) }));
  const d = exported(r.stdout);
  const [danghara] = eventsOf(d, EN);
  assert.ok(danghara.sources.includes(docId(d, SHIRAZ_EN)), 'moved into the event of the English Danghara report');
  assert.equal(danghara.curated, true);
  assert.match(r.stderr, /m2: "no-such-place" is in no knowledge base/);
  const merged = run(['export', '.'], workspace('merge', { name: 'curation.json', text: JSON.stringify({ corrections: [{ id: 'g1', document: EN, target: { type: 'document' }, change: { op: 'mergeWith', document: SHIRAZ_FA } }] }) }));
  const m = exported(merged.stdout);
  const [one] = eventsOf(m, EN);
  assert.ok(one.sources.includes(docId(m, SHIRAZ_FA)) && one.sources.includes(docId(m, AR)));
  assert.equal(m.events.length, exported(run(['export', '.'], workspace('merge0')).stdout).events.length - 1);
});

test('batch mode: analyze --jsonl and link with --curation give the export\'s events', () => {
  const dir = workspace('batch');
  const file = join(tmp, 'batch-curation.json');
  writeFileSync(file, CURATION);
  const lines = readdirSync(dir).filter((f) => f !== 'README.md').sort().map((f) => JSON.stringify({ id: f, path: f, text: readFileSync(join(dir, f), 'utf8') })).join('\n');
  const analysed = run(['analyze', '--jsonl', '--curation', file], dir, lines);
  assert.equal(analysed.status, 0, analysed.stderr);
  assert.match(analysed.stderr, /c4: the words “ninety people”/);
  const linked = run(['link', '--curation', file], dir, analysed.stdout);
  assert.equal(linked.status, 0, linked.stderr);
  assert.match(linked.stderr, /c6: no article "nowhere\.txt"/);
  const expected = exported(run(['export', '.', '--curation', file], workspace('batch-export')).stdout);
  assert.deepEqual(exported(linked.stdout).events, expected.events);
});
