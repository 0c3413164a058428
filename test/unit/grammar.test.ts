// The `news-article` TextMate grammar and its language configuration.
// Bundled to dist/test/unit/ by esbuild.mjs; repository files are found from the working directory
// (the repository root under `npm test`) or, failing that, from the bundle's own directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { SAMPLE_ARTICLES } from './helpers';
import { join, resolve } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

function repoRoot(): string {
  const candidates = [process.cwd(), resolve(__dirname, '..', '..', '..')];
  for (const dir of candidates) {
    if (existsSync(join(dir, 'syntaxes', 'news-article.tmLanguage.json'))) return dir;
  }
  throw new Error(`cannot find the repository root from ${candidates.join(' or ')}`);
}

const root = repoRoot();
const grammarPath = join(root, 'syntaxes', 'news-article.tmLanguage.json');
const configPath = join(root, 'syntaxes', 'language-configuration.json');
const grammarText = readFileSync(grammarPath, 'utf8');

interface RegexAt {
  where: string;
  source: string;
}

/** Every begin/end/match/while regex of a grammar, with a path to say where it is. */
function regexesOf(node: unknown, where = '$'): RegexAt[] {
  const out: RegexAt[] = [];
  if (Array.isArray(node)) {
    node.forEach((n, i) => out.push(...regexesOf(n, `${where}[${i}]`)));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (['begin', 'end', 'match', 'while'].includes(key) && typeof value === 'string') {
        out.push({ where: `${where}.${key}`, source: value });
      } else {
        out.push(...regexesOf(value, `${where}.${key}`));
      }
    }
  }
  return out;
}

let onigReady: Promise<vsctm.IOnigLib> | undefined;
function onigLib(): Promise<vsctm.IOnigLib> {
  onigReady ??= (async () => {
    const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(new Uint8Array(wasm));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onigReady;
}

/** Stands in for VS Code's YAML grammar: keys and plain values get YAML-ish scopes. */
const yamlStub = {
  scopeName: 'source.yaml',
  patterns: [
    {
      match: '^([A-Za-z_][\\w-]*)(:)',
      captures: {
        '1': { name: 'entity.name.tag.yaml' },
        '2': { name: 'punctuation.separator.key-value.mapping.yaml' },
      },
    },
  ],
};

async function loadGrammar(withYaml = true): Promise<vsctm.IGrammar> {
  const registry = new vsctm.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scopeName: string) => {
      if (scopeName === 'text.news-article') return vsctm.parseRawGrammar(grammarText, grammarPath);
      if (scopeName === 'source.yaml' && withYaml) return vsctm.parseRawGrammar(JSON.stringify(yamlStub), 'yaml.json');
      return null;
    },
  });
  const grammar = await registry.loadGrammar('text.news-article');
  assert.ok(grammar, 'the grammar loads');
  return grammar;
}

interface Tok {
  line: number;
  text: string;
  scopes: string[];
}

function tokenize(grammar: vsctm.IGrammar, text: string): Tok[] {
  const out: Tok[] = [];
  let stack = vsctm.INITIAL;
  text.split('\n').forEach((line, i) => {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) out.push({ line: i, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    stack = r.ruleStack;
  });
  return out;
}

/** The scopes of the token that contains `needle` (the first occurrence, optionally on a given line). */
function scopesAt(tokens: Tok[], text: string, needle: string, line?: number): string[] {
  const lines = text.split('\n');
  const li = line ?? lines.findIndex((l) => l.includes(needle));
  assert.ok(li >= 0, `"${needle}" is in the text`);
  const col = lines[li].indexOf(needle);
  assert.ok(col >= 0, `"${needle}" is on line ${li}`);
  let pos = 0;
  for (const t of tokens.filter((t) => t.line === li)) {
    if (col >= pos && col < pos + t.text.length) return t.scopes;
    pos += t.text.length;
  }
  throw new Error(`no token at "${needle}"`);
}

function hasScope(scopes: string[], prefix: string): boolean {
  return scopes.some((s) => s.split(' ').some((part) => part === prefix || part.startsWith(prefix + '.')));
}

function assertScope(tokens: Tok[], text: string, needle: string, prefix: string, line?: number): void {
  const scopes = scopesAt(tokens, text, needle, line);
  assert.ok(hasScope(scopes, prefix), `"${needle}" should be ${prefix}, got ${scopes.join(' | ')}`);
}

function assertNotScope(tokens: Tok[], text: string, needle: string, prefix: string, line?: number): void {
  const scopes = scopesAt(tokens, text, needle, line);
  assert.ok(!hasScope(scopes, prefix), `"${needle}" should not be ${prefix}, got ${scopes.join(' | ')}`);
}

test('grammar JSON parses and names its scope', () => {
  const g = JSON.parse(grammarText);
  assert.equal(g.scopeName, 'text.news-article');
  assert.ok(Array.isArray(g.patterns) && g.patterns.length > 0);
});

test('every include of the grammar points at a repository entry or an external scope', () => {
  const g = JSON.parse(grammarText);
  const includes: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n)) {
        if (k === 'include' && typeof v === 'string') includes.push(v);
        else walk(v);
      }
    }
  };
  walk(g);
  for (const inc of includes) {
    if (inc.startsWith('#')) assert.ok(g.repository[inc.slice(1)], `repository has ${inc}`);
    else assert.ok(['$self', '$base', 'source.yaml'].includes(inc), `unexpected include ${inc}`);
  }
});

