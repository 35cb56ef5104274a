// "Has a batch been run since the last edit?" Flowgate answers it from the batch history itself: the
// latest batch of this workflow (batches.list, newest first) keeps the document as it ran, and it
// counts for the document on the canvas when the two are the same workflow — where the steps sit on
// the canvas aside, since moving a step changes nothing a batch measures. So the answer survives a
// reload or a reopen, undoing back to the version a batch ran on makes it true again, and any other
// edit (a prompt, a grant, an owner) makes it false until the next batch finishes.
import type { Api, Result } from '../../../shared/api/contract';
import { workflowSchema, type Workflow } from '../../../shared/model/schema';

export type BatchRecord = Result<'batches.get'>;

export interface LatestBatch {
  record: BatchRecord;
  /** Whether it ran on the document as it is now (see above). */
  sameVersion: boolean;
}

/** JSON with object keys sorted, so two documents that differ only in key order compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/** The document as the batch history would keep it (through the schema), without the steps' positions. */
function behaviourOf(wf: unknown): string | null {
  const parsed = workflowSchema.safeParse(wf);
  if (!parsed.success) return null;
  return canonical({ ...parsed.data, nodes: parsed.data.nodes.map(({ position: _position, ...node }) => node) });
}

/** Whether a batch that ran on `ran` describes `now`: the same workflow, up to where steps sit on the canvas. */
export function sameVersion(ran: Workflow, now: Workflow): boolean {
  if (ran === now) return true;
  const a = behaviourOf(ran);
  return a !== null && a === behaviourOf(now);
}

/** The newest record in the workflow's batch history, or null; `warnings` name records set aside as unreadable. */
export async function latestBatchRecord(api: Api, workflowId: string): Promise<{ record: BatchRecord | null; warnings: string[] }> {
  const { batches, warnings } = await api['batches.list']({ workflowId });
  const newest = batches[0];
  if (!newest) return { record: null, warnings };
  return { record: await api['batches.get']({ workflowId, batchId: newest.id }), warnings };
}

/** The latest batch of the workflow and whether it ran on this version; null when none has been run. */
export async function latestBatch(api: Api, wf: Workflow): Promise<{ latest: LatestBatch | null; warnings: string[] }> {
  const { record, warnings } = await latestBatchRecord(api, wf.id);
  return { latest: record ? { record, sameVersion: sameVersion(record.document as Workflow, wf) } : null, warnings };
}
