// Opening and saving `*.flowgate.json` files: validation on the way in and out, atomic saves
// with a `.bak` of the previous version, and detection of changes made by someone else.
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { ApiError, type Params, type Result } from '../../shared/api/contract';
import { MAX_FILE_BYTES, WorkflowLoadError, loadWorkflow, loadWorkflowValue, serializeWorkflow } from '../../shared/model/load';
import { atomicWriteUnlocked, realFs, type AtomicFs } from './atomic-write';
import { fsError, isNotFound } from './errors';
import type { LibraryStore } from './library-store';
import { pathLock } from './path-lock';
import type { PathPolicy } from './paths';

export interface WorkflowFilesDeps {
  policy: PathPolicy;
  library: LibraryStore;
  fs?: AtomicFs;
}

export function workflowFiles({ policy, library, fs = realFs }: WorkflowFilesDeps) {
  /** Remembers a file in the recent list; a failing store must not turn a good save into an error. */
  async function remember(path: string, name: string): Promise<void> {
    await library.addRecent(path, name || basename(path)).catch((e: unknown) => {
      console.warn(`Flowgate: could not update the recent files list: ${(e as Error).message}`);
    });
  }

  async function open(params: Params<'workflow.open'>): Promise<Result<'workflow.open'>> {
    const file = await policy.workflowPath(params.path);
    let text: string;
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
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw fsError(e, file, 'open');
    }
    const { workflow, warnings } = loadWorkflow(text);
    await remember(file, workflow.name);
    return { path: file, document: workflow, mtimeMs, warnings };
  }

  async function save(params: Params<'workflow.save'>): Promise<Result<'workflow.save'>> {
    // Validate like a load would, so Flowgate never writes a file it could not open again.
    const { workflow } = loadWorkflowValue(params.document);
    const text = serializeWorkflow(workflow);
    // Queue first, check inside: the path checks, the mtime check and the write all run under
    // the lock, so saves of one file happen in call order and nothing slips in between.
    const saved = await pathLock.run(policy.lockKey(params.path), async () => {
      const file = await policy.workflowPath(params.path);
      if (policy.mode === 'browser') await mkdir(dirname(file), { recursive: true });
      const before = await stat(file).catch((e: unknown) => {
        if (isNotFound(e)) return null;
        throw fsError(e, file, 'save');
      });
      const expected = params.expectedMtimeMs;
      if (before && expected != null && before.mtimeMs !== expected && !params.overwrite) {
        throw new ApiError('conflict', `${basename(file)} changed on disk since you opened it.`);
      }
      try {
        await atomicWriteUnlocked(file, text, { backup: true, fs });
        return { path: file, mtimeMs: (await stat(file)).mtimeMs };
      } catch (e) {
        throw fsError(e, file, 'save');
      }
    });
    await remember(saved.path, workflow.name);
    return saved;
  }

  return { 'workflow.open': open, 'workflow.save': save };
}
