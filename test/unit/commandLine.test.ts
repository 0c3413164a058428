/**
 * A command line that behaves like one: paths relative to where it is run (also under `npm run`,
 * which moves to the repository root), `npx khabar` through package.json's `bin`, a missing path a
 * usage error, skipped files reported once and left out of the export, and the files of a folder
 * picked by the same rules as the language server's, with one default size limit.
 *
 * The CLI tests need the bundle: `node esbuild.mjs` (npm test builds before it runs the unit tests).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { ArticleFilter, DEFAULT_MAX_FILE_SIZE_KB } from '../../server/src/articles';
import { invocationDir, listArticles } from '../../server/src/node/cliFiles';
import { DEFAULT_MAX_BYTES } from '../../server/src/node/readArticle';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { listArticleFiles, pathToUri } from '../../server/src/workspaceFiles';
import { root } from './helpers';

const CLI = join(root, 'dist', 'cli.js');
const skip = !existsSync(CLI) && 'dist/cli.js not built';
const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'khabar-cli-')));
after(() => rmSync(tmp, { recursive: true, force: true }));
const SAMPLE = join(root, 'samples', 'danghara-cyclists.en.txt');
/** Environment of a process started outside npm (no INIT_CWD, no npm_* variables of an outer `npm test`). */
const plainEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'INIT_CWD' && !k.startsWith('npm_')));
const cli = (args: string[], cwd: string, env: NodeJS.ProcessEnv = plainEnv()) => spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1048576 });
const paths = (stdout: string) => (JSON.parse(stdout) as { documents: { path: string }[] }).documents.map((d) => d.path);

function tree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [f, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), content);
  }
}

test('invocation directory: INIT_CWD only under our own `npm run khabar`', () => {
  const pkg = join(root, 'package.json');
  const npmRun = { INIT_CWD: '/home/u/news', npm_lifecycle_event: 'khabar', npm_package_json: pkg };
  assert.equal(invocationDir(npmRun, root, pkg), '/home/u/news');
  assert.equal(invocationDir({}, '/somewhere', pkg), '/somewhere');
  // Another npm script (npm test) that starts the CLI in another directory keeps that directory.
  assert.equal(invocationDir({ ...npmRun, npm_lifecycle_event: 'test:unit' }, '/tmp/x', pkg), '/tmp/x');
  // Another package's script named khabar runs its own command line, in its own root.
  assert.equal(invocationDir({ ...npmRun, npm_package_json: '/other/package.json' }, '/other', pkg), '/other');
});

test('paths are resolved against where the command was run, also when npm moved to the repository root', { skip }, () => {
  const folder = join(tmp, 'run-from');
  tree(folder, { 'sub/a.txt': readFileSync(SAMPLE), 'b.md': readFileSync(SAMPLE) });
  // Run directly from a folder: `export .` is that folder, not the repository.
  const direct = cli(['export', '.'], folder);
  assert.equal(direct.status, 0, direct.stderr);
  assert.deepEqual(paths(direct.stdout), ['b.md', 'sub/a.txt']);
  // As `npm run khabar` runs it: in the repository root, with INIT_CWD where the user was.
  const npmEnv = { ...plainEnv(), INIT_CWD: join(folder, 'sub'), npm_lifecycle_event: 'khabar', npm_package_json: join(root, 'package.json') };
  const fromSub = cli(['export', 'a.txt', '..', '--out', 'events.json'], root, npmEnv);
  assert.equal(fromSub.status, 0, fromSub.stderr);
  const exported = paths(readFileSync(join(folder, 'sub', 'events.json'), 'utf8'));
  assert.deepEqual(exported, ['a.txt', 'b.md'], 'a.txt named, then the folder above: b.md (sub/a.txt is already in)');
  assert.ok(!existsSync(join(root, 'events.json')), 'the output is not written in the repository root');
});

test('`npx khabar` runs the bin of package.json: a script with a shebang, executable', { skip, timeout: 120_000 }, () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin?: Record<string, string>; files?: string[] };
  assert.equal(pkg.bin?.khabar, 'dist/cli.js');
  assert.ok(pkg.files?.includes('dist/cli.js') && pkg.files.includes('knowledge/') && pkg.files.includes('lexicons/'), 'the package holds what the command line reads');
  assert.ok(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n'));
  accessSync(CLI, constants.X_OK);
  // Started as a program, not through node.
  const self = spawnSync(CLI, ['export', 'danghara-cyclists.en.txt'], { cwd: join(root, 'samples'), env: plainEnv(), encoding: 'utf8' });
  assert.equal(self.status, 0, self.stderr);
  assert.deepEqual(paths(self.stdout), ['danghara-cyclists.en.txt']);
  // Through npx, from a subfolder of the repository, without installing anything.
  const npx = spawnSync('npx', ['--no-install', 'khabar', 'export', 'danghara-cyclists.en.txt'], { cwd: join(root, 'samples'), env: plainEnv(), encoding: 'utf8', shell: process.platform === 'win32' });
  assert.equal(npx.status, 0, `${npx.stderr}${npx.error ?? ''}`);
  assert.deepEqual(paths(npx.stdout), ['danghara-cyclists.en.txt']);
});

