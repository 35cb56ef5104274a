// The library: recent files and settings, kept with lowdb in `<dataDir>/library.json`.
// A store that cannot be read is never a crash and never silently emptied: the bad file is
// renamed aside (its bytes kept), the previous version (`library.json.bak`) is restored when it
// is valid, and a warning travels to app.info for the user to see.
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { THEMES } from '../../shared/api/contract';
import { backupPathOf, realFs, type AtomicFs } from './atomic-write';
import { fileTimestamp } from './corrupt-files';
import { CorruptStoreError, ValidatedJsonFile } from './store-adapter';

export const MAX_RECENT = 20;

const recentSchema = z.looseObject({ path: z.string().min(1), name: z.string(), openedAt: z.string() });
const settingsSchema = z.looseObject({ theme: z.enum(THEMES).default('system') });
// Loose objects and defaults: a store written by a newer or older Flowgate still reads, and
// fields this version does not know survive the next write.
export const librarySchema = z.looseObject({
  recent: z.array(recentSchema).default([]),
  settings: settingsSchema.default({ theme: 'system' }),
});
export type LibraryData = z.output<typeof librarySchema>;
export type RecentFile = z.output<typeof recentSchema>;
export type Settings = { theme: (typeof THEMES)[number] };

function defaults(): LibraryData {
  return { recent: [], settings: { theme: 'system' } };
}

/** What changed in the recent list: the desktop shell updates Open Recent and the OS's list from it. */
export interface RecentChange {
  kind: 'added' | 'removed';
  path: string;
}

export class LibraryStore {
  #db: Low<LibraryData>;
  #writable: boolean;
  #lastWrite: Promise<void> = Promise.resolve();
  #recentListeners = new Set<(change: RecentChange) => void>();

  private constructor(db: Low<LibraryData>, writable: boolean) {
    this.#db = db;
    this.#writable = writable;
  }

  /** Opens (or creates) the store; `warnings` says what went wrong and where the old file was kept. */
  static async open(dataDir: string, fs: AtomicFs = realFs): Promise<{ store: LibraryStore; warnings: string[] }> {
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, 'library.json');
    // Constructed directly: lowdb's presets switch to an in-memory adapter under NODE_ENV=test.
    const db = new Low<LibraryData>(new ValidatedJsonFile(file, librarySchema, fs), defaults());
    const warnings: string[] = [];
    let writable = true;
    try {
      await db.read();
    } catch (e) {
      const corrupt = e instanceof CorruptStoreError;
      const aside = corrupt ? await setAside(file, dataDir) : null;
      // Every write keeps the version before it as .bak: one change behind, but the user's list.
      const backup = aside ? await readBackup(file, fs) : null;
      db.data = backup ?? defaults();
      if (aside && backup) {
        warnings.push(
          `Your recent files and settings could not be read (${(e as Error).message}), so Flowgate restored them from its backup copy ` +
            `(${backupPathOf(file)}); the most recent change may be missing. The unreadable file was kept as ${aside}.`,
        );
        // Written back at once: otherwise the next start finds no store and begins with an empty list.
        await db.write().catch(() => undefined);
      } else if (aside) {
        warnings.push(
          `Your recent files and settings could not be read (${(e as Error).message}), so Flowgate started with a fresh list. ` +
            `The old file was kept as ${aside}.`,
        );
      } else {
        // Unreadable (permissions) or impossible to move aside: never write over it this session.
        writable = false;
        warnings.push(
          `Your recent files and settings could not be read (${(e as Error).message}). Flowgate left ${file} untouched ` +
            'and will not save recent files or settings during this session.',
        );
      }
    }
    return { store: new LibraryStore(db, writable), warnings };
  }

  recent(): RecentFile[] {
    return this.#db.data.recent.map((r) => ({ ...r }));
  }

  /** Puts a file at the top of the recent list (newest first, no duplicates, at most MAX_RECENT). */
  addRecent(path: string, name: string): Promise<void> {
    const data = this.#db.data;
    const rest = data.recent.filter((r) => r.path !== path);
    data.recent = [{ path, name, openedAt: new Date().toISOString() }, ...rest].slice(0, MAX_RECENT);
    this.#recentChanged({ kind: 'added', path });
    return this.#write();
  }

  removeRecent(path: string): Promise<void> {
    const data = this.#db.data;
    const kept = data.recent.filter((r) => r.path !== path);
    if (kept.length === data.recent.length) return Promise.resolve();
    data.recent = kept;
    this.#recentChanged({ kind: 'removed', path });
    return this.#write();
  }

  /** Calls `listener` after each change of the recent list (in memory; the write may still be running). */
  onRecentChange(listener: (change: RecentChange) => void): () => void {
    this.#recentListeners.add(listener);
    return () => void this.#recentListeners.delete(listener);
  }

  #recentChanged(change: RecentChange): void {
    for (const listener of [...this.#recentListeners]) {
      try {
        listener(change);
      } catch (e) {
        // A listener's failure (a menu that could not be rebuilt) must not fail the save that caused it.
        console.warn(`Flowgate: could not update the recent files menu: ${(e as Error).message}`);
      }
    }
  }

  settings(): Settings {
    return { theme: this.#db.data.settings.theme };
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    const data = this.#db.data;
    data.settings = { ...data.settings, ...patch };
    await this.#write();
    return this.settings();
  }

  /** Waits for every write issued so far. */
  async flush(): Promise<void> {
    await this.#lastWrite.catch(() => undefined);
  }

  #write(): Promise<void> {
    if (!this.#writable) return Promise.resolve();
    // Writes queue per path inside atomicWriteFile; each one serialises the data as it is now,
    // so the last write on disk always holds the latest state.
    const write = this.#db.write();
    this.#lastWrite = write;
    return write;
  }
}

/** The store's previous version (`library.json.bak`) when it is there and valid; null otherwise. */
async function readBackup(file: string, fs: AtomicFs): Promise<LibraryData | null> {
  try {
    return await new ValidatedJsonFile(backupPathOf(file), librarySchema, fs).read();
  } catch {
    return null;
  }
}

/** Renames a corrupt store out of the way, keeping its bytes; null when that is impossible. */
async function setAside(file: string, dataDir: string): Promise<string | null> {
  const aside = join(dataDir, `library.corrupt-${fileTimestamp()}.json`);
  try {
    await rename(file, aside);
    return aside;
  } catch {
    return null;
  }
}
