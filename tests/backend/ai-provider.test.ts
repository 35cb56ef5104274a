// The OpenAI-compatible provider against a local mock server (127.0.0.1, no internet): structured
// output for classify and extract, text for draft, sources for retrieve, and every way a request can
// go wrong — a reply that does not fit, a refused key, a busy server, no answer, a cancelled run.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AiRequest } from '../../shared/simulation/ai-provider';
import { OpenAiCompatibleProvider, type ProviderOptions } from '../../electron/backend/ai/openai-provider';
import { startMockOpenAi, type MockOpenAi, type MockOpenAiOptions } from './support/mock-openai-server';

const servers: MockOpenAi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function mockServer(options: MockOpenAiOptions = {}): Promise<MockOpenAi> {
  const s = await startMockOpenAi(options);
  servers.push(s);
  return s;
}

function provider(server: MockOpenAi, extra: Partial<ProviderOptions> = {}): OpenAiCompatibleProvider {
  return new OpenAiCompatibleProvider({ baseUrl: server.url, model: 'test-model', apiKey: 'sk-test-provider-key', retry: { baseMs: 5 }, ...extra });
}

function request(extra: Partial<AiRequest> = {}): AiRequest {
  return {
    nodeId: 'n2',
    task: 'classify',
    prompt: 'Classify this ticket: I was charged twice for my subscription.',
    material: 'I was charged twice for my subscription.',
    values: { body: 'I was charged twice for my subscription.' },
    item: { customerName: 'Ana Lima' },
    labels: [
      { name: 'billing', keywords: ['charge', 'refund'] },
      { name: 'technical', keywords: ['error'] },
      { name: 'other', keywords: [] },
    ],
    fields: [],
    documents: [],
    signature: 'Support team',
    ...extra,
  };
}

type Schema = { name: string; strict: boolean; schema: { properties: Record<string, { enum?: string[]; properties?: Record<string, unknown>; items?: { enum?: string[] } }>; required: string[] } };
const schemaOf = (server: MockOpenAi, i = 0) => (server.chats()[i].body!.response_format as { json_schema: Schema }).json_schema;
const messagesOf = (server: MockOpenAi, i = 0) => server.chats()[i].body!.messages as { role: string; content: string }[];

describe('classify and route', () => {
  it('asks for a label from the step’s list with a JSON schema, and returns the model’s label, confidence and rationale', async () => {
    const server = await mockServer({ label: 'billing' });
    const answer = await provider(server).run(request());
    expect(answer).toMatchObject({ ok: true, output: 'billing', confidence: 0.93 });
    expect(answer.ok && answer.note).toContain('the test server chose billing');
    expect(answer.ok && answer.note).toContain('test-model, 150 tokens');

    const chat = server.chats()[0];
    expect(chat.authorization).toBe('Bearer sk-test-provider-key');
    expect(chat.body!.model).toBe('test-model');
    const schema = schemaOf(server);
    expect(schema.name).toBe('classification');
    expect(schema.strict).toBe(true);
    expect(schema.schema.properties.label.enum).toEqual(['billing', 'technical', 'other']);
    expect(schema.schema.required).toEqual(['label', 'confidence', 'rationale']);
    const [system, user] = messagesOf(server);
    expect(system.role).toBe('system');
    expect(system.content).toContain('- billing (for example: charge, refund)');
    expect(user.content).toContain('I was charged twice');
  });

  it('accepts a label in another case, since servers without strict schemas may change it', async () => {
    const server = await mockServer();
    server.script({ content: '{"label":"Technical","confidence":0.7,"rationale":"an error"}' });
    expect(await provider(server).run(request({ task: 'route' }))).toMatchObject({ ok: true, output: 'technical', confidence: 0.7 });
  });

  it('turns a reply that does not fit into an error with the reason', async () => {
    const server = await mockServer();
    server.script(
      { content: 'Billing, I think.' },
      { content: '{"label":"refunds","confidence":0.9,"rationale":"x"}' },
      { content: '{"label":"billing","confidence":85,"rationale":"x"}' },
      { content: '{"confidence":0.9}' },
    );
    const p = provider(server);
    const replies = [await p.run(request()), await p.run(request()), await p.run(request()), await p.run(request())];
    expect(replies.map((r) => r.ok)).toEqual([false, false, false, false]);
    const errors = replies.map((r) => (r.ok ? '' : r.error));
    expect(errors[0]).toContain('does not fit what the step asked for (the reply is not JSON)');
    expect(errors[1]).toContain('"refunds" is not one of its labels: billing, technical, other');
    expect(errors[2]).toContain('confidence must be from 0 to 1');
    expect(errors[3]).toContain('label');
    expect(p.ledger.summary()).toMatchObject({ calls: 4, failed: 4 });
  });

  it('does not call the model for a step without labels', async () => {
    const server = await mockServer();
    const answer = await provider(server).run(request({ labels: [] }));
    expect(answer).toMatchObject({ ok: false });
    expect(server.chats()).toHaveLength(0);
  });
});

