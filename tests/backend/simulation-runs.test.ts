// Interactive runs in the backend: start to the first waiting point, decide (approve, reject with a
// note, edit the draft, time out), cancel, runtime permissions, the AI provider hook and sample records.
import { describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESOURCES_DIR } from '../../cli/repo';
import type { Result } from '../../shared/api/contract';
import type { AiProvider, AiResponse } from '../../shared/simulation/ai-provider';
import { traceToJson } from '../../shared/simulation/trace';
import { simulationService } from '../../electron/backend/simulation/handlers';
import { goldenTrace, simBackend, supportTemplate, withoutGrant } from './simulation-helpers';

type View = Result<'sim.start'>;

const pathOf = (v: View) => v.trace.path.map((p) => `${p.nodeId}:${p.handle ?? ''}`);

describe('sim.start', () => {
  it('runs a scenario whose approvals are scripted to its end, with the same trace as the command line', async () => {
    const t = await simBackend();
    const view = await t.ok('sim.start', { document: supportTemplate(), scenarioId: 'happy' });
    expect(view.status).toBe('done');
    expect(view.waiting).toBeNull();
    expect(traceToJson(view.trace)).toBe(goldenTrace('happy'));
    expect(view.history).toEqual({ saved: true, error: null });
  });

  it('waits at the approval when asked to decide every approval, offering the draft to edit', async () => {
    const t = await simBackend();
    const view = await t.ok('sim.start', { document: supportTemplate(), scenarioId: 'happy', approvals: 'ask' });
    expect(view.status).toBe('waiting');
    expect(view.waiting).toMatchObject({ nodeId: 'n8', label: 'Supervisor approves reply', reviewer: 'Support supervisor', timeoutHours: 4 });
    expect(view.waiting!.instructions).toMatch(/Check that the draft/);
    expect(view.waiting!.draft?.variable).toBe('draft');
    expect(view.waiting!.draft?.text).toBe(view.trace.variables.draft);
    expect(view.waiting!.draft?.text).toMatch(/Maria/);
    expect(view.trace.events.at(-1)).toMatchObject({ type: 'approval.requested', nodeId: 'n8' });
    expect(view.trace.outcome).toBeNull();
    expect(view.history.saved).toBe(false);
  });

  it('follows the reviewer profile when the scenario scripts nothing, and waits only where nobody decides', async () => {
    const t = await simBackend();
    const wf = supportTemplate();
    const inline = { id: 'typed', name: 'Typed in', input: { ticketId: 'T-1001' } };
    const profiled = await t.ok('sim.start', { document: wf, scenario: inline });
    expect(profiled.status).toBe('done');
    expect(profiled.trace.approvals).toEqual([expect.objectContaining({ nodeId: 'n8', decidedBy: 'profile' })]);

    const noProfiles = { ...wf, simulation: { ...wf.simulation, reviewers: {} } };
    const waiting = await t.ok('sim.start', { document: noProfiles, scenario: inline });
    expect(waiting.status).toBe('waiting');
    expect(waiting.waiting?.nodeId).toBe('n8');
  });

  it('runs an inline scenario built from a sample record: the intake reads the rest of the ticket', async () => {
    const t = await simBackend();
    const view = await t.ok('sim.start', { document: supportTemplate(), scenario: { id: 'T-1003', input: { ticketId: 'T-1003' } }, approvals: 'ask' });
    expect(view.trace.scenario).toEqual({ id: 'T-1003', name: '' });
    expect(view.trace.variables.subject).toBe('App crashes when I export a report');
    expect(view.trace.variables.category).toBe('technical');
  });

  it('stops a looping workflow at the step limit, driving it over several slices', async () => {
    const t = await simBackend();
    const wf = supportTemplate();
    // The decision loops back to the classifier forever.
    const loop = { ...wf, edges: wf.edges.map((e) => (e.id === 'e6' ? { ...e, target: 'n2' } : e)) };
    const view = await t.ok('sim.start', { document: loop, scenarioId: 'happy' });
    expect(view.status).toBe('done');
    expect(view.trace.stopCode).toBe('step-limit');
    expect(view.trace.steps).toBe(1000);
  });
});

