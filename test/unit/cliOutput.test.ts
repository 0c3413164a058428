/**
 * How the command line writes its output (issue 16, items 7 and 8): `--out` goes through a
 * temporary file of a random name created exclusively in the target's folder (a link planted there
 * is not followed), deleted on every failure; `--force` keeps the replaced file's mode and replaces
 * only regular files. Every failure is one line that says what to do, never a stack trace: a folder,
 * a missing folder, a read-only place, a full disk, a closed or full stdout.
 *
 * Spawns dist/cli.js: `node esbuild.mjs` first (npm test builds before it runs the unit tests).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { root } from './helpers';

const CLI = join(root, 'dist', 'cli.js');
const skip = !existsSync(CLI) && 'dist/cli.js not built';
const tmp = mkdtempSync(join(tmpdir(), 'khabar-cli-out-'));
after(() => {
  try { chmodSync(join(tmp, 'readonly'), 0o755); } catch { /* not made */ }
  rmSync(tmp, { recursive: true, force: true });
});
const articles = join(tmp, 'articles');
mkdirSync(articles);
writeFileSync(join(articles, 'a.txt'), '---\ndate: 2024-05-12\n---\nTwo people were killed in Almaty on Monday.\n');

const cli = (args: string[], options: { cwd?: string } = {}) => spawnSync(process.execPath, [CLI, 'export', articles, ...args], { encoding: 'utf8', cwd: options.cwd ?? tmp });
/** Through a shell: `script` runs before the CLI replaces the shell (`exec` keeps the shell's pid, `$$`). */
const viaShell = (script: string, args: string[]) => spawnSync('sh', ['-c', `${script}; exec "$0" "$@"`, process.execPath, CLI, 'export', articles, ...args], { encoding: 'utf8', cwd: tmp });

/** Failed with one line on stderr, no stack trace, matching `says`. */
function oneLine(r: SpawnSyncReturns<string>, says: RegExp): void {
  assert.notEqual(r.status, 0, `exit code 0; stderr: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `not one line:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /^\s+at |Error: |node:internal/m, `a stack trace:\n${r.stderr}`);
  assert.match(lines[0], says);
}

const leftovers = (dir: string) => readdirSync(dir).filter((f) => /\.tmp$/.test(f));

test('--out: a symbolic link planted at the old temporary name <out>.<pid>.tmp is not followed', { skip }, () => {
  const dir = join(tmp, 'planted');
  mkdirSync(dir);
  const victim = join(dir, 'victim.txt');
  writeFileSync(victim, 'precious\n');
  const r = viaShell(`ln -s "${victim}" "${join(dir, 'events.json')}.$$.tmp"`, ['--out', join(dir, 'events.json')]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(victim, 'utf8'), 'precious\n', 'the planted link was followed and its target overwritten');
  assert.ok(lstatSync(join(dir, 'events.json')).isFile(), 'events.json is not a regular file');
  assert.equal(JSON.parse(readFileSync(join(dir, 'events.json'), 'utf8')).format, 'khabar-events');
});

test('--out: a write that fails midway leaves no temporary file and the old file as it was', { skip }, () => {
  const dir = join(tmp, 'midway');
  mkdirSync(dir);
  const out = join(dir, 'events.json');
  writeFileSync(out, 'old\n');
  // A file size limit of 1 KB (the export is larger): writes fail with EFBIG, as on a full disk.
  const r = viaShell("trap '' XFSZ; ulimit -f 2", ['--out', out, '--force']);
  oneLine(r, /events\.json.*(larger|limit|space)/);
  assert.equal(readFileSync(out, 'utf8'), 'old\n');
  assert.deepEqual(leftovers(dir), [], 'a temporary file was left behind');
  // The same without a file there before: nothing is left.
  rmSync(out);
  oneLine(viaShell("trap '' XFSZ; ulimit -f 2", ['--out', out]), /larger|limit|space/);
  assert.deepEqual(readdirSync(dir), []);
});

test('--out on a full file system (a small tmpfs, when this user may mount one): one line, nothing left', { skip: skip || (process.getuid?.() !== 0 && 'needs root to mount a tmpfs') }, (t) => {
  const dir = join(tmp, 'full');
  mkdirSync(dir);
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8k', 'tmpfs', dir]).status !== 0) { t.skip('cannot mount a tmpfs here'); return; }
  try {
    // Filled up to the last byte.
    try { writeFileSync(join(dir, 'filler'), Buffer.alloc(65536)); } catch { /* ENOSPC: full */ }
    const r = cli(['--out', join(dir, 'events.json')]);
    oneLine(r, /no space left.*free some space/);
    assert.deepEqual(readdirSync(dir), ['filler']);
  } finally {
    spawnSync('umount', [dir]);
  }
});

