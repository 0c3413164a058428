/** The editor side's pure helpers: glob matching, which documents are articles, settings, hover text. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ArticleFilter, GlobSet, uriToPath } from '../../server/src/articles';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/settings';
import { escapeMarkdown, figureAt, figureHoverMarkdown, formatValue } from '../../server/src/hover';
import type { Figure } from '../../server/src/core';

const m = (glob: string, p: string) => new GlobSet([glob]).matches(p);

test('glob: ** matches any number of segments', () => {
  assert.ok(m('**/*.txt', '/home/u/news/a.txt'));
  assert.ok(m('**/*.txt', 'a.txt'));
  assert.ok(!m('**/*.txt', '/home/u/a.txt.bak'));
  assert.ok(m('**/node_modules/**', '/p/node_modules/x/y.md'));
  assert.ok(m('**/node_modules/**', 'node_modules/y.md'));
  assert.ok(!m('**/node_modules/**', '/p/node_modules_old/y.md'));
  assert.ok(m('**/.git/**', '/p/.git/COMMIT_EDITMSG'));
  assert.ok(m('a/**', 'a/b/c'));
  assert.ok(m('a/**/c', 'a/c'));
  assert.ok(m('a/**/c', 'a/x/y/c'));
  assert.ok(!m('a/*/c', 'a/x/y/c'));
});

test('glob: braces, classes, ? and literal dots', () => {
  const g = '**/{README,CHANGELOG,LICENSE,CONTRIBUTING}*';
  assert.ok(m(g, '/p/README.md'));
  assert.ok(m(g, '/p/docs/CHANGELOG.txt'));
  assert.ok(m(g, 'LICENSE'));
  assert.ok(!m(g, '/p/readme-not.md'));
  assert.ok(!m(g, '/p/MY_README.md'));
  assert.ok(m('**/*.{md,txt}', '/a/b.md'));
  assert.ok(m('**/*.{md,{txt,article}}', '/a/b.article'));
  assert.ok(m('file?.txt', 'file1.txt'));
  assert.ok(!m('file?.txt', 'file12.txt'));
  assert.ok(m('[ab]*.md', 'b1.md'));
  assert.ok(!m('[!ab]*.md', 'b1.md'));
  assert.ok(!m('*.md', 'xmd'));
  assert.ok(m('**', '/anything/at/all'));
  assert.doesNotThrow(() => new GlobSet(['[unclosed{brace(']).matches('x'));
  assert.ok(new GlobSet(['*.MD'], { ignoreCase: true }).matches('a.md'));
  assert.ok(!new GlobSet(['*.MD']).matches('a.md'));
  assert.ok(!m('!a.md', 'b.md'), 'a leading ! is no negation, as in VS Code');
  assert.ok(new GlobSet(['', '**/*.md']).matches('x', '/a.md'));
});

