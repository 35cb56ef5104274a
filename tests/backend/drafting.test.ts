// Drafting against a local OpenAI-compatible mock server (127.0.0.1, no internet) that refuses any
// request without a strict JSON schema: the repair round carries the loader's message, a model that
// never gets it right is stopped after the repair rounds, the schema sent is the one generated from
// zod, the key goes to the model's server only, and the draft.* API methods start, report progress,
// finish and cancel like a batch.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../../shared/analysis/analyze';
import { draftJsonSchema } from '../../shared/drafting/json-schema';
import { draftWorkflow } from '../../shared/drafting/repair-loop';
import { loadWorkflow, serializeWorkflow } from '../../shared/model/load';
import type { Result } from '../../shared/api/contract';
import { DraftingClient, DRAFT_MIN_TIMEOUT_MS, draftTimeoutMs } from '../../electron/backend/ai/drafting-client';
import { NOT_SET_UP } from '../../electron/backend/ai/drafting-service';
import { brokenRefundDraft, REFUND_DESCRIPTION, validRefundDraft } from '../fixtures/drafting/refund-drafts';
import { makeBackend } from './helpers';
import { startMockOpenAi, type MockOpenAi, type MockOpenAiOptions } from './support/mock-openai-server';

const KEY = 'sk-drafting-test-key-0123456789abcdef';
const servers: MockOpenAi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function mockServer(options: MockOpenAiOptions = {}): Promise<MockOpenAi> {
  const s = await startMockOpenAi({ requireStrictSchema: true, ...options });
  servers.push(s);
  return s;
}

function client(server: MockOpenAi, apiKey: string | null = KEY) {
  return new DraftingClient({ baseUrl: server.url, model: 'test-model', apiKey, retry: { baseMs: 5 } });
}

type Message = { role: string; content: string };
const messagesOf = (server: MockOpenAi, i: number) => server.chats()[i].body!.messages as Message[];