test('a missing path is a usage error (exit 2) with one clear line, and nothing is exported', { skip }, () => {
  const r = cli(['export', SAMPLE, 'no-such-article.txt', 'no/such/folder'], tmp);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trim().split('\n');
  assert.deepEqual(lines, [
    `khabar: no-such-article.txt: no such file or folder (paths are relative to ${tmp})`,
    `khabar: no/such/folder: no such file or folder (paths are relative to ${tmp})`,
  ]);
  assert.doesNotMatch(r.stderr, /ENOENT|stat|at \w+ \(/);
  const bad = cli(['export', SAMPLE, '--max-size-kb', 'lots'], tmp);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^usage: khabar export/m);
});

test('skipped files (empty, binary, an image, too large) are reported once and left out of documents', { skip, timeout: 120_000 }, () => {
  const folder = join(tmp, 'skips');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  tree(folder, {
    'good.txt': readFileSync(SAMPLE),
    'empty.txt': '',
    'blank.md': ' \n\n\t\n',
    'binary.txt': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]),
    'photo.png': png,
    'big.article': 'Three soldiers were killed in Kabul. '.repeat(100), // 3.7 KB
  });
  const r = cli(['export', '.', 'photo.png', '--max-size-kb', '2'], folder);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(paths(r.stdout), ['good.txt']);
  const lines = r.stderr.trim().split('\n');
  for (const [file, why] of [['empty.txt', /skipped: empty file/], ['blank.md', /skipped: empty file/], ['binary.txt', /skipped: binary file/], ['photo.png', /skipped: binary file/], ['big.article', /skipped: file is 3\.6 KB, over the 2 KB limit/]] as const) {
    const about = lines.filter((l) => l.startsWith(`khabar: ${file}: `));
    assert.equal(about.length, 1, `${file} is reported once:\n${r.stderr}`);
    assert.match(about[0], why);
  }
  assert.equal(lines.length, 5, r.stderr);
});

test('the files of a folder are the articles of the editor: same rules, one module, one size limit', async () => {
  const folder = join(tmp, 'rules');
  const files = [
    'a.txt', 'b.article', 'c.md', 'd.markdown', 'sub/deeper/e.TXT', 'sub/f.md',
    'README.md', 'docs/CHANGELOG.md', 'LICENSE.txt', 'CONTRIBUTING.md', 'notes.log', 'photo.png', 'events.json', 'events.csv',
    'node_modules/pkg/g.md', '.git/h.txt', '.vscode-test/vscode/LICENSE.txt', '.github/ISSUE_TEMPLATE/bug.md', '.khabar/knowledge.json', '.hidden.txt', 'dist/i.txt',
  ];
  tree(folder, Object.fromEntries(files.map((f) => [f, 'Three soldiers were killed.'])));
  const editor = new ArticleFilter({ include: DEFAULT_SETTINGS.include, exclude: DEFAULT_SETTINGS.exclude, workspaceFolders: [pathToUri(folder)], ignoreCase: false });
  const server = (await listArticleFiles([folder], editor)).files.map((f) => f.slice(folder.length + 1));
  const listed = await listArticles(['.'], folder);
  const cliFiles = listed.targets.map((t) => t.file.slice(folder.length + 1));
  assert.deepEqual(cliFiles, server);
  assert.deepEqual(cliFiles, ['a.txt', 'b.article', 'c.md', 'd.markdown', 'dist/i.txt', 'sub/f.md'].concat(process.platform === 'linux' ? [] : ['sub/deeper/e.TXT']).sort());
  assert.deepEqual(listed.folders, [folder]);
  // A file named is read whatever its name; named twice, once.
  assert.deepEqual((await listArticles(['README.md', './README.md', 'photo.png'], folder)).targets.map((t) => t.file), [join(folder, 'README.md'), join(folder, 'photo.png')]);
  // One default size limit: the setting's default, the server's, the reader's and the command line's.
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } };
  assert.equal(pkg.contributes.configuration.properties['khabar.maxFileSizeKB'].default, DEFAULT_MAX_FILE_SIZE_KB);
  assert.equal(DEFAULT_SETTINGS.maxFileSizeKB, DEFAULT_MAX_FILE_SIZE_KB);
  assert.equal(DEFAULT_MAX_BYTES, DEFAULT_MAX_FILE_SIZE_KB * 1024);
  // The source has one walker and one glob matcher: the command line has none of its own.
  const source = readFileSync(join(root, 'server', 'src', 'cli.ts'), 'utf8');
  assert.doesNotMatch(source, /readdir|\.\(txt\|md/);
  assert.ok(!existsSync(join(root, 'server', 'src', 'glob.ts')));
});