test('articles: include, exclude, news-article language, untitled', () => {
  const f = new ArticleFilter({ ...DEFAULT_SETTINGS, workspaceFolders: ['file:///ws'], ignoreCase: false });
  assert.ok(f.isArticle('file:///ws/news/a.txt', 'plaintext'));
  assert.ok(f.isArticle('file:///ws/a.md', 'markdown'));
  assert.ok(f.isArticle('file:///ws/a.article', 'news-article'));
  assert.ok(f.isArticle('file:///ws/a.log', 'news-article'), 'the news-article language counts whatever the name');
  assert.ok(!f.isArticle('file:///ws/a.log', 'plaintext'));
  assert.ok(!f.isArticle('file:///ws/README.md', 'markdown'));
  assert.ok(!f.isArticle('file:///ws/README.md', 'news-article'), 'exclude wins over the language');
  assert.ok(!f.isArticle('file:///ws/node_modules/x/a.md', 'markdown'));
  assert.ok(f.isArticle('untitled:Untitled-1', 'plaintext'));
  assert.ok(!f.isArticle('git:/ws/a.md', 'markdown'));
  assert.ok(f.isArticle('file:///ws/%D8%AE%D8%A8%D8%B1.txt', 'plaintext'));
  const rel = new ArticleFilter({ include: ['news/*.txt'], exclude: [], workspaceFolders: ['file:///ws'], ignoreCase: false });
  assert.ok(rel.isArticle('file:///ws/news/a.txt', 'plaintext'), 'globs also match workspace-relative paths');
  assert.ok(!rel.isArticle('file:///ws/other/a.txt', 'plaintext'));
  assert.equal(uriToPath('file:///ws/%D8%AE.txt'), '/ws/\u062e.txt');
  assert.ok(f.isArticle('file:///ws/b.markdown', 'markdown'));
  assert.ok(!f.isArticle('file:///ws/CONTRIBUTING.md', 'markdown'));
  // Hidden files and folders of the workspace are not articles, unless an include glob names them;
  // a workspace folder that is itself inside a hidden folder is not hidden.
  for (const hidden of ['file:///ws/.vscode-test/x/LICENSE.txt', 'file:///ws/.github/a.md', 'file:///ws/.notes.txt', 'file:///ws/.khabar/a.article']) {
    assert.ok(!f.isArticle(hidden, hidden.endsWith('.article') ? 'news-article' : 'plaintext'), hidden);
  }
  assert.ok(f.excludesFolder('/ws/.vscode-test') && f.excludesFolder('/ws/sub/.git') && !f.excludesFolder('/ws/sub'));
  const inHidden = new ArticleFilter({ ...DEFAULT_SETTINGS, workspaceFolders: ['file:///home/u/.local/news'], ignoreCase: false });
  assert.ok(inHidden.isArticle('file:///home/u/.local/news/a.txt', 'plaintext'));
  assert.ok(!inHidden.excludesFolder('/home/u/.local/news/sub'));
  const named = new ArticleFilter({ include: ['.notes/*.txt'], exclude: [], workspaceFolders: ['file:///ws'], ignoreCase: false });
  assert.ok(named.isArticle('file:///ws/.notes/a.txt', 'plaintext') && !named.excludesFolder('/ws/.notes'));
  assert.equal(uriToPath('untitled:x'), null);
});

test('settings: defaults for missing or wrong values', () => {
  assert.deepEqual(readSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(readSettings([null, 'x', 'big', -5]), { ...DEFAULT_SETTINGS, debounceMs: 0 });
  assert.deepEqual(readSettings([['*.a'], [], 10, 300]), { include: ['*.a'], exclude: [], maxFileSizeKB: 10, debounceMs: 300 });
});

const figure = (over: Partial<Figure> = {}): Figure => ({
  start: 0, end: 33, kind: 'killed', group: 'police', low: 3, high: 3, approximate: false, explicit: true,
  text: 'Three police officers were killed', trigger: { start: 27, end: 33 }, language: 'en', sentence: 0, ...over,
});

test('hover: value, kind, group, explicitness and the words', () => {
  assert.equal(formatValue({ low: 3, high: 3, approximate: false }), '3');
  assert.equal(formatValue({ low: 3, high: 5, approximate: false }), '3–5');
  assert.equal(formatValue({ low: 4, high: null, approximate: false }), 'at least 4');
  assert.equal(formatValue({ low: 24, high: 99, approximate: true }), 'about 24–99');
  assert.equal(formatValue({ low: 8000, high: 8000, approximate: true }), 'about 8,000');
  const md = figureHoverMarkdown(figure());
  assert.match(md, /killed/);
  assert.match(md, /\*\*Value:\*\* 3\n/);
  assert.match(md, /police/);
  assert.match(md, /explicit/);
  assert.match(md, /Three police officers were killed/);
  const implied = figureHoverMarkdown(figure({ kind: 'arrested', group: 'perpetrators', low: 1, high: 1, explicit: false, text: 'the attacker was arrested' }));
  assert.match(implied, /implied by a noun/);
  // A vague quantity ("dozens") is not called explicit, and its value reads "about …".
  const vague = figureHoverMarkdown(figure({ low: 24, high: 99, approximate: true, explicit: true, text: 'عشرات المدنيين' }));
  assert.doesNotMatch(vague, /explicit/);
  assert.match(vague, /\*\*Value:\*\* about 24–99\n/);
  assert.match(vague, /\u2068عشرات المدنيين\u2069/, 'Arabic words are isolated');
  assert.match(implied, /arrested/);
  assert.equal(escapeMarkdown('a*b_[c]'), 'a\\*b\\_\\[c\\]');
});

test('hover: the innermost figure under the cursor', () => {
  const outer = { start: 0, end: 10 };
  const inner = { start: 2, end: 5 };
  assert.equal(figureAt([outer, inner], 3), inner);
  assert.equal(figureAt([outer, inner], 7), outer);
  assert.equal(figureAt([outer, inner], 10), undefined);
});