test('every begin/end/match regex compiles with Oniguruma', async () => {
  await onigLib();
  const regexes = regexesOf(JSON.parse(grammarText));
  assert.ok(regexes.length >= 10, `found ${regexes.length} regexes`);
  for (const { where, source } of regexes) {
    assert.doesNotThrow(() => new oniguruma.OnigScanner([source]).dispose(), `${where}: ${source}`);
  }
});

test('front matter is embedded YAML, only at the top', async () => {
  const grammar = await loadGrammar();
  const text = ['---', 'title: Shrine attack', 'date: 2022-10-26', '---', 'SHIRAZ, Iran, Oct. 26 — Text.', '---', 'title: not front matter'].join('\n');
  const toks = tokenize(grammar, text);
  assertScope(toks, text, '---', 'punctuation.definition.frontmatter.begin', 0);
  assertScope(toks, text, 'title', 'meta.embedded.block.frontmatter', 1);
  assertScope(toks, text, 'title', 'entity.name.tag.yaml', 1);
  assertScope(toks, text, 'date', 'source.yaml', 2);
  assertScope(toks, text, '---', 'punctuation.definition.frontmatter.end', 3);
  assertNotScope(toks, text, 'SHIRAZ', 'meta.frontmatter', 4);
  assertNotScope(toks, text, 'title', 'meta.frontmatter', 6);
  assertNotScope(toks, text, 'title', 'entity.name.tag.yaml', 6);
});

test('front matter is still recognised without a YAML grammar', async () => {
  const grammar = await loadGrammar(false);
  const text = ['---', 'title: 12 killed', '---', 'Body with 12 killed.'].join('\n');
  const toks = tokenize(grammar, text);
  assertScope(toks, text, '---', 'punctuation.definition.frontmatter.begin', 0);
  assertScope(toks, text, 'title', 'entity.name.tag.yaml', 1);
  assertNotScope(toks, text, '12', 'constant.numeric', 1);
  assertScope(toks, text, '---', 'punctuation.definition.frontmatter.end', 2);
  assertScope(toks, text, '12', 'constant.numeric', 3);
});

test('digits in Latin, Arabic-Indic and Persian forms, with separators, on left-to-right lines', async () => {
  const grammar = await loadGrammar();
  const text = [
    'At least 1,200 people and 35 soldiers; 3.5 per cent; G20 is not a number here.',
    'Arabic digits: ١٬٢٠٠ and ٣٥ and ٣٫٥ per cent.',
    'Persian digits: ۱٬۲۰۰ and ۳۵; ۲۷ساله.',
  ].join('\n');
  const toks = tokenize(grammar, text);
  const whole = (needle: string, scope: string, line: number): void => {
    assertScope(toks, text, needle, scope, line);
    const lineToks = toks.filter((t) => t.line === line);
    assert.ok(lineToks.some((t) => t.text === needle && hasScope(t.scopes, scope)), `"${needle}" is one ${scope} token`);
  };
  whole('1,200', 'constant.numeric.latin', 0);
  whole('35', 'constant.numeric.latin', 0);
  whole('3.5', 'constant.numeric.latin', 0);
  assertNotScope(toks, text, '20 is', 'constant.numeric', 0);
  whole('١٬٢٠٠', 'constant.numeric.arabic-indic', 1);
  whole('٣٥', 'constant.numeric.arabic-indic', 1);
  whole('٣٫٥', 'constant.numeric.arabic-indic', 1);
  whole('۱٬۲۰۰', 'constant.numeric.persian', 2);
  whole('۳۵', 'constant.numeric.persian', 2);
  whole('۲۷', 'constant.numeric.persian', 2);
});

