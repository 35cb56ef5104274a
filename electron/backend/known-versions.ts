// Which version of each workflow file the renderer has, so that "did it change on disk?" can look
// at the bytes and not only at the mtime. A `touch`, a sync tool or `git checkout` of an identical
// file moves the mtime without changing a byte; calling that a conflict would train users to click
// "overwrite" without reading. Kept in memory only: after a restart the mtime alone decides, which
// errs on the side of asking.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { MAX_FILE_BYTES } from '../../shared/model/load';

/** Enough for every file of a working session; the oldest is forgotten first. */
const MAX_FILES = 200;
/** mtimes remembered per file (each open/save starts a fresh list; touches add to it). */
const MAX_MTIMES = 16;

interface Version {
  hash: string;
  /** mtimes at which the file held exactly these bytes, as this backend saw them. */
  mtimes: number[];
}

export function hashOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class KnownVersions {
  readonly #files = new Map<string, Version>();

  /** The renderer now has `bytes`, which are on disk with `mtimeMs` (after an open or a save). */
  remember(file: string, bytes: Buffer | string, mtimeMs: number): void {
    this.#files.delete(file);
    this.#files.set(file, { hash: hashOf(bytes), mtimes: [mtimeMs] });
    if (this.#files.size > MAX_FILES) this.#files.delete(this.#files.keys().next().value!);
  }

  /**
   * Whether the file on disk (now at `diskMtimeMs`, `diskSize` bytes) still holds the bytes the
   * caller saw at `expectedMtimeMs`. Reads the file only when the mtimes differ and the version is known.
   */
  async unchanged(file: string, expectedMtimeMs: number, diskMtimeMs: number, diskSize: number): Promise<boolean> {
    if (diskMtimeMs === expectedMtimeMs) return true;
    const known = this.#files.get(file);
    if (!known || !known.mtimes.includes(expectedMtimeMs) || diskSize > MAX_FILE_BYTES) return false;
    const bytes = await readFile(file).catch(() => null);
    if (!bytes || hashOf(bytes) !== known.hash) return false;
    // Same bytes under a new mtime: either mtime now names this version.
    if (!known.mtimes.includes(diskMtimeMs)) known.mtimes.push(diskMtimeMs);
    if (known.mtimes.length > MAX_MTIMES) known.mtimes.splice(1, 1);
    return true;
  }
}