test('--force keeps the mode of the file it replaces; a new file gets the usual mode', { skip }, () => {
  const out = join(tmp, 'private.json');
  writeFileSync(out, 'old\n');
  chmodSync(out, 0o600);
  const r = cli(['--out', out, '--force']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(statSync(out).mode & 0o777, 0o600, `mode ${(statSync(out).mode & 0o777).toString(8)}`);
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).format, 'khabar-events');
  const fresh = join(tmp, 'fresh.json');
  assert.equal(cli(['--out', fresh]).status, 0);
  assert.equal(statSync(fresh).mode & 0o777, 0o666 & ~process.umask());
  // Without --force an existing file is left alone.
  oneLine(cli(['--out', fresh]), /exists; pass --force/);
  assert.deepEqual(leftovers(tmp), []);
});

test('--force replaces only a regular file: not a FIFO, a device, a link or a folder', { skip }, () => {
  const fifo = join(tmp, 'events.fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  oneLine(cli(['--out', fifo, '--force']), /not a regular file/);
  assert.ok(lstatSync(fifo).isFIFO(), 'the FIFO was replaced');
  // A device: as root, /dev/full was replaced by a regular file. Root tries on a device node of its
  // own (the same as /dev/full), so that a regression breaks nothing of the machine's.
  const device = process.getuid?.() === 0 && spawnSync('mknod', [join(tmp, 'full'), 'c', '1', '7']).status === 0 ? join(tmp, 'full') : '/dev/full';
  oneLine(cli(['--out', device, '--force']), /not a regular file/);
  assert.ok(lstatSync(device).isCharacterDevice(), `${device} was replaced`);
  const link = join(tmp, 'link.json');
  writeFileSync(join(tmp, 'target.json'), 'target\n');
  symlinkSync(join(tmp, 'target.json'), link);
  oneLine(cli(['--out', link, '--force']), /symbolic link/);
  assert.equal(readFileSync(join(tmp, 'target.json'), 'utf8'), 'target\n');
  assert.deepEqual(leftovers(tmp), []);
});

test('errors of --out are one line that says what to do: a folder, a missing folder, a read-only place', { skip }, () => {
  oneLine(cli(['--out', articles, '--force']), /is a folder; give the name of a file/);
  oneLine(cli(['--out', articles]), /is a folder; give the name of a file/);
  assert.ok(statSync(articles).isDirectory());
  oneLine(cli(['--out', join(tmp, 'no', 'such', 'events.json')]), /folder .*no.such does not exist; create it/);
  oneLine(cli(['--out', join(articles, 'a.txt', 'events.json')]), /is a file, not a folder/);
  // A place this user cannot write: a folder without write permission, or (root may write anywhere) /sys or /proc.
  const readonly = join(tmp, 'readonly');
  mkdirSync(readonly);
  chmodSync(readonly, 0o555);
  let place = readonly;
  try {
    accessSync(readonly, constants.W_OK);
    place = ['/sys', '/proc/sys'].find((p) => existsSync(p)) ?? readonly;
  } catch { /* not writable: the place to try */ }
  const r = cli(['--out', join(place, 'events.json')]);
  oneLine(r, /(permission denied|read-only|does not exist).*(choose|create)/);
  assert.deepEqual(readdirSync(readonly), []);
});

test('stdout full (/dev/full) is one line; stdout closed early ends quietly, non-zero, without a stack trace', { skip }, async () => {
  const r = spawnSync('sh', ['-c', 'exec "$0" "$@" > /dev/full', process.execPath, CLI, 'export', articles], { encoding: 'utf8', cwd: tmp });
  oneLine(r, /standard output: no space left.*--out/);
  // The reader goes away before anything is written (as `| head -c 10` does on a large export): EPIPE.
  const closed = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, 'export', articles], { stdio: ['ignore', 'pipe', 'pipe'], cwd: tmp });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('close', (code) => resolve({ code, stderr }));
  });
  assert.notEqual(closed.code, 0);
  assert.equal(closed.stderr, '', `not quiet:\n${closed.stderr}`);
  // The batch commands too.
  const line = JSON.stringify({ id: 'a', text: 'Two people were killed in Almaty.' }) + '\n';
  const analyzed = spawnSync('sh', ['-c', 'exec "$0" "$@" > /dev/full', process.execPath, CLI, 'analyze', '--jsonl'], { encoding: 'utf8', input: line, cwd: tmp });
  oneLine(analyzed, /standard output: no space left/);
});
