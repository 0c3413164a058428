import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkSchema, type JsonSchema } from '../../server/src/core/jsonSchema';
import { LEXICON_SCHEMA, loadLexicons, validateLexicon } from '../../server/src/node/lexicons';
import { root } from './helpers';

const dir = join(root, 'lexicons');
/** A fresh parsed copy of the English lexicon, to break. */
const english = (): Record<string, any> => JSON.parse(readFileSync(join(dir, 'en.json'), 'utf8'));

/** The message of the error that validating `data` throws. */
function problem(data: unknown): string {
  try {
    validateLexicon(data, 'lexicons/xx.json');
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail('the lexicon was accepted');
}

test('the repository\'s lexicons fit their schema and name it', () => {
  const lexicons = loadLexicons(dir);
  assert.deepEqual(lexicons.map((l) => l.language), ['ar', 'en', 'fa']);
  assert.ok(existsSync(join(dir, LEXICON_SCHEMA)));
  for (const l of lexicons) assert.equal(l.$schema, `./${LEXICON_SCHEMA}`);
});

test('a missing required key is named with its path and the file', () => {
  const top = english();
  delete top.triggers;
  const m = problem(top);
  assert.match(m, /lexicons\/xx\.json/);
  assert.match(m, /^ {2}\/: the required key "triggers" is missing$/m);
  const nested = english();
  delete nested.clitics.minStem;
  assert.match(problem(nested), /^ {2}\/clitics: the required key "minStem" is missing$/m);
});

test('a value of the wrong type is named with its path', () => {
  const lex = english();
  lex.clitics.minStem = '2';
  lex.numbers.words.one = 'one';
  lex.vague[0].high = 'many';
  const m = problem(lex);
  assert.match(m, /^ {2}\/clitics\/minStem: must be integer$/m);
  assert.match(m, /^ {2}\/numbers\/words\/one: must be number$/m);
  assert.match(m, /^ {2}\/vague\/0\/high: must be number or null$/m);
});

test('an unknown key is named with the object it is in', () => {
  const lex = english();
  lex.triggers[2].kinds = 'killed';
  lex.colour = 'red';
  const m = problem(lex);
  assert.match(m, /^ {2}\/triggers\/2: unknown key "kinds"$/m);
  assert.match(m, /^ {2}\/: unknown key "colour"$/m);
});

test('a value the schema does not allow is named with what it allows', () => {
  const lex = english();
  lex.triggers[0].kind = 'maimed';
  lex.dates.months[0].month = 13;
  const m = problem(lex);
  assert.match(m, /^ {2}\/triggers\/0\/kind: must be one of "killed", "injured", "arrested"$/m);
  assert.match(m, /^ {2}\/dates\/months\/0\/month: must be <= 12$/m);
});

test('loading a folder with a broken lexicon fails with the file\'s path', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'khabar-lexicons-'));
  try {
    const lex = english();
    lex.syntax.headFinal = 'yes';
    writeFileSync(join(tmp, 'en.json'), JSON.stringify(lex));
    assert.throws(() => loadLexicons(tmp), (e: Error) => e.message.includes(join(tmp, 'en.json')) && /\/syntax\/headFinal: must be boolean/.test(e.message));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('the schema checker refuses a keyword it does not know rather than skip its rule', () => {
  assert.throws(() => checkSchema({ type: 'string', pattern: '^a' } as JsonSchema, 'b'), /keyword "pattern" is not supported/);
  assert.deepEqual(checkSchema({ type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 2 }, [1, 0, 2.5]), [
    { path: '/', message: 'must have at most 2 items' },
    { path: '/1', message: 'must be >= 1' },
    { path: '/2', message: 'must be integer' },
  ]);
});