/** Body lines whose paragraph is right-to-left: datelines, quotations, digits of three scripts, a link. */
const RTL_LINES = [
  'قتل ١٬٢٠٠ شخص وأصيب ٣٥ آخرون، ونسبة ٣٫٥ في المئة.',
  'دست‌کم ۱٬۲۰۰ نفر و ۳۵ سرباز؛ ۲۷ساله.',
  'قال الشاهد «رأيت ٣ مسلحين» ثم غادر، وقال آخر “قتل 5” و"اعتقل 7" https://example.com/a',
  'القاهرة - (رويترز) - قالت الشرطة إن 12 شخصا قتلوا.',
  'طهران - 26 تشرين الأول/أكتوبر 2022 (أنباء المشرق) - قُتل 15 شخصاً.',
  '  «12» قتيلا في 3 هجمات',
  'שלושה שוטרים נהרגו ב-3 פיגועים',
];

test('a right-to-left line is one token with one scope: no digit, quotation, dateline or link scope cuts it', async () => {
  const grammar = await loadGrammar();
  const text = ['---', 'title: هجوم', '---', ...RTL_LINES, 'And 12 killed in an English line.'].join('\n');
  const toks = tokenize(grammar, text);
  for (let line = 3; line < 3 + RTL_LINES.length; line++) {
    const lineToks = toks.filter((x) => x.line === line && x.text !== '');
    assert.deepEqual(lineToks.map((t) => t.text), [RTL_LINES[line - 3]], `line ${line} is cut: ${JSON.stringify(lineToks.map((t) => [t.text, t.scopes.join(' ')]))}`);
    assert.deepEqual(lineToks[0].scopes, ['text.news-article', 'meta.paragraph.right-to-left.news-article']);
  }
  assertScope(toks, text, '12', 'constant.numeric', 3 + RTL_LINES.length);
  assertNotScope(toks, text, 'And', 'meta.paragraph.right-to-left', 3 + RTL_LINES.length);
  assertNotScope(toks, text, 'title', 'meta.paragraph.right-to-left', 1);
});

test('with a theme that colours every scope, a right-to-left line is still one token (VS Code renders it as one run)', async () => {
  const registry = new vsctm.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scopeName: string) => (scopeName === 'text.news-article' ? vsctm.parseRawGrammar(grammarText, grammarPath) : null),
    theme: {
      name: 'everything coloured',
      settings: [
        { settings: { foreground: '#000000', background: '#ffffff' } },
        ...['constant', 'string', 'entity', 'markup', 'punctuation', 'keyword', 'variable', 'support', 'storage', 'comment'].map((scope, i) => ({
          scope,
          settings: { foreground: `#0000${(16 + i).toString(16)}` },
        })),
      ],
    },
  });
  const grammar = await registry.loadGrammar('text.news-article');
  assert.ok(grammar);
  for (const line of RTL_LINES) {
    const r = grammar.tokenizeLine2(line, vsctm.INITIAL);
    assert.equal(r.tokens.length / 2, 1, `"${line}" is cut into ${r.tokens.length / 2} tokens`);
  }
  const ltr = grammar.tokenizeLine2('At least 12 were killed', vsctm.INITIAL);
  assert.ok(ltr.tokens.length / 2 > 1, 'a left-to-right line keeps its digit tokens');
});

test('a quotation opened on a left-to-right line ends before a right-to-left line', async () => {
  const grammar = await loadGrammar();
  const text = ['He said “two people died and', 'قال الشاهد إن 3 قتلوا', 'more” later.'].join('\n');
  const toks = tokenize(grammar, text);
  assertScope(toks, text, 'two', 'string.quoted', 0);
  assertNotScope(toks, text, 'الشاهد', 'string.quoted', 1);
  assertNotScope(toks, text, '3', 'constant.numeric', 1);
});

test('quotations in «», “” and "" are strings on left-to-right lines, across a wrapped line, and end at a blank line', async () => {
  const grammar = await loadGrammar();
  const text = [
    'قال الشاهد «رأيت ٣ مسلحين» ثم غادر.',
    'He said “two people died” and “more',
    'were hurt” later, then "7 arrests" were made.',
    'An unclosed «quote runs',
    '',
    'but not past a blank line.',
  ].join('\n');
  const toks = tokenize(grammar, text);
  // A right-to-left line is left whole: its quotation and digits are not scoped.
  assertScope(toks, text, 'رأيت', 'meta.paragraph.right-to-left', 0);
  assertNotScope(toks, text, 'رأيت', 'string.quoted', 0);
  assertNotScope(toks, text, '٣', 'constant.numeric', 0);
  assertScope(toks, text, 'two', 'string.quoted.double.curly', 1);
  assertNotScope(toks, text, 'and', 'string.quoted', 1);
  assertScope(toks, text, 'were', 'string.quoted.double.curly', 2);
  assertNotScope(toks, text, 'later', 'string.quoted', 2);
  assertScope(toks, text, 'arrests', 'string.quoted.double', 2);
  assertScope(toks, text, 'runs', 'string.quoted', 3);
  assertNotScope(toks, text, 'blank', 'string.quoted', 5);
});

