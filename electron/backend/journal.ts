// Crash recovery: the unsaved state of each open editor session, one file per session in
// `<dataDir>/journal/<key>.json`, written atomically (temp file, fsync, rename) so a crash or a
// kill mid-write leaves the previous entry whole. The renderer writes while there are unsaved
// changes and discards on save or close; whatever is left at the next start was not saved.
// A corrupt entry never stops the listing: it is moved to `journal/corrupt/` with its bytes kept.
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { ApiError, JOURNAL_KEY, type Params, type Result } from '../../shared/api/contract';
import { MAX_DEPTH, MAX_FILE_BYTES, WorkflowLoadError, depthExceeds, jsonPath, parseJson } from '../../shared/model/load';
import { workflowSchema } from '../../shared/model/schema';
import { atomicWriteUnlocked, realFs, type AtomicFs } from './atomic-write';
import { moveToCorrupt, removeStaleTemps } from './corrupt-files';
import { fsError, isNotFound } from './errors';
import { pathLock } from './path-lock';
import type { PathPolicy } from './paths';

export const JOURNAL_FORMAT = 'flowgate.journal';
/** A compromised or runaway renderer cannot fill the disk with sessions. */
export const MAX_JOURNAL_ENTRIES = 100;

const entrySchema = z.looseObject({
  format: z.literal(JOURNAL_FORMAT),
  version: z.literal(1),
  key: z.string(),
  path: z.string().min(1).max(4096).nullable(),
  savedAt: z.number().nullable().default(null),
  updatedAt: z.string(),
  document: workflowSchema,
});

type Entry = Result<'journal.list'>[number];

export interface JournalDeps {
  dataDir: string;
  policy: PathPolicy;
  fs?: AtomicFs;
}

export function journalHandlers({ dataDir, policy, fs = realFs }: JournalDeps) {
  const dir = join(dataDir, 'journal');
  const fileOf = (key: string) => join(dir, `${key}.json`);

  async function entryNames(): Promise<string[]> {
    try {
      return (await readdir(dir)).filter((n) => n.endsWith('.json') && JOURNAL_KEY.test(n.slice(0, -'.json'.length)));
    } catch (e) {
      if (isNotFound(e)) return [];
      throw fsError(e, dir, 'read the recovery folder');
    }
  }

  async function write(params: Params<'journal.write'>): Promise<Result<'journal.write'>> {
    const file = fileOf(params.key);
    // Queued on the entry at once, so a discard called after this write always runs after it.
    return pathLock.run(file, async () => {
      // The entry must be readable again, or it recovers nothing: same depth and size limits as files.
      if (depthExceeds(params.document, MAX_DEPTH)) {
        throw new WorkflowLoadError('too-deep', '$.document', `the document is nested more than ${MAX_DEPTH} levels deep`);
      }
      const path = params.path === null ? null : await policy.workflowPath(params.path);
      const text = `${JSON.stringify({
        format: JOURNAL_FORMAT,
        version: 1,
        key: params.key,
        path,
        savedAt: params.savedAt ?? null,
        updatedAt: new Date().toISOString(),
        document: params.document,
      })}\n`;
      if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
        throw new WorkflowLoadError('too-large', '$.document', `the workflow is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
      }
      try {
        await mkdir(dir, { recursive: true });
        const isNew = !(await stat(file).then(() => true, () => false));
        if (isNew && (await entryNames()).length >= MAX_JOURNAL_ENTRIES) {
          throw new ApiError('unavailable', `Flowgate already keeps ${MAX_JOURNAL_ENTRIES} unsaved sessions for recovery; save or close some workflows first.`);
        }
        await atomicWriteUnlocked(file, text, { fs });
      } catch (e) {
        throw fsError(e, file, 'write the recovery copy');
      }
      return {};
    });
  }

  async function discard({ key }: Params<'journal.discard'>): Promise<Result<'journal.discard'>> {
    const file = fileOf(key);
    // Queued behind a write of the same entry still in flight, so that write cannot bring it back.
    await pathLock.run(file, async () => {
      try {
        await unlink(file);
      } catch (e) {
        if (!isNotFound(e)) throw fsError(e, file, 'remove the recovery copy');
      }
    });
    return {};
  }

  async function list(): Promise<Result<'journal.list'>> {
    await removeStaleTemps(dir);
    const entries: Entry[] = [];
    for (const name of await entryNames()) {
      const file = join(dir, name);
      const entry = await pathLock.run(file, () => readEntry(file));
      if (!entry) continue;
      // Browser mode lists only what it may open; the entry stays on disk for the app that can.
      if (entry.path !== null && !(await policy.allows(entry.path))) continue;
      entries.push(entry);
    }
    return entries.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }

  /** A valid entry, or null after setting a corrupt one aside. */
  async function readEntry(file: string): Promise<Entry | null> {
    let problem: string;
    try {
      const info = await stat(file);
      if (!info.isFile()) return null;
      if (info.size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
      // One level more than a workflow file: the document sits inside the entry.
      const parsed = entrySchema.safeParse(parseJson(await readFile(file, 'utf8'), [], MAX_DEPTH + 1));
      if (parsed.success) {
        const { path, savedAt, updatedAt, document } = parsed.data;
        // The file name is the key discard uses, whatever the entry says inside.
        const key = basename(file, '.json');
        const name = document.name.trim() || (path ? basename(path) : '') || 'Untitled workflow';
        return { key, path, name, updatedAt, savedAt, document };
      }
      const issue = parsed.error.issues[0];
      problem = `${jsonPath(issue.path)}: ${issue.message}`;
    } catch (e) {
      if (isNotFound(e)) return null;
      problem = (e as Error).message;
    }
    await setAside(file, problem);
    return null;
  }

  async function setAside(file: string, problem: string): Promise<void> {
    try {
      const aside = await moveToCorrupt(file);
      console.warn(`Flowgate: a recovery copy could not be read (${problem}); it was kept as ${aside}.`);
    } catch (e) {
      console.warn(`Flowgate: a recovery copy could not be read (${problem}) and was left at ${file}: ${(e as Error).message}`);
    }
  }

  return { 'journal.write': write, 'journal.discard': discard, 'journal.list': list };
}
