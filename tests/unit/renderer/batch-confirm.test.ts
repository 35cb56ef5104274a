// The batch panel's question before a batch sends many model calls, DOM-free: batch.start refuses with
// `conflict` at $.confirmCalls, the store asks batch.estimate and holds the question ("This batch will
// send about N calls to <model> at <host>. Continue?"); yes starts it confirming that many, no drops
// it. Against the real backend and a local OpenAI-compatible test server, the finished batch shows the
// model's calls and tokens; the AI settings' model and server are read for the setup's note.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi, unwrap } from '../../../renderer/src/client/transport';
import { ApiError, type Api, type Params } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import type { Workflow } from '../../../shared/model/schema';
import { createDocumentStore } from '../../../renderer/src/store/document';
import { createSessionStore } from '../../../renderer/src/store/session';
import { confirmQuestion, createBatchStore, hostOf, mustConfirm } from '../../../renderer/src/batch/store';
import { simBackend, supportTemplate } from '../../backend/simulation-helpers';
import { startMockOpenAi, type MockOpenAi } from '../../backend/support/mock-openai-server';

const servers: MockOpenAi[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function withExternalClassify(): Workflow {
  const wf = supportTemplate();
  return { ...wf, nodes: wf.nodes.map((n) => (n.id === 'n2' && n.kind === 'ai' ? { ...n, config: { ...n.config, provider: 'external' as const } } : n)) };
}

const ESTIMATE = { calls: 40, maxCallsWithoutAsking: 20, mustAsk: true, model: 'gpt-4o-mini', host: 'api.openai.com', local: false, steps: ['n2'] };

/** batch.start refuses until confirmCalls reaches the estimate; every call is recorded. */
function askingApi() {
  const starts: Params<'batch.start'>[] = [];
  const handlers: Partial<Api> = {
    async 'batch.start'(p) {
      starts.push(p);
      if ((p.confirmCalls ?? -1) < ESTIMATE.calls) throw new ApiError('conflict', 'This batch would send about 40 calls…', '$.confirmCalls');
      return { batchId: 'b1' };
    },
    async 'batch.estimate'() {
      return ESTIMATE;
    },
    async 'batch.progress'() {
      return { batchId: 'b1', state: 'running', done: 0, total: 40, rate: 0, etaSeconds: null, finished: false, cancelled: false, inWorker: false, error: null, saved: false };
    },
  };
  return { api: handlers as Api, starts };
}

function setup(api: Api, wf: Workflow) {
  const doc = createDocumentStore();
  const session = createSessionStore(doc);
  const batch = createBatchStore({ api, doc, session, schedule: () => null, unschedule: () => undefined });
  doc.load(wf);
  session.opened(wf, null, null);
  return { doc, session, batch };
}

describe('asking before a batch sends many model calls', () => {
  it('holds the refused batch as a question, and starts it confirming the estimate on yes', async () => {
    const { api, starts } = askingApi();
    const { batch } = setup(api, withExternalClassify());
    batch.setField('runs', '40');
    expect(await batch.start()).toBe(false);
    expect(starts[0].confirmCalls).toBeUndefined();
    expect(batch.state.error).toBeNull();
    expect(batch.state.starting).toBe(false);
    const confirm = batch.state.confirm!;
    expect(confirm).toMatchObject({ calls: 40, model: 'gpt-4o-mini', host: 'api.openai.com', local: false });
    expect(confirmQuestion(confirm)).toBe('This batch will send about 40 calls to gpt-4o-mini at api.openai.com. Continue?');

    expect(await batch.confirmCalls()).toBe(true);
    expect(starts[1]).toMatchObject({ confirmCalls: 40, settings: { runs: 40 } });
    expect(starts[1].document).toBe(confirm.document);
    expect(batch.state.confirm).toBeNull();
    expect(batch.state.runningId).toBe('b1');
  });

  it('drops the question on no, and when another document opens', async () => {
    const { api, starts } = askingApi();
    const { batch, doc, session } = setup(api, withExternalClassify());
    await batch.start();
    batch.dismissConfirm();
    expect(batch.state.confirm).toBeNull();
    expect(await batch.confirmCalls()).toBe(false);
    await batch.start();
    expect(batch.state.confirm).not.toBeNull();
    const other = { ...supportTemplate(), id: 'wf-other' };
    doc.load(other);
    session.opened(other, null, null);
    expect(batch.state.confirm).toBeNull();
    expect(starts).toHaveLength(2);
  });

  it('shows any other refusal as an error, without asking', async () => {
    const api = {
      async 'batch.start'() {
        throw new ApiError('bad-request', '$.runs: must be at least 1', '$.runs');
      },
    } as unknown as Api;
    const { batch } = setup(api, supportTemplate());
    expect(await batch.start()).toBe(false);
    expect(batch.state.confirm).toBeNull();
    expect(batch.state.error).toContain('must be at least 1');
    expect(mustConfirm(new ApiError('conflict', 'x'))).toBe(false);
    expect(mustConfirm(new Error('conflict'))).toBe(false);
  });

  it('names the server by its host', () => {
    expect(hostOf('https://api.openai.com/v1')).toBe('api.openai.com');
    expect(hostOf('http://localhost:11434/v1')).toBe('localhost:11434');
    expect(hostOf('not a url')).toBe('not a url');
  });
});

describe('a batch with a model, against the real backend', () => {
  it('asks, runs on yes, and shows the model’s calls and tokens with the results', async () => {
    vi.stubEnv('FLOWGATE_AI_API_KEY', '');
    const server = await startMockOpenAi({ label: 'billing' });
    servers.push(server);
    const t = await simBackend();
    await t.ok('ai.updateSettings', { provider: 'openai-compatible', baseUrl: server.url, model: 'test-model', maxCallsWithoutAsking: 3 });
    const api = createApi(async (method, params) => unwrap(await dispatch(t.backend, method, params), method));
    const doc = createDocumentStore();
    const session = createSessionStore(doc);
    const batch = createBatchStore({ api, doc, session });
    const wf = withExternalClassify();
    doc.load(wf);
    session.opened(wf, null, null);

    await batch.loadAiProvider();
    expect(batch.state.aiTarget).toEqual({ model: 'test-model', host: new URL(server.url).host, maxCallsWithoutAsking: 3 });
    batch.setField('runs', '5');
    expect(await batch.start()).toBe(false);
    expect(batch.state.confirm).toMatchObject({ calls: 5, model: 'test-model', host: new URL(server.url).host, local: true });
    expect(server.requests).toHaveLength(0);

    expect(await batch.confirmCalls()).toBe(true);
    await vi.waitFor(() => expect(batch.state.shown).not.toBeNull(), { timeout: 15_000, interval: 50 });
    expect(server.chats()).toHaveLength(5);
    expect(batch.state.shown!.aiUsage).toMatchObject({ model: 'test-model', calls: 5, totalTokens: 750, estimatedCostUsd: 0 });
    expect(batch.state.shown!.metrics.outcomes).toEqual({ escalated: 5 });
    // Reopened from the history, it still says so.
    await batch.show(batch.state.shown!.id);
    expect(batch.state.shown!.aiUsage).toMatchObject({ calls: 5 });
  });
});
