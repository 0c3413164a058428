/**
 * `TextLines`, what the server keeps of an analysed text instead of the text: its positions must be
 * exactly those of the text document the editor has, on any text, whatever its line breaks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextLines } from '../../server/src/textLines';

const seed = process.env.KHABAR_FC_SEED ? Number(process.env.KHABAR_FC_SEED) : undefined;
const text = fc.array(fc.constantFrom('a', 'ب', ' ', '\n', '\r', '\r\n', '\u2029', '😀', '\u200f'), { maxLength: 60 }).map((parts) => parts.join(''));

test('positions are those of TextDocument.positionAt at every offset, line breaks and beyond the ends included', () => {
  fc.assert(
    fc.property(text, (t) => {
      const doc = TextDocument.create('file:///t.txt', 'plaintext', 1, t);
      const lines = TextLines.of('plaintext', t);
      assert.equal(lines.length, t.length);
      assert.equal(lines.lineCount, doc.lineCount);
      for (let o = -2; o <= t.length + 2; o++) assert.deepEqual(lines.positionAt(o), doc.positionAt(o), `offset ${o} of ${JSON.stringify(t)}`);
    }),
    { numRuns: 500, ...(seed !== undefined ? { seed } : {}) },
  );
});

test('a known text is told again by its content and language, not by its length', () => {
  const lines = TextLines.of('plaintext', 'قتل شخصان\nفي بغداد');
  assert.equal(lines.isText('plaintext', 'قتل شخصان\nفي بغداد'), true);
  assert.equal(lines.isText('markdown', 'قتل شخصان\nفي بغداد'), false);
  assert.equal(lines.isText('plaintext', 'قتل ثلاثة\nفي بغداد'), false);
  assert.equal(lines.isText('plaintext', 'قتل شخصان\nفي بغداد.'), false);
  assert.deepEqual(lines.positionAt(14), { line: 1, character: 4 });
  // Texts that differ only in a lone surrogate (UTF-8 would make both U+FFFD).
  assert.equal(TextLines.of('plaintext', 'a\uD800b').isText('plaintext', 'a\uDC00b'), false);
});
