import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadKnowledge } from '../../server/src/node/knowledge';
import { root } from './helpers';

test('the bundled knowledge base passes its checks (shape, references, coordinates)', () => {
  const out = execFileSync(process.execPath, [join(root, 'scripts', 'checkKnowledge.mjs')], { encoding: 'utf8' });
  assert.match(out, /0 errors/);
});

test('the bundled knowledge base loads into the core with no problems, containment resolving', () => {
  const { knowledge, problems } = loadKnowledge(join(root, 'knowledge'));
  assert.deepEqual(problems, []);
  assert.ok(knowledge.entities.size > 1500);
  for (const e of knowledge.entities.values()) {
    if (e.country) assert.ok(knowledge.entities.has(e.country), `${e.id}: country ${e.country}`);
    if (e.within) assert.ok(knowledge.entities.has(e.within), `${e.id}: within ${e.within}`);
  }
  assert.ok(knowledge.contains('kazakhstan', 'almaty'));
});
