// "Has a batch been run since the last edit?": the latest batch of the workflow counts when it ran on
// the document as it is now (steps' positions aside). Checked on documents, on a fake batch history,
// and end to end against the real backend's batch history.
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../../../shared/api/contract';
import { moveNodes } from '../../../shared/model/edits/graph';
import { setProperties } from '../../../shared/model/edits/workflow';
import type { Workflow } from '../../../shared/model/schema';
import { latestBatch, latestBatchRecord, sameVersion } from '../../../renderer/src/readiness/batch-freshness';
import { makeBackend } from '../../backend/helpers';
import { template } from './analysis-fixtures';

const RESOURCES = fileURLToPath(new URL('../../../resources/', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The same document built again with every object's keys in reverse order (as a JSON round trip through another tool might). */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)])) as T;
}

function withPrompt(wf: Workflow, prompt: string): Workflow {
  return { ...wf, nodes: wf.nodes.map((n) => (n.kind === 'ai' ? { ...n, config: { ...n.config, prompt } } : n)) };
}

describe('sameVersion', () => {
  const wf = template('support-ticket-triage');

  it('holds for the same document, a copy, and a copy with its keys in another order', () => {
    expect(sameVersion(wf, wf)).toBe(true);
    expect(sameVersion(wf, structuredClone(wf))).toBe(true);
    expect(sameVersion(wf, reversedKeys(wf))).toBe(true);
  });

  it('holds when steps were only moved on the canvas', () => {
    const moved = moveNodes(wf, Object.fromEntries(wf.nodes.map((n, i) => [n.id, { x: n.position.x + 40 * i, y: n.position.y - 17 }])));
    expect(moved).not.toBe(wf);
    expect(sameVersion(wf, moved)).toBe(true);
  });

  it('fails for any other edit: a prompt, a grant, the owner, a removed line', () => {
    expect(sameVersion(wf, withPrompt(wf, 'Sort the ticket.'))).toBe(false);
    expect(sameVersion(wf, { ...wf, connections: wf.connections.map((c) => ({ ...c, grants: c.grants.slice(1) })) })).toBe(false);
    expect(sameVersion(wf, setProperties(wf, { owner: 'Someone else' }))).toBe(false);
    expect(sameVersion(wf, { ...wf, edges: wf.edges.slice(1) })).toBe(false);
  });

  it('fails for a document the schema refuses rather than guessing', () => {
    expect(sameVersion(wf, { ...wf, nodes: 'broken' } as unknown as Workflow)).toBe(false);
  });
});

describe('latestBatch on a batch history', () => {
  const wf = template('support-ticket-triage');
  const summary = (id: string) => ({ id, workflowId: wf.id, workflowName: wf.name, startedAt: '', finishedAt: '2026-01-01T10:00:00.000Z', durationMs: 5, settings: { runs: 10 }, runs: 10, cancelled: false });

  function history(batches: { id: string; document: Workflow }[], warnings: string[] = []) {
    const get = vi.fn(async ({ batchId }: { batchId: string }) => {
      const b = batches.find((x) => x.id === batchId)!;
      return { summary: summary(b.id), result: { metrics: { runs: 10 } }, document: b.document };
    });
    const api = { 'batches.list': vi.fn(async () => ({ batches: batches.map((b) => summary(b.id)), warnings })), 'batches.get': get } as unknown as Api;
    return { api, get };
  }

  it('answers null when no batch has been run, without asking for one', async () => {
    const { api, get } = history([], ['A batch record could not be read and was set aside.']);
    expect(await latestBatch(api, wf)).toEqual({ latest: null, warnings: ['A batch record could not be read and was set aside.'] });
    expect(get).not.toHaveBeenCalled();
  });

  it('takes the newest batch (the history lists newest first) and compares it with the document now', async () => {
    const older = withPrompt(wf, 'An older prompt.');
    const { api, get } = history([
      { id: 'b2', document: wf },
      { id: 'b1', document: older },
    ]);
    const { latest } = await latestBatch(api, wf);
    expect(get).toHaveBeenCalledExactlyOnceWith({ workflowId: wf.id, batchId: 'b2' });
    expect(latest!.record.summary.id).toBe('b2');
    expect(latest!.sameVersion).toBe(true);
    // Undoing back to what an *older* batch ran on does not count: the newest batch is the one the report shows.
    expect((await latestBatch(api, older)).latest!.sameVersion).toBe(false);
  });
});

describe('latestBatch against the real backend', () => {
  it('is true once a batch of this document has finished, false after an edit, true again after undoing it', async () => {
    const fg = await makeBackend({ resourcesDir: RESOURCES });
    const api = fg.backend as Api;
    const wf = template('support-ticket-triage');
    expect((await latestBatchRecord(api, wf.id)).record).toBeNull();

    const { batchId } = await fg.ok('batch.start', { document: wf, settings: { runs: 20, seed: 3 } });
    for (let i = 0; i < 400 && !(await fg.ok('batch.progress', { batchId })).saved; i++) await sleep(25);

    const fresh = await latestBatch(api, wf);
    expect(fresh.latest).toMatchObject({ sameVersion: true, record: { summary: { id: batchId, runs: 20 } } });
    const edited = setProperties(wf, { description: `${wf.description} Now also for refunds.` });
    expect((await latestBatch(api, edited)).latest!.sameVersion).toBe(false);
    expect((await latestBatch(api, structuredClone(wf))).latest!.sameVersion).toBe(true);
  });
});