test('datelines in English; Arabic and Persian ones open right-to-left lines, left whole', async () => {
  const grammar = await loadGrammar();
  const text = [
    'SHIRAZ, Iran, Oct. 26 — A gunman opened fire.',
    'Dushanbe, 30 July 2018 — Four cyclists were killed.',
    'KABUL (Reuters) - Police said.',
    'القاهرة - (رويترز) - قالت الشرطة.',
    'شيراز (إيران) - 26 تشرين الأول/أكتوبر 2022 - أعلنت السلطات.',
    'تهران- ایرنا- رئیس پلیس گفت.',
    'طهران - 26 تشرين الأول/أكتوبر 2022 (أنباء المشرق) - قُتل 15 شخصاً.',
    'Police said on Tuesday - in a statement - that no one was hurt.',
    'وقال المتحدث إن ٣ أشخاص قتلوا.',
  ].join('\n');
  const toks = tokenize(grammar, text);
  assertScope(toks, text, 'SHIRAZ', 'entity.name.location.city', 0);
  assertScope(toks, text, 'SHIRAZ', 'markup.heading.dateline', 0);
  assertScope(toks, text, '26', 'constant.numeric', 0);
  assertNotScope(toks, text, 'gunman', 'markup.heading.dateline', 0);
  assertScope(toks, text, 'Dushanbe', 'entity.name.location.city', 1);
  assertScope(toks, text, '2018', 'markup.heading.dateline', 1);
  assertNotScope(toks, text, 'Four', 'markup.heading.dateline', 1);
  assertScope(toks, text, 'KABUL', 'entity.name.location.city', 2);
  assertScope(toks, text, 'Reuters', 'entity.name.organization.agency', 2);
  // Arabic-script datelines open right-to-left lines, which are left whole (one token, nothing scoped inside).
  for (const [needle, line] of [['القاهرة', 3], ['رويترز', 3], ['شيراز', 4], ['2022', 4], ['تهران', 5], ['طهران', 6], ['المشرق', 6], ['2022', 6]] as const) {
    assertScope(toks, text, needle, 'meta.paragraph.right-to-left', line);
    assertNotScope(toks, text, needle, 'markup.heading.dateline', line);
    assertNotScope(toks, text, needle, 'constant.numeric', line);
  }
  assertNotScope(toks, text, 'Police', 'markup.heading.dateline', 7);
  assertNotScope(toks, text, 'وقال', 'markup.heading.dateline', 8);
});

test('the sample articles tokenize with front matter or a dateline at the top', async () => {
  const grammar = await loadGrammar();
  const dir = join(root, 'samples');
  const files = SAMPLE_ARTICLES;
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8').replace(/\r\n?/g, '\n');
    const toks = tokenize(grammar, text);
    const first = toks.filter((t) => t.line === 0 && t.text.trim() !== '');
    assert.ok(first.length > 0, `${f} has a first line`);
    assert.ok(
      first.some((t) => hasScope(t.scopes, 'meta.frontmatter') || hasScope(t.scopes, 'markup.heading.dateline') || hasScope(t.scopes, 'meta.paragraph.right-to-left')),
      `${f} starts with front matter, a dateline or a right-to-left paragraph`,
    );
  }
});

test('language configuration: brackets, auto-closing pairs, an Arabic-script word pattern', () => {
  const cfg = JSON.parse(readFileSync(configPath, 'utf8'));
  const pairs = (cfg.brackets as [string, string][]).map((p) => p.join(''));
  assert.ok(pairs.includes('«»'), 'brackets include «»');
  const closing = (cfg.autoClosingPairs as ({ open: string; close: string } | [string, string])[]).map((p) =>
    Array.isArray(p) ? p.join('') : p.open + p.close,
  );
  for (const p of ['«»', '“”', '""', '()']) assert.ok(closing.includes(p), `autoClosingPairs include ${p}`);

  const wp = cfg.wordPattern as string | { pattern: string; flags?: string };
  const re = typeof wp === 'string' ? new RegExp(wp, 'g') : new RegExp(wp.pattern, 'g' + (wp.flags ?? '').replace('g', ''));
  const words = (s: string): string[] => [...s.matchAll(re)].map((m) => m[0]);
  assert.deepEqual(words('قُتل ثلاثة جنود، وأصيب ١٬٢٠٠ آخرون.'), ['قُتل', 'ثلاثة', 'جنود', 'وأصيب', '١٬٢٠٠', 'آخرون']);
  assert.deepEqual(words('«هفت نفر» کشته می‌شوند؛ ۳۵ زخمی؟'), ['هفت', 'نفر', 'کشته', 'می‌شوند', '۳۵', 'زخمی']);
  assert.deepEqual(words('At least 1,200 people (police) were hurt.'), ['At', 'least', '1,200', 'people', 'police', 'were', 'hurt']);
});
