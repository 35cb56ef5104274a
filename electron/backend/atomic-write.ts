// Writes a file so that an error or a crash at any moment leaves either the complete old content
// or the complete new content on disk, never a mix: write a temp file in the same folder, fsync
// it, then rename it over the target (rename within one folder is atomic on every OS we ship to).
import * as fsp from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { pathLock } from './path-lock';

/** The file operations an atomic write uses; tests swap one for a failing version. */
export interface AtomicFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  copyFile: typeof fsp.copyFile;
  unlink: typeof fsp.unlink;
  stat: typeof fsp.stat;
  realpath: typeof fsp.realpath;
}

export const realFs: AtomicFs = {
  open: fsp.open,
  rename: fsp.rename,
  copyFile: fsp.copyFile,
  unlink: fsp.unlink,
  stat: fsp.stat,
  realpath: fsp.realpath,
};

export interface AtomicWriteOptions {
  /** Keep the previous content as `<file>.bak` (only when the file existed). */
  backup?: boolean;
  fs?: AtomicFs;
}

export function backupPathOf(file: string): string {
  return `${file}.bak`;
}

/** The temp files this module writes: `.<name>.<12 hex>.tmp` beside the target, `<name>.bak.<12 hex>.tmp` for backups. */
const TEMP_NAME = /^(\..+|.+\.bak)\.[0-9a-f]{12}\.tmp$/;

/** Whether a file name is one of this module's temp files (left behind only when a write was killed). */
export function isAtomicTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}

/** Atomic write, queued behind any other write to the same path. */
export function atomicWriteFile(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  return pathLock.run(file, () => atomicWriteUnlocked(file, data, options));
}

/** Atomic write for callers that already hold the path lock (a save that checks mtime first). */
export async function atomicWriteUnlocked(file: string, data: string | Uint8Array, { backup = false, fs = realFs }: AtomicWriteOptions = {}): Promise<void> {
  // Write through a symlink to its target instead of replacing the link with a plain file.
  const target = await fs.realpath(file).catch(() => file);
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const previous = await fs.stat(target).catch(() => null);
  try {
    // 'wx' fails if the name exists, so a leftover or planted temp file is never reused.
    const handle = await fs.open(temp, 'wx', previous ? previous.mode & 0o777 : 0o666);
    try {
      // Text as UTF-8; bytes (a PDF) as they are.
      await (typeof data === 'string' ? handle.writeFile(data, 'utf8') : handle.writeFile(data));
      // Without fsync a power cut after the rename can leave an empty file under the new name.
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (backup && previous?.isFile()) await writeBackup(target, fs);
    await renameWithRetry(fs, temp, target);
  } catch (e) {
    await fs.unlink(temp).catch(() => undefined);
    throw e;
  }
  await syncFolder(dir);
}

/** Copies the current file to `.bak` through its own temp file, so a half-written backup never replaces a good one. */
async function writeBackup(target: string, fs: AtomicFs): Promise<void> {
  const bak = backupPathOf(target);
  const temp = `${bak}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.copyFile(target, temp);
    await renameWithRetry(fs, temp, bak);
  } catch (e) {
    await fs.unlink(temp).catch(() => undefined);
    throw e;
  }
}

/** Windows refuses a rename while an antivirus or indexer briefly holds the file; wait and retry there. */
async function renameWithRetry(fs: AtomicFs, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const transient = process.platform === 'win32' && (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES');
      if (!transient || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
  }
}

/** Makes the rename itself durable; folders cannot be opened for sync on Windows, which is fine to skip. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await fsp.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort only: the data itself is already synced.
  }
}
