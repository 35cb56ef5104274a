// Housekeeping shared by the one-file-per-record stores (journal, run history, batch history):
// moving a record that cannot be read out of the way with its bytes kept, and clearing the temp
// files that writes cut short by a crash leave behind.
import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temp files of writes cut short by a crash are removed once they are this old. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/** The current time as a file-name part; colons are not allowed in Windows file names, so it uses dashes. */
export function fileTimestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** Moves `file` to `corrupt/<name>.<time>.json` beside it and returns the new path; throws when it cannot. */
export async function moveToCorrupt(file: string): Promise<string> {
  const dir = join(dirname(file), 'corrupt');
  const aside = join(dir, `${basename(file, '.json')}.${fileTimestamp()}.json`);
  await mkdir(dir, { recursive: true });
  await rename(file, aside);
  return aside;
}

/** Removes temp files of interrupted atomic writes in `dir`; recent ones may belong to a write in progress. */
export async function removeStaleTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith('.') || !name.endsWith('.tmp')) continue;
    const file = join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs > STALE_TEMP_MS) await unlink(file).catch(() => undefined);
  }
}
