// Temp files left behind by a write that was killed between creating its temp file and renaming it
// (atomic-write.ts removes its temp file on every error it lives to see). Removed at startup from the
// folders Flowgate writes in, once they are old enough that no other running Flowgate can still be
// writing them. Only names atomic-write.ts makes are touched, never a user's own `*.tmp` file.
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isAtomicTempName } from './atomic-write';

/** A temp file older than this belongs to a write that will never finish (a save takes well under a second). */
export const STALE_TEMP_MS = 10 * 60_000;

/** Folders visited at most per sweep, so a workspace pointed at a huge folder does not slow the start down. */
const MAX_FOLDERS = 2_000;

/**
 * Removes stale temp files in `dir` and its sub-folders up to `depth` levels down. Dot-folders (.git…)
 * and links are not entered. Returns the files removed; a file that cannot be removed is left alone.
 */
export async function removeStaleTemps(dir: string, depth: number, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const queue: [string, number][] = [[dir, 0]];
  for (let visited = 0; queue.length && visited < MAX_FOLDERS; visited++) {
    const [folder, level] = queue.shift()!;
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      continue; // missing or unreadable: nothing to clean there
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (level < depth && !entry.name.startsWith('.')) queue.push([path, level + 1]);
      } else if (entry.isFile() && isAtomicTempName(entry.name)) {
        const info = await stat(path).catch(() => null);
        if (info && now - info.mtimeMs > STALE_TEMP_MS && (await unlink(path).then(() => true, () => false))) removed.push(path);
      }
    }
  }
  return removed;
}