describe('sim.decide', () => {
  it('approves: the run goes on to its end, the reply is in the outbox and the run is kept', async () => {
    const t = await simBackend();
    const started = await t.ok('sim.start', { document: supportTemplate(), scenarioId: 'happy', approvals: 'ask', seed: 7 });
    const done = await t.ok('sim.decide', { runId: started.runId, nodeId: 'n8', decision: 'approved' });
    expect(done.status).toBe('done');
    expect(done.trace.outcome).toBe('resolved');
    expect(pathOf(done)).toEqual(['n1:out', 'n2:ok', 'n3:else', 'n6:ok', 'n7:ok', 'n8:approved', 'n9:ok', 'n10:ok', 'n11:']);
    expect(done.trace.approvals).toEqual([expect.objectContaining({ nodeId: 'n8', decision: 'approved', decidedBy: 'user' })]);
    expect(done.trace.outbox).toEqual([expect.objectContaining({ nodeId: 'n9', to: 'maria.lopez@example.com', customerFacing: true, body: started.waiting!.draft!.text })]);
    // The continuation keeps every event from the start, so a replay can go on where it was.
    expect(done.trace.events.slice(0, started.trace.events.length)).toEqual(started.trace.events);
    expect(done.history).toEqual({ saved: true, error: null });
    const { runs } = await t.ok('runs.list', { workflowId: 'support-ticket-triage' });
    expect(runs.map((r) => [r.id, r.outcome, r.seed, r.approvals])).toEqual([[started.runId, 'resolved', 7, 'ask']]);
  });

  it('sends the draft as the reviewer edited it, and the note becomes the variable reviewNote', async () => {
    const t = await simBackend();
    const started = await t.ok('sim.start', { document: supportTemplate(), scenarioId: 'happy', approvals: 'ask' });
    const done = await t.ok('sim.decide', { runId: started.runId, nodeId: 'n8', decision: 'approved', editedDraft: 'Hello Maria, here is a new link.', note: '  Shorter is better.  ' });
    expect(done.trace.outbox[0].body).toBe('Hello Maria, here is a new link.');
    expect(done.trace.variables.reviewNote).toBe('Shorter is better.');
    expect(done.trace.events).toContainEqual(expect.objectContaining({ type: 'approval.decided', nodeId: 'n8', edited: ['draft', 'reviewNote'] }));
    const stored = await t.ok('runs.get', { workflowId: 'support-ticket-triage', runId: started.runId });
    expect(stored.decisions).toEqual([{ nodeId: 'n8', decision: 'approved', note: 'Shorter is better.', editedDraft: 'Hello Maria, here is a new link.' }]);
  });

  it('rejects with a note: an agent takes over and nothing is sent', async () => {
    const t = await simBackend();
    const started = await t.ok('sim.start', { document: supportTemplate(), scenarioId: 'happy', approvals: 'ask' });
    const done = await t.ok('sim.decide', { runId: started.runId, nodeId: 'n8', decision: 'rejected', note: 'Wrong article.' });
    expect(done.trace.outcome).toBe('rejected');
    expect(pathOf(done).slice(-3)).toEqual(['n8:rejected', 'n12:out', 'n13:']);
    expect(done.trace.outbox).toEqual([]);
    expect(done.trace.variables.reviewNote).toBe('Wrong article.');
  });

  it('lets the gate time out after its timeout on the virtual clock', async () => {
    const t = await simBackend();
    const started = await t.ok('sim.start', { document: supportTemplate(), scenarioId: 'happy', approvals: 'ask' });
    const before = started.trace.elapsedMs;
    const done = await t.ok('sim.decide', { runId: started.runId, nodeId: 'n8', decision: 'timeout' });
    expect(pathOf(done).slice(-3)).toEqual(['n8:timeout', 'n14:out', 'n16:']);
    expect(done.trace.elapsedMs - before).toBe(4 * 60 * 60 * 1000);
  });

  it('without the reply grant, the approved reply is denied (403) and the error path is taken', async () => {
    const t = await simBackend();
    const wf = withoutGrant(supportTemplate(), 'helpdesk', 'tickets.reply');
    const started = await t.ok('sim.start', { document: wf, scenarioId: 'happy', approvals: 'ask' });
    const done = await t.ok('sim.decide', { runId: started.runId, nodeId: 'n8', decision: 'approved' });
    expect(done.trace.calls).toContainEqual(expect.objectContaining({ nodeId: 'n9', action: 'tickets.reply', allowed: false, result: 'denied' }));
    expect(pathOf(done).slice(-3)).toEqual(['n9:error', 'n15:out', 'n16:']);
    expect(done.trace.outcome).toBe('escalated');
    expect(done.trace.outbox).toEqual([]);
    const { runs } = await t.ok('runs.list', { workflowId: wf.id });
    expect(runs[0].deniedCalls).toBe(1);
  });

  it('refuses a decision where the run does not wait, a second decision, and an edit with no draft', async () => {
    const t = await simBackend();
    const started = await t.ok('sim.start', { document: supportTemplate(), scenarioId: 'happy', approvals: 'ask' });
    expect(await t.call('sim.decide', { runId: started.runId, nodeId: 'n9', decision: 'approved' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const [first, second] = await Promise.all([
      t.call('sim.decide', { runId: started.runId, nodeId: 'n8', decision: 'approved' }),
      t.call('sim.decide', { runId: started.runId, nodeId: 'n8', decision: 'rejected' }),
    ]);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // A gate with no AI draft before it: an approval straight after the intake.
    const wf = supportTemplate();
    const early = { ...wf, edges: wf.edges.map((e) => (e.id === 'e1' ? { ...e, target: 'n8' } : e)) };
    const waiting = await t.ok('sim.start', { document: early, scenarioId: 'happy', approvals: 'ask' });
    expect(waiting.waiting).toMatchObject({ nodeId: 'n8', draft: null });
    expect(await t.call('sim.decide', { runId: waiting.runId, nodeId: 'n8', decision: 'approved', editedDraft: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', path: '$.editedDraft' },
    });
  });
});

describe('sim.cancel and sim.get', () => {
  it('a cancelled run is gone and is not kept in the history', async () => {
    const t = await simBackend();
    const started = await t.ok('sim.start', { document: supportTemplate(), scenarioId: 'happy', approvals: 'ask' });
    expect((await t.ok('sim.get', { runId: started.runId })).status).toBe('waiting');
    expect(await t.ok('sim.cancel', { runId: started.runId })).toEqual({});
    expect(await t.call('sim.get', { runId: started.runId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await t.call('sim.decide', { runId: started.runId, nodeId: 'n8', decision: 'approved' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await t.ok('sim.cancel', { runId: started.runId })).toEqual({});
    expect((await t.ok('runs.list', { workflowId: 'support-ticket-triage' })).runs).toEqual([]);
  });
});

/** An AI provider that answers only when the test says so. */
function heldProvider(name: string) {
  const pending: ((r: AiResponse) => void)[] = [];
  const provider: AiProvider = { name, run: () => new Promise<AiResponse>((resolve) => pending.push(resolve)) };
  return { provider, pending };
}

describe('the AI provider hook', () => {
  it('a step given a provider is answered by it (and named in the trace); the others use the mock', async () => {
    const model: AiProvider = { name: 'test-model', run: async () => ({ ok: true, output: 'technical', confidence: 0.9, note: 'asked the test model' }) };
    const t = await simBackend({ aiProviderFor: (node) => (node.id === 'n2' ? model : null) });
    const view = await t.ok('sim.start', { document: supportTemplate(), scenarioId: 'happy' });
    expect(view.status).toBe('done');
    const ai = view.trace.events.filter((e) => e.type === 'ai');
    expect(ai.map((e) => [e.nodeId, e.provider])).toEqual([
      ['n2', 'test-model'],
      ['n6', 'mock'],
      ['n7', 'mock'],
    ]);
    expect(view.trace.variables.category).toBe('technical');
  });

  it('a provider that cannot be set up makes its step fail, and the run takes the error path', async () => {
    const t = await simBackend({
      aiProviderFor: () => {
        throw new Error('no API key');
      },
    });
    const view = await t.ok('sim.start', { document: supportTemplate(), scenarioId: 'happy' });
    expect(view.trace.events).toContainEqual(expect.objectContaining({ type: 'error', nodeId: 'n2', message: expect.stringContaining('no API key') }));
    expect(pathOf(view).slice(0, 3)).toEqual(['n1:out', 'n2:error', 'n15:out']);
  });

  it('a run awaiting a slow provider answers `running`, and sim.get waits for its next state', async () => {
    const held = heldProvider('slow-model');
    const dataDir = await mkdtemp(join(tmpdir(), 'flowgate-sim-'));
    const service = simulationService({ dataDir, resourcesDir: RESOURCES_DIR, aiProviderFor: () => held.provider, answerWaitMs: 20 });
    try {
      const started = await service.handlers['sim.start']({ document: supportTemplate(), scenarioId: 'happy' });
      expect(started.status).toBe('running');
      expect(started.trace.events.at(-1)).toMatchObject({ type: 'step.entered', nodeId: 'n2' });
      const got = service.handlers['sim.get']({ runId: started.runId, waitMs: 10_000 });
      held.pending.shift()!({ ok: true, output: 'billing', confidence: 0.95 });
      const next = await got;
      // Billing goes to the billing team: no more AI steps, so the run ends.
      expect(next.status).toBe('done');
      expect(next.trace.outcome).toBe('escalated');
      expect(next.trace.events.find((e) => e.type === 'ai')).toMatchObject({ provider: 'slow-model', output: 'billing' });
    } finally {
      await service.close();
    }
  });

  it('closing the backend cancels a run that waits for its provider', async () => {
    const held = heldProvider('never');
    const dataDir = await mkdtemp(join(tmpdir(), 'flowgate-sim-'));
    const service = simulationService({ dataDir, resourcesDir: RESOURCES_DIR, aiProviderFor: () => held.provider, answerWaitMs: 10 });
    const started = await service.handlers['sim.start']({ document: supportTemplate(), scenarioId: 'happy' });
    expect(service.live.size).toBe(1);
    await service.close();
    expect(service.live.size).toBe(0);
    await expect(service.handlers['sim.get']({ runId: started.runId })).rejects.toMatchObject({ code: 'not-found' });
    await expect(service.handlers['sim.start']({ document: supportTemplate() })).rejects.toMatchObject({ code: 'unavailable' });
  });
});

describe('sim.samples', () => {
  it('lists the tickets the support intake can receive, by the input that names them', async () => {
    const t = await simBackend();
    const samples = await t.ok('sim.samples', { document: supportTemplate() });
    expect(samples.dataset).toBe('tickets');
    expect(samples.idKey).toBe('ticketId');
    expect(samples.records[0]).toEqual({ id: 'T-1001', label: 'Cannot log in: password reset link expired' });
    expect(samples.records.length).toBeGreaterThan(5);
  });

  it('offers nothing for an intake that reads no system, or when there is no sample data', async () => {
    const t = await simBackend();
    const wf = supportTemplate();
    const form = { ...wf, nodes: wf.nodes.map((n) => (n.kind === 'intake' ? { ...n, config: { ...n.config, connection: undefined, action: undefined } } : n)) };
    expect(await t.ok('sim.samples', { document: form })).toEqual({ dataset: null, idKey: null, records: [] });
    const bare = await simBackend({ resourcesDir: join(await mkdtemp(join(tmpdir(), 'flowgate-res-')), 'none') });
    expect(await bare.ok('sim.samples', { document: wf })).toEqual({ dataset: null, idKey: null, records: [] });
    // Without sample data the run still works: the ticket is received as typed, and with no help
    // articles to find, the retrieval is unsure and a person takes over.
    const view = await bare.ok('sim.start', { document: wf, scenarioId: 'happy' });
    expect(view.trace.variables.subject).toBe('Cannot log in: password reset link expired');
    expect(pathOf(view)).toContain('n6:low_confidence');
    expect(view.trace.outcome).toBe('escalated');
  });
});
