// Run history: each finished run of a workflow as one file, `<dataDir>/runs/<workflow>/<runId>.json`,
// holding the trace, the decisions a person made and the document as it ran, so a run can be reopened
// and replayed after the workflow has changed. Written atomically; a file that cannot be read back is
// moved to `corrupt/` beside it (its bytes kept) and reported, never a crash and never listed.
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ApiError, type Result } from '../../../shared/api/contract';
import { APPROVAL_MODES, RUN_ID, type ApprovalMode } from '../../../shared/api/simulation-contract';
import { depthExceeds, jsonPath, MAX_DEPTH, MAX_FILE_BYTES, parseJson } from '../../../shared/model/load';
import { workflowSchema, type Workflow } from '../../../shared/model/schema';
import { aiUsageSchema, type AiUsage } from '../../../shared/simulation/ai-usage';
import { DECISIONS, type Decision, type Scenario } from '../../../shared/simulation/scenario';
import type { Trace } from '../../../shared/simulation/trace';
import { atomicWriteUnlocked, realFs, type AtomicFs } from '../atomic-write';
import { moveToCorrupt, removeStaleTemps } from '../corrupt-files';
import { fsError, isNotFound } from '../errors';
import { pathLock } from '../path-lock';
import { workflowFolderName } from './ids';
import { parseStoredTrace } from './trace-schema';

export const RUN_FORMAT = 'flowgate.run';
/** The oldest runs of a workflow are removed beyond this many. */
export const MAX_RUNS_PER_WORKFLOW = 50;
/** A run file wraps the document and the trace, whose variables may hold records: a few levels more than a workflow. */
const MAX_RUN_DEPTH = MAX_DEPTH + 16;

export type RunSummary = Result<'runs.list'>['runs'][number];
export type StoredRun = Result<'runs.get'>;

export interface UserDecision {
  nodeId: string;
  decision: Decision;
  note: string | null;
  editedDraft: string | null;
}

export interface RunRecord {
  id: string;
  workflowId: string;
  startedAt: string;
  finishedAt: string;
  approvals: ApprovalMode;
  seed: number;
  scenario: Scenario;
  decisions: UserDecision[];
  document: Workflow;
  trace: Trace;
  /** The run's model calls, when AI steps ran on a model. */
  aiUsage?: AiUsage;
}

const recordSchema = z.looseObject({
  format: z.literal(RUN_FORMAT),
  version: z.literal(1),
  id: z.string().regex(RUN_ID),
  workflowId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  approvals: z.enum(APPROVAL_MODES),
  seed: z.number(),
  scenario: z.looseObject({ id: z.string(), name: z.string() }),
  decisions: z.array(
    z.looseObject({ nodeId: z.string(), decision: z.enum(DECISIONS), note: z.string().nullable().default(null), editedDraft: z.string().nullable().default(null) }),
  ),
  document: workflowSchema,
  trace: z.unknown(),
  // Only a figure to show: a damaged one is dropped rather than the run set aside.
  aiUsage: aiUsageSchema.optional().catch(undefined),
});

export function summaryOf(r: Pick<RunRecord, 'id' | 'workflowId' | 'startedAt' | 'approvals' | 'seed' | 'trace'> & { scenario: { id: string; name: string } }): RunSummary {
  const t = r.trace;
  return {
    id: r.id,
    workflowId: r.workflowId,
    startedAt: r.startedAt,
    scenario: { id: r.scenario.id, name: r.scenario.name },
    seed: r.seed,
    approvals: r.approvals,
    outcome: t.outcome,
    stopped: t.stopped,
    steps: t.steps,
    elapsedMinutes: t.elapsedMinutes,
    deniedCalls: t.calls.filter((c) => c.result === 'denied').length,
  };
}

export interface RunHistoryDeps {
  dataDir: string;
  fs?: AtomicFs;
}

export type RunHistory = ReturnType<typeof runHistory>;

