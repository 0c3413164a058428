/**
 * package.json's contributions agree with the ids the code uses: commands registered in client/src,
 * theme colours used through ThemeColor, configuration keys read anywhere in client/src and
 * server/src, views the client creates, and the languages the client's document selector names.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

function findRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'khabar') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no khabar package.json above ${__dirname}`);
  }
}

const root = findRoot();
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes ?? {};

function sources(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|js|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts')) out.push({ file: path.relative(root, p), text: readFileSync(p, 'utf8') });
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

const clientSources = sources(path.join(root, 'client', 'src'));
const allSources = [...clientSources, ...sources(path.join(root, 'server', 'src'))];

function collect(files: { text: string }[], re: RegExp): Set<string> {
  const found = new Set<string>();
  for (const { text } of files) for (const m of text.matchAll(re)) found.add(m[1]);
  return found;
}

const sorted = (s: Iterable<string>) => [...s].sort();

const registeredCommands = collect(clientSources, /registerCommand\(\s*['"](khabar\.[\w.]+)['"]/g);
const usedColors = collect(allSources, /ThemeColor\(\s*['"](khabar\.[\w.]+)['"]/g);
/** Every 'khabar.…' string literal in the code. */
const literals = collect(allSources, /['"](khabar\.[\w.]+)['"]/g);

const contributedCommands = new Set<string>((contributes.commands ?? []).map((c: { command: string }) => c.command));
const contributedColors = new Set<string>((contributes.colors ?? []).map((c: { id: string }) => c.id));
const configurations = Array.isArray(contributes.configuration) ? contributes.configuration : [contributes.configuration ?? {}];
const contributedSettings = new Set<string>(configurations.flatMap((c: { properties?: object }) => Object.keys(c.properties ?? {})));
const contributedViews = new Set<string>(Object.values((contributes.views ?? {}) as Record<string, { id: string }[]>).flat().map((v) => v.id));

test('the code registers some commands, colours and settings (the scan works)', () => {
  assert.ok(clientSources.length > 0, 'no sources found in client/src');
  assert.ok(registeredCommands.size > 0, 'no registerCommand(\'khabar.…\') found');
  assert.ok(usedColors.size > 0, 'no ThemeColor(\'khabar.…\') found');
});

test('every registered command is contributed and every contributed command is registered', () => {
  assert.deepEqual(sorted(contributedCommands), sorted(registeredCommands));
});

test('contributed commands have a title and the Khabar category', () => {
  for (const c of contributes.commands ?? []) {
    assert.ok(c.title, `${c.command} has no title`);
    assert.equal(c.category, 'Khabar', `${c.command} is not in the Khabar category`);
  }
});

test('every colour used through ThemeColor is contributed and every contributed colour is used', () => {
  assert.deepEqual(sorted(contributedColors), sorted(usedColors));
});

test('contributed colours have defaults for dark, light and high-contrast themes', () => {
  for (const c of contributes.colors ?? []) {
    for (const theme of ['dark', 'light', 'highContrast']) {
      assert.ok(c.defaults?.[theme], `${c.id} has no ${theme} default`);
    }
  }
});

test('every khabar.* setting read by the code is contributed', () => {
  const settingsRead = [...literals].filter((id) => !registeredCommands.has(id) && !usedColors.has(id) && !contributedCommands.has(id) && !contributedViews.has(id));
  assert.ok(settingsRead.length > 0, 'no khabar.* setting read by the code');
  const isSettingOrSection = (id: string) => contributedSettings.has(id) || [...contributedSettings].some((k) => k.startsWith(id + '.'));
  assert.deepEqual(settingsRead.filter((id) => !isSettingOrSection(id)), [], 'read by the code but not in contributes.configuration');
});

test('every contributed setting is read by the code', () => {
  const clientId = /new LanguageClient\(\s*['"]([\w.-]+)['"]/.exec(clientSources.map((s) => s.text).join('\n'))?.[1];
  assert.equal(clientId, 'khabar', 'the LanguageClient id must be khabar (it reads khabar.trace.server)');
  // vscode-languageclient reads <client id>.trace.server itself.
  const readByLibrary = new Set(['khabar.trace.server']);
  const unread = [...contributedSettings].filter((k) => !literals.has(k) && !readByLibrary.has(k));
  assert.deepEqual(unread, [], 'contributed but never read');
});

test('configuration defaults match the server defaults', async () => {
  const { DEFAULT_SETTINGS } = await import('../../server/src/settings');
  const props = configurations[0].properties;
  assert.deepEqual(props['khabar.articles.include'].default, DEFAULT_SETTINGS.include);
  assert.deepEqual(props['khabar.articles.exclude'].default, DEFAULT_SETTINGS.exclude);
  assert.equal(props['khabar.maxFileSizeKB'].default, DEFAULT_SETTINGS.maxFileSizeKB);
  assert.equal(props['khabar.debounceMs'].default, DEFAULT_SETTINGS.debounceMs);
});

test('views: each contributed view is named by the client, lives in a contributed container with an icon, and its menus name contributed commands', () => {
  assert.ok(contributedViews.size > 0, 'no views contributed');
  const clientLiterals = collect(clientSources, /['"](khabar\.[\w.]+)['"]/g);
  for (const id of contributedViews) assert.ok(clientLiterals.has(id), `view ${id} is contributed but the client never names it`);
  const containers = new Map<string, { icon?: string }>(
    Object.values((contributes.viewsContainers ?? {}) as Record<string, { id: string; icon?: string }[]>).flat().map((c) => [c.id, c]),
  );
  for (const container of Object.keys(contributes.views ?? {})) {
    if (['explorer', 'scm', 'debug', 'test'].includes(container)) continue;
    const c = containers.get(container);
    assert.ok(c, `views container ${container} is not contributed`);
    assert.ok(c.icon && existsSync(path.join(root, c.icon)), `views container ${container} has no icon file (${c.icon})`);
  }
  for (const [menu, items] of Object.entries((contributes.menus ?? {}) as Record<string, { command: string }[]>)) {
    for (const item of items) assert.ok(contributedCommands.has(item.command), `${menu} names ${item.command}, which is not contributed`);
  }
  for (const w of contributes.viewsWelcome ?? []) assert.ok(contributedViews.has(w.view), `viewsWelcome for unknown view ${w.view}`);
});

test('every language of the client\'s document selector activates the extension', () => {
  const m = /LANGUAGES\s*=\s*\[([^\]]*)\]/.exec(clientSources.map((s) => s.text).join('\n'));
  assert.ok(m, 'LANGUAGES not found in client/src');
  const languages = [...m[1].matchAll(/['"]([\w-]+)['"]/g)].map((x) => x[1]);
  assert.ok(languages.includes('news-article'));
  for (const language of languages) {
    assert.ok((pkg.activationEvents ?? []).includes(`onLanguage:${language}`), `no onLanguage:${language} activation event`);
  }
  const declared = new Set((contributes.languages ?? []).map((l: { id: string }) => l.id));
  assert.ok(declared.has('news-article'), 'the news-article language is not contributed');
});

test('the scripts the harness needs exist', () => {
  assert.equal(pkg.scripts['test:integration'], 'bash test/integration/run.sh');
  assert.ok(existsSync(path.join(root, 'test/integration/run.sh')));
  assert.ok(existsSync(path.join(root, 'scripts/open.sh')));
  assert.equal(pkg.main, './dist/client.js');
});
