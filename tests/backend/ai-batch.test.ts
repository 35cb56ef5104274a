// Batches with a real model (a local OpenAI-compatible test server): the steps marked external are
// sent to it once per item, the model's answers steer the items, the calls, tokens and cost are
// reported while it runs and kept with the result; above the number of calls Settings allow without
// asking, batch.start refuses until the caller confirms that many; a cancel aborts the requests in
// flight and keeps the items finished; with Settings on Mock nothing is sent.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/api/contract';
import type { Workflow } from '../../shared/model/schema';
import { RESOURCES_DIR } from '../../cli/repo';
import { makeBackend, type TestBackend } from './helpers';
import { supportTemplate } from './simulation-helpers';
import { startMockOpenAi, type MockOpenAi } from './support/mock-openai-server';

type Progress = Result<'batch.progress'>;

const servers: MockOpenAi[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The support template with its classify step (n2) on the external model. */
function withExternalClassify(): Workflow {
  const wf = supportTemplate();
  return { ...wf, nodes: wf.nodes.map((n) => (n.id === 'n2' && n.kind === 'ai' ? { ...n, config: { ...n.config, provider: 'external' as const } } : n)) };
}

async function setup(options: Parameters<typeof startMockOpenAi>[0] = {}, settings: { maxCallsWithoutAsking?: number } = {}) {
  vi.stubEnv('FLOWGATE_AI_API_KEY', '');
  const server = await startMockOpenAi({ label: 'billing', ...options });
  servers.push(server);
  const t = await makeBackend({ resourcesDir: RESOURCES_DIR });
  await t.ok('ai.updateSettings', { provider: 'openai-compatible', baseUrl: server.url, model: 'test-model', ...settings });
  return { server, t };
}

async function untilFinished(t: TestBackend, batchId: string, seen: Progress[] = []): Promise<Progress> {
  for (let i = 0; i < 2000; i++) {
    const p = await t.ok('batch.progress', { batchId });
    seen.push(p);
    if (p.finished) return p;
    await sleep(10);
  }
  throw new Error('the batch did not finish');
}

const USAGE_PER_CALL = { promptTokens: 120, completionTokens: 30 };

describe('a batch with AI steps on a model', () => {
  it('sends each item’s external step to the model, lets its answers steer the items, and reports usage', async () => {
    const { server, t } = await setup();
    const document = withExternalClassify();
    const settings = { runs: 12, seed: 3 };
    expect(await t.ok('batch.estimate', { document, settings })).toEqual({
      calls: 12,
      maxCallsWithoutAsking: 20,
      mustAsk: false,
      model: 'test-model',
      host: new URL(server.url).host,
      local: true,
      steps: ['n2'],
    });
    const { batchId } = await t.ok('batch.start', { document, settings });
    const seen: Progress[] = [];
    const end = await untilFinished(t, batchId, seen);
    expect(end).toMatchObject({ state: 'done', done: 12, inWorker: false, saved: true });
    expect(server.chats()).toHaveLength(12);
    expect(server.chats().every((c) => c.body!.model === 'test-model')).toBe(true);
    // Every item was classified "billing" by the model, so every one went to the billing team.
    expect(end.metrics!.nodeVisits.n4).toBe(12);
    expect(end.metrics!.outcomes).toEqual({ escalated: 12 });
    const usage = { model: 'test-model', calls: 12, failed: 0, promptTokens: 12 * USAGE_PER_CALL.promptTokens, completionTokens: 12 * USAGE_PER_CALL.completionTokens, totalTokens: 1800, usageReported: true, estimatedCostUsd: 0 };
    expect(end.aiUsage).toEqual(usage);
    // Usage grows while it runs, never past the end.
    const calls = seen.map((p) => p.aiUsage!.calls);
    expect(calls).toEqual([...calls].sort((a, b) => a - b));

    // Kept with the result in the history.
    const kept = await t.ok('batches.get', { workflowId: document.id, batchId });
    expect(kept.result.aiUsage).toEqual(usage);
  });

  it('a mock-only batch sends nothing and reports no usage', async () => {
    const { server, t } = await setup();
    const document = supportTemplate();
    expect(await t.ok('batch.estimate', { document, settings: { runs: 500 } })).toMatchObject({ calls: 0, mustAsk: false, model: null, host: null, steps: [] });
    const { batchId } = await t.ok('batch.start', { document, settings: { runs: 500 } });
    const end = await untilFinished(t, batchId);
    expect(end.state).toBe('done');
    expect(end.aiUsage).toBeUndefined();
    expect(server.requests).toHaveLength(0);
    expect((await t.ok('batches.get', { workflowId: document.id, batchId })).result.aiUsage).toBeUndefined();
  });

  it('with Settings on Mock, external steps stay on the mock too', async () => {
    const { server, t } = await setup();
    await t.ok('ai.updateSettings', { provider: 'mock' });
    const document = withExternalClassify();
    expect(await t.ok('batch.estimate', { document, settings: { runs: 100 } })).toMatchObject({ calls: 0, mustAsk: false, model: null });
    const end = await untilFinished(t, (await t.ok('batch.start', { document, settings: { runs: 100 } })).batchId);
    expect(end).toMatchObject({ state: 'done', done: 100 });
    expect(end.aiUsage).toBeUndefined();
    expect(server.requests).toHaveLength(0);
  });

  it('refuses to start above the allowed number of calls until the caller confirms at least the estimate', async () => {
    const { server, t } = await setup({}, { maxCallsWithoutAsking: 5 });
    const document = withExternalClassify();
    const settings = { runs: 8, seed: 1 };
    expect(await t.ok('batch.estimate', { document, settings })).toMatchObject({ calls: 8, maxCallsWithoutAsking: 5, mustAsk: true });

    const refused = await t.call('batch.start', { document, settings });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', path: '$.confirmCalls' } });
    const message = refused.ok ? '' : refused.error.message;
    expect(message).toContain(`about 8 calls to test-model at ${new URL(server.url).host}`);
    expect(message).toContain('more than the 5');
    const tooFew = await t.call('batch.start', { document, settings, confirmCalls: 7 });
    expect(tooFew).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(server.requests).toHaveLength(0);

    const { batchId } = await t.ok('batch.start', { document, settings, confirmCalls: 8 });
    const end = await untilFinished(t, batchId);
    expect(end).toMatchObject({ state: 'done', done: 8 });
    expect(server.chats()).toHaveLength(8);
    // Within the limit no confirmation is needed.
    await t.ok('batch.start', { document, settings: { runs: 5 } });
  });

  it('refuses a batch with external steps when no model is chosen', async () => {
    const { server, t } = await setup();
    await t.ok('ai.updateSettings', { model: '' });
    const r = await t.call('batch.start', { document: withExternalClassify(), settings: { runs: 3 } });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(r.ok ? '' : r.error.message).toContain('no model is chosen in Settings → AI');
    expect(server.requests).toHaveLength(0);
  });

  it('cancel aborts the requests in flight and keeps the items finished before', async () => {
    const { server, t } = await setup();
    const answer = { content: JSON.stringify({ label: 'billing', confidence: 0.9, rationale: 'an invoice' }) };
    // Eight answers, then the server stops answering: the four items in flight wait.
    server.script(...Array.from({ length: 8 }, () => answer), ...Array.from({ length: 4 }, () => ({ hang: true as const })));
    const document = withExternalClassify();
    const { batchId } = await t.ok('batch.start', { document, settings: { runs: 20 }, confirmCalls: 20 });
    for (let i = 0; i < 500 && server.chats().length < 12; i++) await sleep(10);
    expect(server.chats()).toHaveLength(12);
    expect((await t.ok('batch.progress', { batchId })).done).toBe(8);

    await t.ok('batch.cancel', { batchId });
    const end = await untilFinished(t, batchId);
    expect(end).toMatchObject({ state: 'cancelled', cancelled: true, done: 8, total: 20, saved: true });
    expect(end.metrics!.runs).toBe(8);
    expect(end.metrics!.nodeVisits.n4).toBe(8);
    expect(end.aiUsage).toMatchObject({ calls: 12, failed: 4 });
    // The four requests in flight were dropped by the client, and nothing was sent after the cancel.
    for (let i = 0; i < 100 && server.chats().filter((c) => c.abandoned).length < 4; i++) await sleep(10);
    expect(server.chats().filter((c) => c.abandoned)).toHaveLength(4);
    await sleep(50);
    expect(server.chats()).toHaveLength(12);
    expect((await t.ok('batches.get', { workflowId: document.id, batchId })).result).toMatchObject({ cancelled: true, aiUsage: { calls: 12 } });
  });
});
