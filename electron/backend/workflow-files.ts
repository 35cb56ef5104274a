// Opening and saving `*.flowgate.json` files: validation on the way in and out, atomic saves
// with a `.bak` of the previous version, and detection of changes made by someone else.
//
// A change on disk is a *content* change: a file whose mtime moved but whose bytes are those the
// renderer has (see known-versions.ts), or already equal to what is being saved, is no conflict.
import type { Stats } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { ApiError, type Params, type Result } from '../../shared/api/contract';
import { explainLoadError } from '../../shared/interchange/read-import';
import { MAX_FILE_BYTES, WorkflowLoadError, checkParsedWorkflow, loadWorkflow, serializeWorkflow } from '../../shared/model/load';
import type { Workflow } from '../../shared/model/schema';
import { atomicWriteUnlocked, realFs, type AtomicFs } from './atomic-write';
import { fsError, isNotFound } from './errors';
import { KnownVersions } from './known-versions';
import type { LibraryStore } from './library-store';
import { pathLock } from './path-lock';
import type { PathPolicy } from './paths';

export interface WorkflowFilesDeps {
  policy: PathPolicy;
  library: LibraryStore;
  fs?: AtomicFs;
}

export function workflowFiles({ policy, library, fs = realFs }: WorkflowFilesDeps) {
  const known = new KnownVersions();

  /** Remembers a file in the recent list; a failing store must not turn a good save into an error. */
  async function remember(path: string, name: string): Promise<void> {
    await library.addRecent(path, name || basename(path)).catch((e: unknown) => {
      console.warn(`Flowgate: could not update the recent files list: ${(e as Error).message}`);
    });
  }

  async function open(params: Params<'workflow.open'>): Promise<Result<'workflow.open'>> {
    const file = await policy.workflowPath(params.path);
    let bytes: Buffer;
    let mtimeMs: number;
    try {
      // stat before reading: if the file changes in between, the older mtime makes the next save
      // report a conflict instead of silently overwriting the newer content.
      const info = await stat(file);
      if (!info.isFile()) throw new ApiError('bad-request', `${file} is not a file.`, '$.path');
      if (info.size > MAX_FILE_BYTES) {
        throw new WorkflowLoadError('too-large', '$', `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
      }
      mtimeMs = info.mtimeMs;
      bytes = await readFile(file);
    } catch (e) {
      throw fsError(e, file, 'open');
    }
    const text = bytes.toString('utf8');
    let loaded;
    try {
      loaded = loadWorkflow(text);
    } catch (e) {
      throw explainLoadError(text, e); // an n8n file says so
    }
    const { workflow, warnings } = loaded;
    known.remember(file, bytes, mtimeMs);
    // The recent list changes in memory at once; its write to disk (with an fsync) need not hold up
    // the document, which is what the person waits for. `close()` flushes it.
    void remember(file, workflow.name);
    return { path: file, document: workflow, mtimeMs, warnings };
  }

  async function save(params: Params<'workflow.save'>): Promise<Result<'workflow.save'>> {
    // Validated like a load would, so Flowgate never writes a file it could not open again: the
    // contract parsed it with the file format's schema (dispatch), and here come the checks a schema
    // cannot make. (Params are typed as the contract's input; dispatch hands over its parsed output.)
    const { workflow } = checkParsedWorkflow(params.document as Workflow);
    // Encoded once: the size check, the comparison with the file on disk, the write and the hash all
    // use the same bytes (a 10,000-step workflow is 6 MB of text).
    const bytes = Buffer.from(serializeWorkflow(workflow), 'utf8');
    if (bytes.length > MAX_FILE_BYTES) {
      throw new WorkflowLoadError('too-large', '$', `the workflow would be larger than ${MAX_FILE_BYTES / 1024 / 1024} MB, which Flowgate could not open again`);
    }
    // Queue first, check inside: the path checks, the change check and the write all run under
    // the lock, so saves of one file happen in call order and nothing slips in between.
    const saved = await pathLock.run(policy.lockKey(params.path), async () => {
      const file = await policy.workflowPath(params.path);
      if (policy.mode === 'browser') await mkdir(dirname(file), { recursive: true });
      const before = await statOrNull(file, 'save');
      const expected = params.expectedMtimeMs;
      if (before && expected != null && !params.overwrite && !(await unchangedOnDisk(file, expected, before, bytes))) {
        throw new ApiError('conflict', `${basename(file)} changed on disk since you opened it.`);
      }
      try {
        await atomicWriteUnlocked(file, bytes, { backup: true, fs });
        const { mtimeMs } = await stat(file);
        known.remember(file, bytes, mtimeMs);
        return { path: file, mtimeMs };
      } catch (e) {
        throw fsError(e, file, 'save');
      }
    });
    await remember(saved.path, workflow.name);
    return saved;
  }

  /** The file holds the bytes the caller last saw, or already the bytes about to be written. */
  async function unchangedOnDisk(file: string, expectedMtimeMs: number, info: Stats, bytes: Buffer): Promise<boolean> {
    if (await known.unchanged(file, expectedMtimeMs, info.mtimeMs, info.size)) return true;
    if (info.size !== bytes.length) return false;
    const current = await readFile(file).catch(() => null);
    return current !== null && current.equals(bytes);
  }

  async function statOrNull(file: string, doing: string): Promise<Stats | null> {
    return stat(file).catch((e: unknown) => {
      if (isNotFound(e) || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
      throw fsError(e, file, doing);
    });
  }

  async function statFile(params: Params<'workflow.stat'>): Promise<Result<'workflow.stat'>> {
    const expected = params.expectedMtimeMs ?? null;
    // Under the path lock: a save in progress finishes first, so the answer is never half-way through one.
    return pathLock.run(policy.lockKey(params.path), async () => {
      const file = await policy.workflowPath(params.path);
      const info = await statOrNull(file, 'check');
      if (!info || !info.isFile()) return { exists: false, mtimeMs: null, changed: expected !== null };
      const changed = expected !== null && !(await known.unchanged(file, expected, info.mtimeMs, info.size));
      return { exists: true, mtimeMs: info.mtimeMs, changed };
    });
  }

  return { 'workflow.open': open, 'workflow.save': save, 'workflow.stat': statFile };
}
