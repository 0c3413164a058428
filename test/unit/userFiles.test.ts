/**
 * Tests that a user's files cannot break, and that print nothing of their own: the unit tests name
 * their inputs (an export saved in samples/, the save dialog's default when the workspace is the
 * samples folder, is no input of theirs), and YAML that the parser warns about (tags, collection
 * keys) in an article's front matter or a knowledge file prints no process warning.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readFrontMatter } from '../../server/src/core/frontMatter';
import { parseKnowledgeFile } from '../../server/src/node/knowledge';
import { root, SAMPLE_ARTICLES } from './helpers';

test('unit tests name their inputs: none lists the files of a folder of the repository', () => {
  const dir = join(root, 'test', 'unit');
  const offenders: string[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    // A listing of samples/ or an export of the whole folder.
    if (/readdirSync\(\s*(join\(\s*root\s*,\s*)?['"]samples/.test(text) || /['"]export['"]\s*,\s*['"]samples\/?['"]/.test(text)) offenders.push(f);
  }
  assert.deepEqual(offenders, []);
  for (const f of SAMPLE_ARTICLES) assert.ok(existsSync(join(root, 'samples', f)), f);
});

test('the export command offers the workspace root as its default location', () => {
  const source = readFileSync(join(root, 'client', 'src', 'exportEvents.ts'), 'utf8');
  assert.match(source, /const folder = vscode\.workspace\.workspaceFolders\?\.\[0\]\?\.uri;/);
  assert.match(source, /defaultUri: folder \? vscode\.Uri\.joinPath\(folder, `events\.\$\{spec\.extension\}`\)/);
});

test('YAML the parser warns about prints no process warning (front matter, knowledge files)', async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  try {
    const fm = readFrontMatter('---\ntitle: !tag x\nsource: !custom Reuters\n? [a, b]\n: c\ndate: 2024-03-13\n---\nThree soldiers were killed.\n');
    assert.equal(fm.frontMatter?.raw.title, 'x');
    const k = parseKnowledgeFile('/ws/.khabar/knowledge.yaml', 'entities:\n  - id: !tag x-place\n    type: place\n    names: { en: [Xplace] }\n');
    assert.ok(k.source || k.problems.length);
    // process.emitWarning delivers on the next tick.
    await new Promise((r) => setImmediate(r));
  } finally {
    process.off('warning', onWarning);
  }
  assert.deepEqual(warnings, []);
});