describe('extract, draft, summarize and retrieve', () => {
  it('extracts with a JSON schema of the step’s fields; fields the model leaves out are null', async () => {
    const server = await mockServer({ fields: { poNumber: 'PO-118', amount: '1,200.00' } });
    const answer = await provider(server).run(request({ task: 'extract', fields: ['poNumber', 'amount', 'dueDate'] }));
    expect(answer).toMatchObject({ ok: true, output: { poNumber: 'PO-118', amount: '1,200.00', dueDate: null }, confidence: 0.88 });
    expect(answer.ok && answer.note).toContain('not found: dueDate');
    const schema = schemaOf(server);
    expect(schema.name).toBe('extraction');
    expect(Object.keys(schema.schema.properties.fields.properties!)).toEqual(['poNumber', 'amount', 'dueDate']);
  });

  it('drafts plain text, handing the model the articles with their ids and the signature', async () => {
    const server = await mockServer({ text: 'Hello Ana,\n\nWe refunded the second charge (KB-7).\n\nSupport team' });
    const documents = [{ id: 'KB-7', kind: 'article' as const, title: 'Double charges', text: 'Refund the duplicate charge.', score: 2 }];
    const answer = await provider(server).run(request({ task: 'draft', prompt: 'Reply to the customer.', documents }));
    expect(answer).toMatchObject({ ok: true, output: 'Hello Ana,\n\nWe refunded the second charge (KB-7).\n\nSupport team', confidence: 0.9 });
    expect(server.chats()[0].body!.response_format).toBeUndefined();
    const [system, user] = messagesOf(server);
    expect(system.content).toContain('Sign it as: Support team');
    expect(user.content).toContain('[KB-7] Double charges');
    expect(user.content).toContain('Write to: Ana Lima');
  });

  it('treats an empty text as a reply that does not fit', async () => {
    const server = await mockServer();
    server.script({ content: '   ' });
    const answer = await provider(server).run(request({ task: 'summarize' }));
    expect(answer).toMatchObject({ ok: false });
    expect(!answer.ok && answer.error).toContain('the reply is empty');
  });

  it('retrieves by passing the articles with their ids; the output keeps the ids as sources', async () => {
    const server = await mockServer();
    const documents = [
      { id: 'KB-7', kind: 'article' as const, title: 'Double charges', text: 'Refunds.', score: 2 },
      { id: 'KB-9', kind: 'article' as const, title: 'Invoices', text: 'Where to find them.', score: 1 },
    ];
    const answer = await provider(server).run(request({ task: 'retrieve', documents }));
    expect(answer).toMatchObject({ ok: true, output: ['KB-7', 'KB-9'] });
    expect(schemaOf(server).schema.properties.sources.items!.enum).toEqual(['KB-7', 'KB-9']);
    server.script({ content: '{"sources":["KB-404"],"confidence":0.9,"rationale":"x"}' });
    const invented = await provider(server).run(request({ task: 'retrieve', documents }));
    expect(!invented.ok && invented.error).toContain('"KB-404" is not the id of an article it was given');
  });

  it('answers a retrieval with no articles found without calling the model', async () => {
    const server = await mockServer();
    expect(await provider(server).run(request({ task: 'retrieve' }))).toMatchObject({ ok: true, output: [] });
    expect(server.chats()).toHaveLength(0);
  });
});

