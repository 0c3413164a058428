/**
 * Reading a workspace knowledge file (issue 16, item 9): a UTF-8 byte-order mark is read (editors
 * on Windows write one); UTF-16 without a byte-order mark is said to be UTF-16, with the command
 * that converts it; a NUL byte anywhere, not only in the first 8 KB, refuses the file as binary; a
 * folder where the file should be is said to be one, not silently ignored. In the language server's
 * loader and on the command line (`export` of a folder, `link --knowledge`).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { KnowledgeLoader } from '../../server/src/knowledgeFiles';
import { decodeKnowledgeFile } from '../../server/src/node/knowledge';
import { root } from './helpers';

const CLI = join(root, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'khabar-kfile-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const KNOWLEDGE = JSON.stringify({ entities: [{ id: 'zorvatal', type: 'place', name: 'Zorvatal', names: { en: ['Zorvatal'] }, kind: 'city', coordinates: [70.5, 40.5], country: 'kazakhstan' }] }, null, 1);
const ARTICLE = '---\ndate: 2024-05-12\n---\nTwo people were killed in Zorvatal on Monday.\n';

/** A workspace folder with an article and `.khabar/knowledge.json` of these bytes (or a folder of that name). */
function workspace(name: string, knowledge: Buffer | 'folder'): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, '.khabar'), { recursive: true });
  writeFileSync(join(dir, 'a.txt'), ARTICLE);
  if (knowledge === 'folder') mkdirSync(join(dir, '.khabar', 'knowledge.json'));
  else writeFileSync(join(dir, '.khabar', 'knowledge.json'), knowledge);
  return dir;
}

const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf16be = (s: string) => { const b = Buffer.from(s, 'utf16le'); for (let i = 0; i + 1 < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1], b[i]]; return b; };
const loader = new KnowledgeLoader(join(root, 'knowledge'));

test('knowledge file: a UTF-8 byte-order mark is read, in the server and on the command line', { skip: !existsSync(CLI) && 'dist/cli.js not built' }, async () => {
  const dir = workspace('bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(KNOWLEDGE)]));
  const loaded = await loader.load([dir]);
  assert.deepEqual(loaded.files.map((f) => f.problems), [[]]);
  assert.ok(loaded.knowledge.entities.has('zorvatal'));
  const r = spawnSync(process.execPath, [CLI, 'export', dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.ok(JSON.parse(r.stdout).events.some((e: { location: { entity: string } | null }) => e.location?.entity === 'zorvatal'), 'the workspace place is unknown');
  // link --knowledge FILE
  const line = JSON.stringify({ id: 'a', text: ARTICLE }) + '\n';
  const analysed = spawnSync(process.execPath, [CLI, 'analyze', '--jsonl', '--knowledge', join(dir, '.khabar', 'knowledge.json')], { encoding: 'utf8', input: line });
  assert.equal(analysed.status, 0, analysed.stderr);
  assert.match(analysed.stdout, /zorvatal/);
  // UTF-16 with a byte-order mark, little- and big-endian, is read too.
  for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(KNOWLEDGE)]), Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(KNOWLEDGE)])]) {
    const d = decodeKnowledgeFile('knowledge.json', bytes);
    assert.ok(d.ok && d.text === KNOWLEDGE);
  }
});

test('knowledge file: UTF-16 without a byte-order mark is said to be UTF-16, with how to convert it', { skip: !existsSync(CLI) && 'dist/cli.js not built' }, async () => {
  for (const [order, bytes] of [['LE', utf16le(KNOWLEDGE)], ['BE', utf16be(KNOWLEDGE)]] as const) {
    const dir = workspace(`utf16${order}`, bytes);
    const loaded = await loader.load([dir]);
    const message = loaded.files[0]?.problems[0]?.message ?? '';
    assert.match(message, new RegExp(`looks like UTF-16 \\(${order === 'LE' ? 'little' : 'big'}-endian\\) without a byte-order mark`));
    assert.match(message, new RegExp(`iconv -f UTF-16${order} -t UTF-8 knowledge\\.json`));
    assert.doesNotMatch(message, /binary|cannot parse/);
    assert.equal(loaded.files[0].problems[0].line, 0);
    const r = spawnSync(process.execPath, [CLI, 'export', dir], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`knowledge\\.json: looks like UTF-16.*iconv -f UTF-16${order} -t UTF-8`));
  }
  // Persian and Arabic names only (no ASCII byte pairs with a NUL in them) but JSON's punctuation: still told.
  const d = decodeKnowledgeFile('knowledge.json', utf16le('{"entities": [{"id": "x", "name": "قیزیل‌تال قیزیل‌تال قیزیل‌تال"}]}'));
  assert.ok(!d.ok && /UTF-16 \(little-endian\)/.test(d.message), JSON.stringify(d));
});

test('knowledge file: a NUL byte after the first 8 KB refuses it as binary', async () => {
  for (const ext of ['json', 'yaml']) {
    const dir = join(tmp, `nul-${ext}`);
    mkdirSync(join(dir, '.khabar'), { recursive: true });
    const text = ext === 'json' ? KNOWLEDGE.replace('"Zorvatal"', `"Zorvatal"${' '.repeat(9000)}`) : `entities:\n  - id: zorvatal\n    type: place\n    name: "Zorvatal${'x'.repeat(9000)}"\n`;
    const at = text.indexOf('Zorvatal') + 9000;
    const bytes = Buffer.from(text);
    bytes[at] = 0;
    writeFileSync(join(dir, '.khabar', `knowledge.${ext}`), bytes);
    const loaded = await loader.load([dir]);
    assert.match(loaded.files[0]?.problems[0]?.message ?? '', new RegExp(`binary file \\(a NUL byte at offset ${at}\\)`), ext);
    assert.ok(!loaded.knowledge.entities.has('zorvatal'));
  }
});

test('knowledge file: a folder in its place is said to be one, in the server and on the command line', { skip: !existsSync(CLI) && 'dist/cli.js not built' }, async () => {
  const dir = workspace('folder', 'folder');
  const loaded = await loader.load([dir]);
  assert.deepEqual(loaded.skipped.map((s) => s.path), [join(dir, '.khabar', 'knowledge.json')]);
  assert.match(loaded.skipped[0].message, /is a folder, not a knowledge file/);
  const r = spawnSync(process.execPath, [CLI, 'export', dir], { encoding: 'utf8' });
  assert.equal(r.status, 1, 'the exit code does not say that something failed');
  assert.match(r.stderr, /knowledge\.json: is a folder, not a knowledge file/);
  const batch = spawnSync(process.execPath, [CLI, 'link', '--knowledge', join(dir, '.khabar', 'knowledge.json')], { encoding: 'utf8', input: '' });
  assert.equal(batch.status, 1);
  assert.equal(batch.stderr.trim().split('\n').length, 1, batch.stderr);
  assert.match(batch.stderr, /is a folder, not a knowledge file/);
});
