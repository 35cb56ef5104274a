// What the reviewer approved, in the simulator: the trace records what they were shown, a later
// sensitive call whose content differs from what was approved is marked (with a timeline event), the
// reviewer's own edits are what they approved, and batches count such calls per step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { loadWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { runBatch } from '../../../shared/simulation/batch';
import { compileWorkflow } from '../../../shared/simulation/compile';
import { startRun } from '../../../shared/simulation/engine';
import { parseSimulationSection } from '../../../shared/simulation/scenario';
import { simulateScenario } from '../../../shared/simulation/simulate';
import type { Trace, TraceEvent } from '../../../shared/simulation/trace';
import { ai, approval, conn, end, integration, intake, run, testData, workflow } from './build';

const ROOT = join(import.meta.dirname, '../../..');
const redraft = () => loadWorkflow(readFileSync(join(ROOT, 'tests/fixtures/redraft-after-approval.flowgate.json'), 'utf8')).workflow;
const template = (name: string) => loadWorkflow(readFileSync(join(ROOT, 'resources/templates', `${name}.flowgate.json`), 'utf8')).workflow;
const changedEvents = (t: Trace) => t.events.filter((e): e is Extract<TraceEvent, { type: 'changed-after-approval' }> => e.type === 'changed-after-approval');

const HELPDESK = conn('hd', 'helpdesk', ['tickets.read', 'tickets.reply']);
const draftStep = (id: string, text: string, output = 'reply') => ai(id, { task: 'draft', prompt: 'Write', output, template: text, confidenceThreshold: 0.1 });

/** in → draft → gate → [polish →] send → end; the send maps its body from {{reply}}. */
function replyFlow(options: { polish?: string; body?: string; gate?: Record<string, unknown> } = {}): Workflow {
  const { polish, body = '{{reply}}', gate = {} } = options;
  const nodes = [
    intake('in', { connection: 'hd', action: 'tickets.read' }),
    draftStep('draft', 'Hello {{customerName}}, we are on it.'),
    approval('gate', gate),
    ...(polish === undefined ? [] : [draftStep('polish', polish)]),
    integration('send', 'hd', 'tickets.reply', { ticketId: '{{ticketId}}', body }),
    end('done'),
  ];
  const edges: [string, string, string][] = [
    ['in', 'out', 'draft'],
    ['draft', 'ok', 'gate'],
    ['gate', 'approved', polish === undefined ? 'send' : 'polish'],
    ...(polish === undefined ? [] : ([['polish', 'ok', 'send']] as [string, string, string][])),
    ['send', 'ok', 'done'],
  ];
  return workflow({ connections: [HELPDESK], nodes, edges, simulation: { scenarios: [{ id: 's', input: { ticketId: 'T-1' } }] } });
}