describe('failures', () => {
  it('reports a refused key (401) without repeating the key, even when the server echoes it', async () => {
    const server = await mockServer({ apiKey: 'sk-the-right-key-0000' });
    const key = 'sk-wrong-but-secret-key-1234567890';
    const answer = await provider(server, { apiKey: key }).run(request());
    expect(answer.ok).toBe(false);
    const error = answer.ok ? '' : answer.error;
    expect(error).toContain('refused the API key (401)');
    expect(error).not.toContain(key);
    expect(error).not.toContain(key.slice(0, 20));
    expect(server.chats()).toHaveLength(1); // a refused key is not retried
  });

  it('retries a 429 after a pause and succeeds, saying so in the note', async () => {
    const server = await mockServer({ label: 'billing' });
    server.script({ status: 429, body: { error: { message: 'Rate limit reached' } }, headers: { 'retry-after-ms': '20' } });
    const p = provider(server);
    const answer = await p.run(request());
    expect(answer).toMatchObject({ ok: true, output: 'billing' });
    expect(answer.ok && answer.note).toContain('after 1 retry');
    expect(server.chats()).toHaveLength(2);
    expect(p.ledger.summary()).toMatchObject({ calls: 2, failed: 0, totalTokens: 150 });
  });

  it('gives up after two retries of a failing server', async () => {
    const server = await mockServer();
    const fail = { status: 503, body: { error: { message: 'overloaded' } } };
    server.script(fail, fail, fail, fail);
    const answer = await provider(server).run(request());
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error).toContain('The AI server failed (503): overloaded. (after 2 retries)');
    expect(server.chats()).toHaveLength(3);
  });

  it('says the model is unknown on a 404', async () => {
    const server = await mockServer();
    const answer = await provider(server, { model: 'no-such-model' }).run(request());
    expect(!answer.ok && answer.error).toContain('does not know the model "no-such-model"');
  });

  it('times out a request the server never answers, without retrying it', async () => {
    const server = await mockServer();
    server.script({ hang: true }, { hang: true });
    const answer = await provider(server, { timeoutMs: 300 }).run(request());
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error).toContain('did not answer within 0.3 s');
    expect(server.chats()).toHaveLength(1);
  });

  it('is cancelled at once through the run’s AbortSignal', async () => {
    const server = await mockServer();
    server.script({ hang: true });
    const abort = new AbortController();
    const pending = provider(server, { signal: abort.signal, timeoutMs: 60_000 }).run(request());
    while (server.chats().length === 0) await new Promise((r) => setTimeout(r, 5));
    abort.abort();
    const answer = await pending;
    expect(answer).toMatchObject({ ok: false, error: 'Cancelled before the model answered.' });
    // Once cancelled, later steps do not call at all.
    expect(await provider(server, { signal: abort.signal }).run(request())).toMatchObject({ ok: false });
    expect(server.chats()).toHaveLength(1);
  });

  it('says an address where nothing listens is unreachable (retried, then given up)', async () => {
    const port = await new Promise<number>((done) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const free = (probe.address() as { port: number }).port;
        probe.close(() => done(free));
      });
    });
    const p = new OpenAiCompatibleProvider({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm', apiKey: null, retry: { baseMs: 5 } });
    const answer = await p.run(request());
    expect(!answer.ok && answer.error).toMatch(/Cannot reach the AI server at http:\/\/127\.0\.0\.1:\d+\/v1 \(nothing is listening there\).*after 2 retries/);
    expect(p.ledger.summary()).toMatchObject({ calls: 3, failed: 1, estimatedCostUsd: 0 });
  });

  it('sends a placeholder, not an empty key, to servers that need none', async () => {
    const server = await mockServer();
    await new OpenAiCompatibleProvider({ baseUrl: server.url, model: 'test-model', apiKey: null }).run(request());
    expect(server.chats()[0].authorization).toBe('Bearer no-key-set');
  });
});