export function runHistory({ dataDir, fs = realFs }: RunHistoryDeps) {
  const root = join(dataDir, 'runs');
  const folderOf = (workflowId: string) => join(root, workflowFolderName(workflowId));
  const fileOf = (workflowId: string, runId: string) => join(folderOf(workflowId), `${runId}.json`);

  async function runNames(dir: string): Promise<string[]> {
    try {
      return (await readdir(dir)).filter((n) => n.endsWith('.json') && RUN_ID.test(n.slice(0, -'.json'.length))).sort();
    } catch (e) {
      if (isNotFound(e)) return [];
      throw fsError(e, dir, 'read the run history folder');
    }
  }

  /** Keeps a finished run. Throws an ApiError saying why it could not. */
  async function save(run: RunRecord): Promise<void> {
    const value = { format: RUN_FORMAT, version: 1, ...run };
    if (depthExceeds(value, MAX_RUN_DEPTH - 1)) throw new ApiError('bad-request', 'The run holds values nested too deeply to be kept in the run history.');
    const text = `${JSON.stringify(value)}\n`;
    if (Buffer.byteLength(text) > MAX_FILE_BYTES) throw new ApiError('bad-request', `The run is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB, too large to keep in the run history.`);
    const dir = folderOf(run.workflowId);
    const file = fileOf(run.workflowId, run.id);
    await pathLock.run(file, async () => {
      try {
        await mkdir(dir, { recursive: true });
        await atomicWriteUnlocked(file, text, { fs });
      } catch (e) {
        throw fsError(e, file, 'keep the run in');
      }
    });
    await prune(dir);
  }

  /** Removes the oldest runs beyond the limit; names start with the start time, so name order is age. */
  async function prune(dir: string): Promise<void> {
    const names = await runNames(dir);
    for (const name of names.slice(0, Math.max(0, names.length - MAX_RUNS_PER_WORKFLOW))) {
      const file = join(dir, name);
      await pathLock.run(file, () => unlink(file).catch(() => undefined));
    }
  }

  async function list(workflowId: string): Promise<Result<'runs.list'>> {
    const dir = folderOf(workflowId);
    await removeStaleTemps(dir);
    const runs: RunSummary[] = [];
    const warnings: string[] = [];
    for (const name of (await runNames(dir)).reverse()) {
      const file = join(dir, name);
      const read = await pathLock.run(file, () => readRun(file, workflowId));
      if (read.ok) runs.push(summaryOf(read.run));
      else if (read.warning) warnings.push(read.warning);
    }
    return { runs, warnings };
  }

  async function get(workflowId: string, runId: string): Promise<StoredRun> {
    const file = fileOf(workflowId, runId);
    const read = await pathLock.run(file, () => readRun(file, workflowId));
    if (!read.ok) throw new ApiError('not-found', read.warning ?? 'This run is no longer in the run history.');
    const { trace, decisions, document, aiUsage } = read.run;
    return { summary: summaryOf(read.run), trace, decisions, document, ...(aiUsage ? { aiUsage } : {}) };
  }

  async function remove(workflowId: string, runId: string): Promise<void> {
    const file = fileOf(workflowId, runId);
    await pathLock.run(file, async () => {
      try {
        await unlink(file);
      } catch (e) {
        if (!isNotFound(e)) throw fsError(e, file, 'remove the run');
      }
    });
  }

  type Read = { ok: true; run: RunRecord } | { ok: false; warning: string | null };

  /** A valid run, or a warning after setting an unreadable file aside (null: there is no such file). */
  async function readRun(file: string, workflowId: string): Promise<Read> {
    let problem: string;
    try {
      const info = await stat(file);
      if (!info.isFile()) return { ok: false, warning: null };
      if (info.size > MAX_FILE_BYTES) throw new Error(`it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
      const parsed = recordSchema.safeParse(parseJson(await readFile(file, 'utf8'), [], MAX_RUN_DEPTH));
      if (parsed.success) {
        const trace = parseStoredTrace(parsed.data.trace);
        if (trace.ok && parsed.data.workflowId === workflowId) {
          const { format: _format, version: _version, ...rest } = parsed.data;
          return { ok: true, run: { ...rest, scenario: rest.scenario as Scenario, trace: trace.trace } };
        }
        problem = trace.ok ? 'it belongs to another workflow' : `$.trace${jsonPath(trace.error.issues[0].path).slice(1)}: ${trace.error.issues[0].message}`;
      } else {
        const issue = parsed.error.issues[0];
        problem = `${jsonPath(issue.path)}: ${issue.message}`;
      }
    } catch (e) {
      if (isNotFound(e)) return { ok: false, warning: null };
      problem = (e as Error).message;
    }
    return { ok: false, warning: await setAside(file, problem) };
  }

  async function setAside(file: string, problem: string): Promise<string> {
    try {
      const aside = await moveToCorrupt(file);
      return `A saved run could not be read (${problem}); it was moved to ${aside}.`;
    } catch (e) {
      return `A saved run could not be read (${problem}) and stays at ${file}: ${(e as Error).message}`;
    }
  }

  return { save, list, get, remove, folderOf };
}
