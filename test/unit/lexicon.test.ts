import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileLexicon, PhraseTrie, type FormList } from '../../server/src/core/lexicon';
import { fold } from '../../server/src/core/normalize';
import { tokenize } from '../../server/src/core/tokenize';
import { loadLexicons } from '../../server/src/node/lexicons';
import { root } from './helpers';

const sources = new Map(loadLexicons(join(root, 'lexicons')).map((l) => [l.language, l]));

function formsOf(text: string, lang: string) {
  const lex = compileLexicon(sources.get(lang)!);
  const f = fold(text);
  const tokens = tokenize(f.text, [{ start: 0, end: f.text.length }]);
  return { lex, forms: tokens.map((t) => lex.forms(t)) };
}

test('a form list carries the tries its forms begin, and a trie answers by it as it would by looking', () => {
  const { lex, forms } = formsOf('Two soldiers were killed in the blast', 'en');
  const killed = forms[3] as FormList;
  assert.ok(killed.beginsIn, 'the lexicon marks its form lists');
  assert.equal(lex.triggers.longest(forms, 3)?.to, 4);
  assert.equal(lex.triggers.longest(forms, 4), undefined);
  assert.equal(lex.groups.longest(forms, 1)?.to, 2);
  assert.equal(lex.keyword(forms[1]), true);
  // Every trie of the lexicon, at every token: the masked answer is the unmasked one.
  const bare = forms.map((f) => [...f]);
  for (const trie of Object.values(lex).filter((v): v is PhraseTrie<unknown> => v instanceof PhraseTrie)) {
    for (let i = 0; i < forms.length; i++) assert.deepEqual(trie.longest(forms, i), trie.longest(bare, i));
  }
});

test('a mask does not gate a trie of another lexicon, nor a trie grown after the masks were made', () => {
  const { lex, forms } = formsOf('Two soldiers were killed', 'en');
  const other = compileLexicon(sources.get('en')!);
  assert.equal(other.triggers.longest(forms, 3)?.to, 4, 'a trie of another compile of the lexicon still looks');
  assert.equal(lex.triggers.longest(forms, 0), undefined);
  lex.triggers.add('two', lex.source.triggers[0]);
  assert.equal(lex.triggers.longest(forms, 0)?.to, 1, 'a phrase added later is found');
});
