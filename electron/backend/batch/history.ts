// Batch history: each finished batch of a workflow as one file, `<dataDir>/batches/<workflow>/<id>.json`,
// holding its settings, its result and the document as it ran, so that it can be reopened and run
// again with the same seed. Written atomically; a file that cannot be read back is moved to
// `corrupt/` beside it (its bytes kept) and reported, never a crash and never listed.
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BATCH_ID } from '../../../shared/api/batch-contract';
import { ApiError, type Result } from '../../../shared/api/contract';
import { jsonPath, MAX_DEPTH, MAX_FILE_BYTES, parseJson } from '../../../shared/model/load';
import { workflowSchema, type Workflow } from '../../../shared/model/schema';
import { batchResultSchema, type BatchResult } from '../../../shared/simulation/metrics-schema';
import { atomicWriteUnlocked, realFs, type AtomicFs } from '../atomic-write';
import { moveToCorrupt } from '../corrupt-files';
import { fsError, isNotFound } from '../errors';
import { pathLock } from '../path-lock';
import { workflowFolderName } from '../simulation/ids';

export const BATCH_RECORD_FORMAT = 'flowgate.batch-record';
/** The oldest batches of a workflow are removed beyond this many. */
export const MAX_BATCHES_PER_WORKFLOW = 20;

export type BatchSummary = Result<'batches.list'>['batches'][number];

export interface BatchRecord {
  id: string;
  workflowId: string;
  workflowName: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  document: Workflow;
  result: BatchResult;
}

const recordSchema = z.looseObject({
  format: z.literal(BATCH_RECORD_FORMAT),
  version: z.literal(1),
  id: z.string().regex(BATCH_ID),
  workflowId: z.string(),
  workflowName: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  document: workflowSchema,
  result: batchResultSchema,
});

export function summaryOf(r: BatchRecord): BatchSummary {
  return {
    id: r.id,
    workflowId: r.workflowId,
    workflowName: r.workflowName,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    durationMs: r.durationMs,
    settings: r.result.settings,
    runs: r.result.metrics.runs,
    cancelled: r.result.cancelled,
  };
}

export type BatchHistory = ReturnType<typeof batchHistory>;

export function batchHistory({ dataDir, fs = realFs }: { dataDir: string; fs?: AtomicFs }) {
  const root = join(dataDir, 'batches');
  const folderOf = (workflowId: string) => join(root, workflowFolderName(workflowId));
  const fileOf = (workflowId: string, id: string) => join(folderOf(workflowId), `${id}.json`);

  async function names(dir: string): Promise<string[]> {
    try {
      return (await readdir(dir)).filter((n) => n.endsWith('.json') && BATCH_ID.test(n.slice(0, -'.json'.length))).sort();
    } catch (e) {
      if (isNotFound(e)) return [];
      throw fsError(e, dir, 'read the batch history folder');
    }
  }

  /** Keeps a finished batch. Throws an ApiError saying why it could not. */
  async function save(record: BatchRecord): Promise<void> {
    const text = `${JSON.stringify({ format: BATCH_RECORD_FORMAT, version: 1, ...record })}\n`;
    if (Buffer.byteLength(text) > MAX_FILE_BYTES) throw new ApiError('bad-request', `The batch is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB, too large to keep in the history.`);
    const dir = folderOf(record.workflowId);
    const file = fileOf(record.workflowId, record.id);
    await pathLock.run(file, async () => {
      try {
        await mkdir(dir, { recursive: true });
        await atomicWriteUnlocked(file, text, { fs });
      } catch (e) {
        throw fsError(e, file, 'keep the batch in');
      }
    });
    // Ids start with the start time, so name order is age.
    const all = await names(dir);
    for (const name of all.slice(0, Math.max(0, all.length - MAX_BATCHES_PER_WORKFLOW))) {
      const old = join(dir, name);
      await pathLock.run(old, () => unlink(old).catch(() => undefined));
    }
  }

  type Read = { ok: true; record: BatchRecord } | { ok: false; warning: string | null };

  async function read(file: string, workflowId: string): Promise<Read> {
    let problem: string;
    try {
      const info = await stat(file);
      if (!info.isFile()) return { ok: false, warning: null };
      if (info.size > MAX_FILE_BYTES) throw new Error(`it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
      const parsed = recordSchema.safeParse(parseJson(await readFile(file, 'utf8'), [], MAX_DEPTH + 8));
      if (parsed.success && parsed.data.workflowId === workflowId) {
        const { format: _format, version: _version, ...record } = parsed.data;
        return { ok: true, record: record as BatchRecord };
      }
      problem = parsed.success ? 'it belongs to another workflow' : `${jsonPath(parsed.error.issues[0].path)}: ${parsed.error.issues[0].message}`;
    } catch (e) {
      if (isNotFound(e)) return { ok: false, warning: null };
      problem = (e as Error).message;
    }
    try {
      const aside = await moveToCorrupt(file);
      return { ok: false, warning: `A saved batch could not be read (${problem}); it was moved to ${aside}.` };
    } catch (e) {
      return { ok: false, warning: `A saved batch could not be read (${problem}) and stays at ${file}: ${(e as Error).message}` };
    }
  }

  async function list(workflowId: string): Promise<Result<'batches.list'>> {
    const dir = folderOf(workflowId);
    const batches: BatchSummary[] = [];
    const warnings: string[] = [];
    for (const name of (await names(dir)).reverse()) {
      const file = join(dir, name);
      const r = await pathLock.run(file, () => read(file, workflowId));
      if (r.ok) batches.push(summaryOf(r.record));
      else if (r.warning) warnings.push(r.warning);
    }
    return { batches, warnings };
  }

  async function get(workflowId: string, id: string): Promise<Result<'batches.get'>> {
    const file = fileOf(workflowId, id);
    const r = await pathLock.run(file, () => read(file, workflowId));
    if (!r.ok) throw new ApiError('not-found', r.warning ?? 'This batch is no longer in the history.');
    return { summary: summaryOf(r.record), result: r.record.result, document: r.record.document };
  }

  return { save, list, get };
}