describe('drafting on an OpenAI-compatible server', () => {
  it('repairs a broken first reply in one round: exactly 2 requests, the second carrying the loader’s message', async () => {
    const server = await mockServer();
    server.script({ content: JSON.stringify(brokenRefundDraft()) }, { content: JSON.stringify(validRefundDraft()) });
    const model = client(server);
    const outcome = await draftWorkflow(REFUND_DESCRIPTION, model, { id: 'wf-refunds' });

    expect(server.chats()).toHaveLength(2);
    const second = messagesOf(server, 1);
    expect(second.at(-1)!.role).toBe('user');
    expect(second.at(-1)!.content).toContain('$.steps[2].next[0].to: no step is labelled "Over 50 euro?"');
    expect(second.at(-1)!.content).toContain('[gate/missing-approval]');
    expect(JSON.parse(second.at(-2)!.content)).toEqual(brokenRefundDraft());

    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    // The result loads as a file and the analysis finds no error in it.
    const reloaded = loadWorkflow(serializeWorkflow(outcome.workflow)).workflow;
    expect(analyze(reloaded).counts.error).toBe(0);
    expect(outcome).toMatchObject({ rounds: 2, insertedGates: [], counts: { error: 0 } });
    expect(reloaded.description).toBe(REFUND_DESCRIPTION);
    expect(model.ledger.summary()).toMatchObject({ model: 'test-model', calls: 2, failed: 0, totalTokens: 300 });
  });

  it('stops after the repair rounds when the server never sends a valid draft, listing what remains', async () => {
    const server = await mockServer({ draft: brokenRefundDraft() });
    const outcome = await draftWorkflow(REFUND_DESCRIPTION, client(server), { id: 'wf-refunds' });
    expect(server.chats()).toHaveLength(4);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.rounds).toBe(4);
    expect(outcome.remaining).toContainEqual(expect.objectContaining({ path: '$.steps[2].next[0].to', severity: 'error', message: expect.stringContaining('no step is labelled "Over 50 euro?"') }));
    expect(outcome.counts.error).toBeGreaterThan(0);
    expect(outcome.insertedGates).toEqual(['Tell the customer']);
  });

  it('sends the strict JSON schema generated from the zod schema, the key, and nothing but the prompt and the description', async () => {
    const server = await mockServer({ draft: validRefundDraft(), apiKey: KEY });
    await draftWorkflow(REFUND_DESCRIPTION, client(server), { id: 'wf-refunds' });
    const [chat] = server.chats();
    expect(chat.authorization).toBe(`Bearer ${KEY}`);
    expect(chat.body!.model).toBe('test-model');
    expect(chat.body!.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'flowgate_draft', strict: true, schema: draftJsonSchema() } });
    expect((chat.body!.messages as Message[]).map((m) => m.role)).toEqual(['system', 'user']);
  });

  it('the mock refuses a request without a strict schema, so the schema is really what gets it through', async () => {
    const server = await mockServer();
    const post = (responseFormat: unknown) =>
      fetch(`${server.url}/chat/completions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ model: 'test-model', messages: [{ role: 'user', content: 'hi' }], ...(responseFormat ? { response_format: responseFormat } : {}) }),
      });
    const schema = draftJsonSchema();
    expect((await post(null)).status).toBe(400);
    expect((await post({ type: 'json_object' })).status).toBe(400);
    expect((await post({ type: 'json_schema', json_schema: { name: 'flowgate_draft', strict: false, schema } })).status).toBe(400);
    const loose = structuredClone(schema) as { properties: { steps: { items: { anyOf: { required: string[] }[] } } } };
    loose.properties.steps.items.anyOf[0].required.pop();
    const refused = await post({ type: 'json_schema', json_schema: { name: 'flowgate_draft', strict: true, schema: loose } });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("'required' is required to include every key in properties");
    expect((await post({ type: 'json_schema', json_schema: { name: 'flowgate_draft', strict: true, schema } })).status).toBe(200);
  });

  it('says in words why it failed, without the key, and does not retry a refused key', async () => {
    const server = await mockServer({ apiKey: 'sk-the-right-one' });
    const outcome = await draftWorkflow(REFUND_DESCRIPTION, client(server, KEY), { id: 'x' });
    expect(outcome).toMatchObject({ ok: false, reason: 'failed', rounds: 1 });
    expect(!outcome.ok && outcome.message).toContain('The AI server refused the API key (401)');
    expect(JSON.stringify(outcome)).not.toContain(KEY);
    expect(server.chats()).toHaveLength(1);
  });

  it('reports a refusal as a refusal', async () => {
    const server = await mockServer();
    server.script({ status: 200, body: { id: 'c', object: 'chat.completion', created: 1, model: 'test-model', choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: 'I cannot help with that.' }, finish_reason: 'stop' }] } });
    const outcome = await draftWorkflow(REFUND_DESCRIPTION, client(server), { id: 'x' });
    expect(outcome).toEqual({ ok: false, reason: 'refused', message: 'test-model declined to draft this: I cannot help with that.', rounds: 1, problems: [] });
  });

  it('retries a busy server, then drafts', async () => {
    const server = await mockServer({ draft: validRefundDraft() });
    server.script({ status: 503, body: { error: { message: 'overloaded' } } });
    const model = client(server);
    const outcome = await draftWorkflow(REFUND_DESCRIPTION, model, { id: 'x' });
    expect(outcome.ok).toBe(true);
    expect(server.chats()).toHaveLength(2);
    expect(model.ledger.summary().calls).toBe(2);
  });

  it('a cancel aborts the request on its way', async () => {
    const server = await mockServer();
    server.script({ hang: true });
    const controller = new AbortController();
    const drafting = draftWorkflow(REFUND_DESCRIPTION, client(server), { id: 'x', signal: controller.signal });
    await expect.poll(() => server.chats().length, { timeout: 10_000 }).toBe(1);
    controller.abort();
    expect(await drafting).toMatchObject({ ok: false, reason: 'cancelled', rounds: 1 });
    await expect.poll(() => server.chats()[0].abandoned, { timeout: 10_000 }).toBe(true);
  });

  it('waits longer for a draft than for one step: at least three minutes', () => {
    expect(draftTimeoutMs(30_000)).toBe(DRAFT_MIN_TIMEOUT_MS);
    expect(draftTimeoutMs(600_000)).toBe(600_000);
  });
});

type Progress = Result<'draft.progress'>;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)])));
  return nested.flat();
}

describe('the draft.* API methods', () => {
  it('refuse to start without a model, pointing at Settings', async () => {
    const t = await makeBackend();
    const refused = await t.call('draft.start', { description: REFUND_DESCRIPTION });
    expect(refused).toEqual({ ok: false, error: { code: 'unavailable', message: NOT_SET_UP } });
    expect(NOT_SET_UP).toContain('Settings → AI');
    const blank = await t.call('draft.start', { description: '   ' });
    expect(blank).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.description' } });
  });

  it('draft on the model of Settings → AI, report each round, and give the draft once finished', async () => {
    const server = await mockServer();
    server.script({ content: JSON.stringify(brokenRefundDraft()) }, { content: JSON.stringify(validRefundDraft()) });
    const t = await makeBackend();
    await t.ok('ai.updateSettings', { provider: 'openai-compatible', baseUrl: server.url, model: 'test-model', apiKey: KEY });
    const started = await t.ok('draft.start', { description: `  ${REFUND_DESCRIPTION}  ` });
    expect(started).toMatchObject({ model: 'test-model', host: new URL(server.url).host, local: true });
    let progress: Progress;
    do {
      // Polled like the app does: a pause lets the request to the server go on meanwhile.
      await new Promise((r) => setTimeout(r, 10));
      progress = await t.ok('draft.progress', { draftId: started.draftId });
    } while (!progress.finished);
    expect(progress.state).toBe('done');
    expect(progress.progress).toMatchObject({ round: 2, maxRounds: 4 });
    expect(progress.result!.workflow.description).toBe(REFUND_DESCRIPTION);
    expect(progress.result!.counts.error).toBe(0);
    expect(progress.aiUsage).toMatchObject({ calls: 2, model: 'test-model' });
    expect(server.chats().every((c) => c.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(JSON.stringify(progress)).not.toContain(KEY);
    // Nothing of the description or the draft is kept on disk by the backend: it went to the model only.
    const files = await filesUnder(t.dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(await readFile(f, 'utf8'), f).not.toContain('50 euros');
  });

  it('cancel a draft on its way', async () => {
    const server = await mockServer();
    server.script({ hang: true });
    const t = await makeBackend();
    await t.ok('ai.updateSettings', { provider: 'openai-compatible', baseUrl: server.url, model: 'test-model' });
    const { draftId } = await t.ok('draft.start', { description: REFUND_DESCRIPTION });
    await expect.poll(() => server.chats().length, { timeout: 10_000 }).toBe(1);
    await t.ok('draft.cancel', { draftId });
    await expect.poll(async () => (await t.ok('draft.progress', { draftId })).state, { timeout: 10_000 }).toBe('cancelled');
    expect((await t.ok('draft.progress', { draftId })).failure).toMatchObject({ reason: 'cancelled' });
    expect(await t.call('draft.progress', { draftId: 'draft-unknown' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
