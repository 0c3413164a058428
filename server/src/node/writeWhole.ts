import { randomBytes } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A file that could not be written, with one sentence that says why and what to do. */
export class WriteError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'WriteError';
  }
}

const codeOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException)?.code;

/** One sentence for an error of the file system met while writing `file`, saying what to do. */
export function explainWriteError(e: unknown, file: string): WriteError {
  if (e instanceof WriteError) return e;
  const dir = dirname(file);
  const code = codeOf(e);
  switch (code) {
    case 'ENOENT':
      return new WriteError(`cannot write ${file}: the folder ${dir} does not exist; create it first or choose another --out`, code);
    case 'ENOTDIR':
      return new WriteError(`cannot write ${file}: part of the path ${dir} is a file, not a folder; choose another --out`, code);
    case 'EISDIR':
      return new WriteError(`cannot write ${file}: it is a folder; give the name of a file, e.g. --out ${join(file, 'events.json')}`, code);
    case 'EACCES':
    case 'EPERM':
      return new WriteError(`cannot write ${file}: permission denied in ${dir}; choose a folder you can write to with --out`, code);
    case 'EROFS':
      return new WriteError(`cannot write ${file}: ${dir} is on a read-only file system; choose another --out`, code);
    case 'ENOSPC':
    case 'EDQUOT':
      return new WriteError(`cannot write ${file}: no space left on the device${code === 'EDQUOT' ? ' (disk quota exceeded)' : ''}; free some space or choose another --out (nothing was written)`, code);
    case 'EFBIG':
      return new WriteError(`cannot write ${file}: the file is larger than this system allows (ulimit -f); raise the limit or choose another --out (nothing was written)`, code);
    case 'ENAMETOOLONG':
      return new WriteError(`cannot write ${file}: the name is too long; choose a shorter --out`, code);
    default:
      return new WriteError(`cannot write ${file}: ${e instanceof Error ? e.message : String(e)}`, code);
  }
}

/** Codes with which `link` says the file system cannot make hard links (then a rename, after one more check). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS', 'EMLINK']);

/**
 * Writes `data` to `file` whole: into a temporary file of a random name in the same folder, created
 * exclusively (never following a link planted there), then renamed over the file. The temporary file
 * is deleted on every failure. Only a regular file is replaced, and only with `overwrite` (it keeps
 * its mode); without `overwrite` an existing file is never replaced, even one that appears meanwhile.
 * Throws a {@link WriteError} that says what to do.
 */
export async function writeFileWhole(file: string, data: string | Uint8Array, overwrite: boolean): Promise<void> {
  let existing: Stats | undefined;
  try {
    existing = await fs.lstat(file);
  } catch (e) {
    if (codeOf(e) !== 'ENOENT') throw explainWriteError(e, file);
  }
  if (existing) {
    if (existing.isDirectory()) throw explainWriteError({ code: 'EISDIR' }, file);
    if (existing.isSymbolicLink()) throw new WriteError(`${file} is a symbolic link; Khabar does not replace links: give the path of a regular file with --out`, 'ELINK');
    if (!existing.isFile()) throw new WriteError(`${file} is not a regular file (a device, a pipe or a socket); Khabar replaces only regular files: choose another --out`, 'ENOTREG');
    if (!overwrite) throw new WriteError(`${file} exists; pass --force to overwrite it`, 'EEXIST');
  }
  const mode = existing ? existing.mode & 0o777 : 0o666;
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    // 'wx': O_CREAT | O_EXCL, which fails on anything already there, a symbolic link included.
    handle = await fs.open(tmp, 'wx', mode);
  } catch (e) {
    throw explainWriteError(e, file);
  }
  let renamed = false;
  try {
    if (existing) {
      // The mode of the file replaced, whatever the umask; its owner too, when allowed.
      await handle.chmod(mode);
      if (existing.uid !== process.getuid?.() || existing.gid !== process.getgid?.()) await handle.chown(existing.uid, existing.gid).catch(() => undefined);
    }
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (existing) {
      await fs.rename(tmp, file);
      renamed = true;
    } else {
      renamed = await linkNew(tmp, file);
    }
  } catch (e) {
    throw explainWriteError(e, file);
  } finally {
    await handle?.close().catch(() => undefined);
    if (!renamed) await fs.unlink(tmp).catch(() => undefined);
  }
}

/**
 * Gives `tmp` the name `file`, failing if `file` exists: a hard link (atomic; `tmp` is then still
 * there), else a rename after a check. True when renamed.
 */
async function linkNew(tmp: string, file: string): Promise<boolean> {
  try {
    await fs.link(tmp, file);
    return false;
  } catch (e) {
    if (codeOf(e) === 'EEXIST') throw new WriteError(`${file} exists; pass --force to overwrite it`, 'EEXIST');
    if (!NO_HARD_LINKS.has(codeOf(e) ?? '')) throw e;
  }
  if (await fs.lstat(file).then(() => true, () => false)) throw new WriteError(`${file} exists; pass --force to overwrite it`, 'EEXIST');
  await fs.rename(tmp, file);
  return true;
}
