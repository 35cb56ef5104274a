// AI steps marked `external` in an app run (sim.start): they go to the configured model while the
// other steps stay on the mock; a reply that does not fit takes the step's `error` output; with the
// provider set to Mock, nothing is sent anywhere.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Workflow } from '../../shared/model/schema';
import type { TraceEvent } from '../../shared/simulation/trace';
import { RESOURCES_DIR } from '../../cli/repo';
import { makeBackend, type TestBackend } from './helpers';
import { startMockOpenAi, type MockOpenAi } from './support/mock-openai-server';

const servers: MockOpenAi[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function supportWorkflow(t: TestBackend): Promise<Workflow> {
  const wf = (await t.ok('templates.get', { id: 'support-ticket-triage' })) as Workflow;
  return { ...wf, nodes: wf.nodes.map((n) => (n.id === 'n2' && n.kind === 'ai' ? { ...n, config: { ...n.config, provider: 'external' as const } } : n)) };
}

async function runToRest(t: TestBackend, document: Workflow, scenarioId: string) {
  let view = await t.ok('sim.start', { document, scenarioId });
  while (view.status === 'running') view = await t.ok('sim.get', { runId: view.runId, waitMs: 2_000 });
  return view;
}

const aiEvents = (events: TraceEvent[]) => events.filter((e): e is Extract<TraceEvent, { type: 'ai' }> => e.type === 'ai');

describe('external AI steps in app runs', () => {
  it('runs the step marked external on the configured model; the other AI steps stay on the mock', async () => {
    vi.stubEnv('FLOWGATE_AI_API_KEY', '');
    const server = await startMockOpenAi({ label: 'billing' });
    servers.push(server);
    const t = await makeBackend({ resourcesDir: RESOURCES_DIR });
    await t.ok('ai.updateSettings', { provider: 'openai-compatible', baseUrl: server.url, model: 'test-model' });
    const view = await runToRest(t, await supportWorkflow(t), 'happy');
    const events = aiEvents(view.trace.events);
    const classify = events.find((e) => e.nodeId === 'n2')!;
    expect(classify).toMatchObject({ provider: 'test-model', output: 'billing', confidence: 0.93, error: null });
    expect(classify.note).toContain('the test server chose billing');
    expect(classify.note).toMatch(/test-model, \d+ tokens/);
    expect(events.filter((e) => e.nodeId !== 'n2').every((e) => e.provider === 'mock')).toBe(true);
    // The model's label steers the run: billing goes to the billing escalation.
    expect(view.trace.path.map((p) => p.nodeId)).toContain('n4');
    expect(server.chats()).toHaveLength(1);
    const sent = JSON.stringify(server.chats()[0].body);
    expect(sent).toContain('password reset link expired');
  });

  it('reports the run’s model calls, tokens and cost in its view and keeps them in the run history', async () => {
    vi.stubEnv('FLOWGATE_AI_API_KEY', '');
    const server = await startMockOpenAi({ label: 'billing' });
    servers.push(server);
    const t = await makeBackend({ resourcesDir: RESOURCES_DIR });
    await t.ok('ai.updateSettings', { provider: 'openai-compatible', baseUrl: server.url, model: 'test-model' });
    const document = await supportWorkflow(t);
    const view = await runToRest(t, document, 'happy');
    const usage = { model: 'test-model', calls: 1, failed: 0, promptTokens: 120, completionTokens: 30, totalTokens: 150, usageReported: true, estimatedCostUsd: 0 };
    expect(view.aiUsage).toEqual(usage);
    expect((await t.ok('runs.get', { workflowId: document.id, runId: view.runId })).aiUsage).toEqual(usage);
    // A run that sent nothing says nothing about usage.
    const mockOnly = await runToRest(t, (await t.ok('templates.get', { id: 'support-ticket-triage' })) as Workflow, 'happy');
    expect(mockOnly.aiUsage).toBeUndefined();
    expect((await t.ok('runs.get', { workflowId: mockOnly.workflowId, runId: mockOnly.runId })).aiUsage).toBeUndefined();
  });

  it('takes the error output when the reply does not fit, with the reason in the trace', async () => {
    const server = await startMockOpenAi();
    servers.push(server);
    server.script({ content: 'I would say this is about logging in.' });
    const t = await makeBackend({ resourcesDir: RESOURCES_DIR });
    await t.ok('ai.updateSettings', { provider: 'openai-compatible', baseUrl: server.url, model: 'test-model' });
    const view = await runToRest(t, await supportWorkflow(t), 'happy');
    expect(view.trace.path.find((p) => p.nodeId === 'n2')).toEqual({ nodeId: 'n2', handle: 'error' });
    const classify = aiEvents(view.trace.events).find((e) => e.nodeId === 'n2')!;
    expect(classify.error).toContain('does not fit what the step asked for (the reply is not JSON)');
  });

  it('says so in the trace when no model is chosen', async () => {
    const t = await makeBackend({ resourcesDir: RESOURCES_DIR });
    await t.ok('ai.updateSettings', { provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' });
    const view = await runToRest(t, await supportWorkflow(t), 'happy');
    expect(view.trace.path.find((p) => p.nodeId === 'n2')).toEqual({ nodeId: 'n2', handle: 'error' });
    expect(aiEvents(view.trace.events).find((e) => e.nodeId === 'n2')!.error).toContain('no model is chosen in Settings');
  });

  it('keeps every step on the mock while Settings say Mock, even a step marked external', async () => {
    const server = await startMockOpenAi();
    servers.push(server);
    const t = await makeBackend({ resourcesDir: RESOURCES_DIR });
    await t.ok('ai.updateSettings', { provider: 'mock', baseUrl: server.url, model: 'test-model' });
    const view = await runToRest(t, await supportWorkflow(t), 'happy');
    expect(aiEvents(view.trace.events).find((e) => e.nodeId === 'n2')).toMatchObject({ provider: 'mock', output: 'account' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('cancelling an app run', () => {
  it('aborts the model request the run is waiting for', async () => {
    const server = await startMockOpenAi();
    servers.push(server);
    server.script({ hang: true });
    const t = await makeBackend({ resourcesDir: RESOURCES_DIR });
    await t.ok('ai.updateSettings', { provider: 'openai-compatible', baseUrl: server.url, model: 'test-model', timeoutSeconds: 600 });
    const view = await t.ok('sim.start', { document: await supportWorkflow(t), scenarioId: 'happy' });
    expect(view.status).toBe('running');
    await vi.waitFor(() => expect(server.chats()).toHaveLength(1));
    expect(server.chats()[0].abandoned).toBe(false);
    await t.ok('sim.cancel', { runId: view.runId });
    await vi.waitFor(() => expect(server.chats()[0].abandoned).toBe(true));
  });
});
