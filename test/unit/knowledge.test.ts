import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { crossScriptKey } from '../../server/src/core/knowledge';
import { foldWord } from '../../server/src/core/normalize';
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

test('the key of a name begins with the key of its first words (entities.ts skips longer names on it)', () => {
  const { knowledge } = loadKnowledge(join(root, 'knowledge'));
  const words = (s: string) => s.split(/\s+/).filter(Boolean);
  let checked = 0;
  for (const e of knowledge.entities.values()) {
    for (const name of [e.name, ...Object.values(e.names).flat()]) {
      const w = words(foldWord(name));
      for (let n = 2; n < w.length; n++) {
        const head = crossScriptKey(w.slice(0, n).join(' ')), whole = crossScriptKey(w.join(' '));
        assert.ok(whole.startsWith(head), `${name}: ${head} / ${whole}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 100, `${checked} names of three words or more`);
  const word = fc.stringMatching(/^[a-zA-Z\u0621-\u064a\u067e\u0686\u06af\u06a9\u06cc\u0430-\u044f-]{1,8}$/);
  fc.assert(fc.property(fc.array(word, { minLength: 3, maxLength: 4 }), (ws) => {
    const folded = ws.map((x) => foldWord(x)).filter(Boolean);
    if (folded.length < 3) return;
    assert.ok(crossScriptKey(folded.join(' ')).startsWith(crossScriptKey(folded.slice(0, 2).join(' '))), folded.join(' '));
  }), { numRuns: 2000 });
});