describe('a call after an approval', () => {
  it('is marked when an AI step rewrote what it sends after the approval, with an event in the timeline', () => {
    const t = simulateScenario(redraft(), loadSampleData(), { scenarioId: 'approved' });
    const send = t.calls.find((c) => c.nodeId === 'n5')!;
    expect(send).toMatchObject({ action: 'tickets.reply', allowed: true, result: 'ok', approvedContentChanged: true });
    expect(t.calls.filter((c) => c.approvedContentChanged)).toHaveLength(1);
    expect(changedEvents(t)).toEqual([{ type: 'changed-after-approval', atMs: send.atMs, nodeId: 'n5', approvalNodeId: 'n3', connection: 'helpdesk', action: 'tickets.reply', inputs: ['body'] }]);
    // What the supervisor saw is in the trace, and it is not what went out.
    const shown = t.approvals[0].shown!;
    expect(Object.keys(shown)).toEqual(['ticketId', 'reply']);
    expect(shown.reply).not.toContain('refunded');
    expect(t.outbox[0].body).toContain('we have refunded');
    // The event follows the call it is about.
    const i = t.events.findIndex((e) => e.type === 'changed-after-approval');
    expect(t.events[i - 1]).toMatchObject({ type: 'call', nodeId: 'n5' });
  });

  it('is not marked when it sends what was approved', () => {
    const t = run(replyFlow());
    expect(t.calls.map((c) => c.approvedContentChanged)).toEqual([undefined, undefined]);
    expect(changedEvents(t)).toEqual([]);
    expect(t.outbox[0].body).toBe('Hello Ana Ruiz, we are on it.');
  });

  it('is not marked when a rewrite gives the same text: what counts is the content', () => {
    const t = run(replyFlow({ polish: '{{reply}}' }));
    expect(t.calls.some((c) => c.approvedContentChanged)).toBe(false);
  });

  it('is marked for the inputs that changed only, not for the passing of time', () => {
    const t = run(replyFlow({ polish: '{{reply}} (checked on {{today}})', body: '{{reply}} Sent {{now}}.' }));
    expect(changedEvents(t).map((e) => e.inputs)).toEqual([['body']]);
    const steady = run(replyFlow({ body: '{{reply}} Sent {{now}}.' }));
    expect(steady.calls.some((c) => c.approvedContentChanged)).toBe(false);
  });

  it('counts the reviewer’s own edit of the draft as what they approved', () => {
    const wf = replyFlow();
    const section = parseSimulationSection(wf.simulation);
    const live = startRun(compileWorkflow(wf, testData()), { scenario: section.scenarios[0], undecided: 'pause' });
    expect(live.advance()).toMatchObject({ state: 'waiting-decision', nodeId: 'gate' });
    live.decide('gate', 'approved', { edits: { reply: 'Dear Ana, fixed. Regards.' } });
    const status = live.advance();
    if (status.state !== 'done') throw new Error(status.state);
    const t = status.trace;
    expect(t.outbox[0].body).toBe('Dear Ana, fixed. Regards.');
    expect(t.calls.some((c) => c.approvedContentChanged)).toBe(false);
    // What the reviewer had in front of them when deciding: their own words.
    expect(t.approvals[0].shown).toEqual({ ticketId: 'T-1', reply: 'Dear Ana, fixed. Regards.' });
  });

  it('is marked after an AI step that acts sends what it has just written', () => {
    const wf = workflow({
      connections: [HELPDESK],
      nodes: [
        intake('in', { connection: 'hd', action: 'tickets.read' }),
        approval('gate'),
        ai('bot', { task: 'draft', prompt: 'Write', output: 'reply', template: 'Done: {{subject}}', mode: 'act', confidenceThreshold: 0.1, tools: [{ connection: 'hd', action: 'tickets.reply' }] }),
        end('done'),
      ],
      edges: [
        ['in', 'out', 'gate'],
        ['gate', 'approved', 'bot'],
        ['bot', 'ok', 'done'],
      ],
      simulation: { scenarios: [{ id: 's', input: { ticketId: 'T-1' } }] },
    });
    const t = run(wf);
    expect(t.calls.find((c) => c.nodeId === 'bot')).toMatchObject({ approvedContentChanged: true });
  });

  it('before any approval is not compared with anything (gate/missing-approval’s case)', () => {
    const wf = workflow({
      connections: [HELPDESK],
      nodes: [intake('in', { connection: 'hd', action: 'tickets.read' }), draftStep('draft', 'Hi'), integration('send', 'hd', 'tickets.reply', { body: '{{reply}}' }), end('done')],
      edges: [
        ['in', 'out', 'draft'],
        ['draft', 'ok', 'send'],
        ['send', 'ok', 'done'],
      ],
      simulation: { scenarios: [{ id: 's', input: { ticketId: 'T-1' } }] },
    });
    expect(run(wf).calls.some((c) => c.approvedContentChanged)).toBe(false);
  });

  it('leaves the shipped templates’ traces unmarked: their approvals cover what they send', () => {
    const data = loadSampleData();
    for (const name of ['support-ticket-triage', 'invoice-approval', 'sales-lead-intake', 'employee-onboarding']) {
      const wf = template(name);
      for (const s of parseSimulationSection(wf.simulation).scenarios) {
        const t = simulateScenario(wf, data, { scenarioId: s.id });
        expect(t.calls.filter((c) => c.approvedContentChanged), `${name} / ${s.id}`).toEqual([]);
        for (const a of t.approvals) expect(a.shown, `${name} / ${s.id}`).toBeDefined();
      }
    }
  });
});

describe('a batch', () => {
  it('counts the calls that sent changed content, per step', () => {
    const m = runBatch(redraft(), loadSampleData(), { runs: 300, seed: 5 }).metrics;
    // Every item the supervisor approves reaches the send with the polished text.
    expect(m.changedAfterApproval).toBeGreaterThan(200);
    expect(m.changedAfterApprovalByNode).toEqual({ n5: m.changedAfterApproval });
    expect(m.changedAfterApproval).toBe(m.nodeVisits.n5);
  });

  it('counts none for a workflow whose approvals cover what it sends', () => {
    const m = runBatch(template('support-ticket-triage'), loadSampleData(), { runs: 300, seed: 5, faults: { aiUnavailable: 0.05, aiUnsure: 0.05, connectorFailure: 0.05 } }).metrics;
    expect(m.changedAfterApproval).toBe(0);
    expect(m.changedAfterApprovalByNode).toEqual({});
  });
});
