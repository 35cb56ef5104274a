import { describe, expect, it } from 'vitest';
import type { AiProvider, AiRequest } from '../../../shared/simulation/ai-provider';
import { compileWorkflow } from '../../../shared/simulation/compile';
import { NO_DATA } from '../../../shared/simulation/datasets';
import { startRun } from '../../../shared/simulation/engine';
import { mockAi } from '../../../shared/simulation/mock-ai';
import { parseSimulationSection } from '../../../shared/simulation/scenario';
import { simulate, simulateAsync } from '../../../shared/simulation/simulate';
import { traceToJson, type TraceEvent } from '../../../shared/simulation/trace';
import { ai, approval, conn, decision, end, escalation, integration, intake, run, scenario, testData, tickets, workflow } from './build';

const handles = (t: { path: { nodeId: string; handle: string | null }[] }) => t.path.map((p) => `${p.nodeId}:${p.handle}`);
const eventsOf = <T extends TraceEvent['type']>(t: { events: TraceEvent[] }, type: T) => t.events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);

const classifyNode = (id = 'a') =>
  ai(id, {
    task: 'classify',
    prompt: 'Classify: {{subject}} {{body}}',
    output: 'category',
    labels: [
      { name: 'billing', keywords: ['charge', 'refund', 'invoice'] },
      { name: 'login', keywords: ['password', 'log in', 'reset'] },
    ],
  });

describe('intake', () => {
  it('makes the input fields variables and completes them from the record its action reads', () => {
    const wf = workflow({
      connections: [conn('helpdesk', 'helpdesk', ['tickets.read'])],
      nodes: [intake('i', { connection: 'helpdesk', action: 'tickets.read', fields: ['ticketId'] }), end('z')],
      edges: [['i', 'out', 'z']],
      simulation: scenario({ ticketId: 'T-1', note: 'typed in' }),
    });
    const t = run(wf);
    expect(t.variables).toMatchObject({ ticketId: 'T-1', note: 'typed in', subject: 'Charged twice', customerEmail: 'ana@example.com' });
    expect(t.variables).not.toHaveProperty('id');
    expect(t.calls).toEqual([{ atMs: 0, nodeId: 'i', connection: 'helpdesk', action: 'tickets.read', effect: 'read', allowed: true, result: 'ok' }]);
    expect(t.outcome).toBe('resolved');
  });

  it('adds an item that is new to the sample data to the run, with an id from the run counter', () => {
    const wf = workflow({
      connections: [conn('helpdesk', 'helpdesk', ['tickets.read', 'tickets.comment'])],
      nodes: [intake('i', { connection: 'helpdesk', action: 'tickets.read' }), integration('note', 'helpdesk', 'tickets.comment', { body: 'Seen' }), end('z')],
      edges: [
        ['i', 'out', 'note'],
        ['note', 'ok', 'z'],
      ],
      simulation: scenario({ subject: 'Brand new' }),
    });
    const t = run(wf);
    expect(t.variables.ticketId).toBe('T-SIM-1');
    expect(t.changes).toHaveLength(1);
    expect(t.changes[0]).toMatchObject({ kind: 'update', dataset: 'tickets', recordId: 'T-SIM-1', before: { notes: null }, after: { notes: [{ by: 'svc-helpdesk', body: 'Seen' }] } });
  });

  it('lets the item never enter when its read is not granted (there is no item to route)', () => {
    const wf = workflow({
      connections: [conn('helpdesk', 'helpdesk', [])],
      nodes: [intake('i', { connection: 'helpdesk', action: 'tickets.read' }), end('z')],
      edges: [['i', 'out', 'z']],
      simulation: scenario({ ticketId: 'T-1' }),
    });
    const t = run(wf);
    expect(t.outcome).toBeNull();
    expect(t.stopCode).toBe('not-entered');
    expect(t.stopped).toContain('does not grant "tickets.read"');
    expect(t.stopped).toContain('never entered the workflow');
    expect(t.path).toEqual([{ nodeId: 'i', handle: null }]);
    expect(t.calls[0]).toMatchObject({ allowed: false, result: 'denied' });
  });
});

describe('AI steps (mock provider)', () => {
  const wfWith = (node: Record<string, unknown>, input: Record<string, unknown>, extra: Record<string, unknown>[] = [], connections: Record<string, unknown>[] = []) =>
    workflow({
      connections,
      nodes: [intake('i'), node, ...extra, end('ok'), end('unsure', 'escalated'), end('failed', 'escalated')],
      edges: [
        ['i', 'out', String(node.id)],
        [String(node.id), 'ok', extra.length ? String(extra[0].id) : 'ok'],
        [String(node.id), 'low_confidence', 'unsure'],
        [String(node.id), 'error', 'failed'],
        ...(extra.length ? ([[String(extra[0].id), 'ok', 'ok']] as [string, string, string][]) : []),
      ],
      simulation: scenario(input),
    });

  it('classify puts the label in the output variable and leaves by ok when sure', () => {
    const t = run(wfWith(classifyNode(), { subject: 'Refund please', body: 'You charged my card twice, I want a refund of the invoice.' }));
    expect(t.variables.category).toBe('billing');
    expect(handles(t)).toContain('a:ok');
    const [event] = eventsOf(t, 'ai');
    expect(event).toMatchObject({ task: 'classify', provider: 'mock', output: 'billing', confidence: 0.98, threshold: 0.7 });
    expect(event.input).toBe('Classify: Refund please You charged my card twice, I want a refund of the invoice.');
  });

  it('classify leaves by low_confidence when no keyword matches', () => {
    const t = run(wfWith(classifyNode(), { subject: 'Hello', body: 'Nice weather today.' }));
    expect(handles(t)).toContain('a:low_confidence');
    expect(t.outcome).toBe('escalated');
  });

  it('matches keywords in the values the prompt uses, not in the words of the prompt itself', () => {
    const node = ai('a', { task: 'route', prompt: 'Is this about billing or login? {{body}}', output: 'route', labels: [{ name: 'billing', keywords: ['billing'] }] });
    const t = run(wfWith(node, { body: 'Something else entirely.' }));
    expect(handles(t)).toContain('a:low_confidence');
  });

  it('summarize puts a text in the output variable', () => {
    const node = ai('a', { task: 'summarize', prompt: 'Summarize {{subject}}: {{body}}', output: 'summary' });
    const t = run(wfWith(node, { subject: 'Login broken', body: 'I cannot sign in. The reset link expired. I tried three times.' }));
    expect(t.variables.summary).toBe('Login broken: I cannot sign in. The reset link expired.');
  });

  it('extract puts an object of fields in the output variable; missing fields make it unsure', () => {
    const node = ai('a', { task: 'extract', prompt: '{{text}}', output: 'fields', fields: ['email', 'amount', 'dueDate'], confidenceThreshold: 0.9 });
    const full = run(wfWith(node, { text: 'Please pay $1,240.50 by 2024-07-01. Questions: billing@acme.example' }));
    expect(full.variables.fields).toEqual({ email: 'billing@acme.example', amount: 1240.5, dueDate: '2024-07-01' });
    expect(handles(full)).toContain('a:ok');
    const partial = run(wfWith(node, { text: 'Please pay $80 soon.' }));
    expect(partial.variables.fields).toEqual({ email: null, amount: 80, dueDate: null });
    expect(handles(partial)).toContain('a:low_confidence');
  });

  it('retrieve searches the knowledge connector and holds the article ids; drafts quote the best one', () => {
    const retrieve = ai('r', { task: 'retrieve', prompt: '{{body}}', output: 'sources', confidenceThreshold: 0.6, sources: [{ connection: 'kb', action: 'kb.search' }] });
    const draft = ai('d', { task: 'draft', prompt: '{{body}}', output: 'reply' });
    const t = run(wfWith(retrieve, { customerName: 'Ana Ruiz', subject: 'Password', body: 'I forgot my password and the login link expired.' }, [draft], [conn('kb', 'knowledge', ['kb.search'])]));
    expect(t.variables.sources).toEqual(['KB-1']);
    expect(t.calls.map((c) => c.action)).toEqual(['kb.search']);
    expect(String(t.variables.reply)).toMatch(/^Hello Ana,/);
    expect(String(t.variables.reply)).toContain('"Reset your password" (KB-1)');
    expect(t.outcome).toBe('resolved');
  });

  it('never finds draft or archived articles', () => {
    const retrieve = ai('r', { task: 'retrieve', prompt: '{{body}}', output: 'sources', sources: [{ connection: 'kb', action: 'kb.search' }] });
    const t = run(wfWith(retrieve, { body: 'password policy' }, [], [conn('kb', 'knowledge', ['kb.search'])]));
    expect(t.variables.sources).not.toContain('KB-3');
  });

  it('in act mode calls its tools with what it produced; in suggest mode it calls none', () => {
    const tools = [{ connection: 'mail', action: 'email.send' }];
    const input = { email: 'ana@example.com', subject: 'Hi', body: 'I have a question about my invoice.' };
    const acting = run(wfWith(ai('d', { task: 'draft', prompt: '{{body}}', output: 'reply', tools, mode: 'act' }), input, [], [conn('mail', 'email', ['email.send'])]));
    expect(acting.outbox).toHaveLength(1);
    expect(acting.outbox[0]).toMatchObject({ nodeId: 'd', to: 'ana@example.com', customerFacing: true, body: acting.variables.reply });
    const suggesting = run(wfWith(ai('d', { task: 'draft', prompt: '{{body}}', output: 'reply', tools, mode: 'suggest' }), input, [], [conn('mail', 'email', ['email.send'])]));
    expect(suggesting.outbox).toEqual([]);
    expect(suggesting.calls).toEqual([]);
  });

  it('passes the rendered prompt and the material to the provider, and uses what it answers', () => {
    const seen: AiRequest[] = [];
    const provider: AiProvider = {
      name: 'spy',
      run: (req) => {
        seen.push(req);
        return { ok: true, output: 'login', confidence: 0.5, durationMs: 1234 };
      },
    };
    const t = run(wfWith(classifyNode(), { subject: 'S', body: 'B' }), { ai: provider });
    expect(seen[0]).toMatchObject({ nodeId: 'a', task: 'classify', prompt: 'Classify: S B', material: 'S\nB', values: { subject: 'S', body: 'B' } });
    expect(handles(t)).toContain('a:low_confidence');
    expect(t.elapsedMs).toBe(1234);
    expect(eventsOf(t, 'ai')[0].provider).toBe('spy');
  });
});

describe('integration steps against the mock connectors', () => {
  const helpdesk = conn('helpdesk', 'helpdesk', ['tickets.*']);

  it('a read puts the record in a variable named after the data set', () => {
    const wf = workflow({
      connections: [helpdesk],
      nodes: [intake('i'), integration('r', 'helpdesk', 'tickets.read', { ticketId: '{{id}}' }), end('z')],
      edges: [
        ['i', 'out', 'r'],
        ['r', 'ok', 'z'],
      ],
      simulation: scenario({ id: 'T-2' }),
    });
    expect(run(wf).variables.ticket).toMatchObject({ id: 'T-2', subject: 'Cannot log in' });
  });

  it('a read of a record that does not exist leaves by error (a 404)', () => {
    const wf = workflow({
      connections: [helpdesk],
      nodes: [intake('i'), integration('r', 'helpdesk', 'tickets.read', { ticketId: 'T-404' }), end('z'), end('x', 'failed')],
      edges: [
        ['i', 'out', 'r'],
        ['r', 'ok', 'z'],
        ['r', 'error', 'x'],
      ],
    });
    const t = run(wf);
    expect(t.calls[0].result).toBe('not-found');
    expect(t.outcome).toBe('failed');
  });

  it('a write changes the run copy only, recorded with before and after', () => {
    const wf = workflow({
      connections: [helpdesk],
      nodes: [intake('i'), integration('w', 'helpdesk', 'tickets.close', { ticketId: 'T-1', resolution: 'Refunded' }), end('z')],
      edges: [
        ['i', 'out', 'w'],
        ['w', 'ok', 'z'],
      ],
    });
    const data = testData();
    const t = run(wf, {}, data);
    expect(t.changes).toEqual([
      { id: 'chg-1', atMs: t.changes[0].atMs, nodeId: 'w', connection: 'helpdesk', action: 'tickets.close', kind: 'update', dataset: 'tickets', recordId: 'T-1', before: { status: 'open', resolution: null }, after: { status: 'closed', resolution: 'Refunded' } },
    ]);
    expect(data.get('tickets')![0].status).toBe('open');
    expect(tickets[0].status).toBe('open');
    // A second run starts from the untouched sample data again.
    expect(run(wf, {}, data).changes[0].before).toEqual({ status: 'open', resolution: null });
  });

  it('a send goes to the outbox, addressed from the record, and changes nothing', () => {
    const wf = workflow({
      connections: [helpdesk],
      nodes: [intake('i'), integration('s', 'helpdesk', 'tickets.reply', { ticketId: 'T-1', body: 'We refunded you.' }), end('z')],
      edges: [
        ['i', 'out', 's'],
        ['s', 'ok', 'z'],
      ],
    });
    const t = run(wf);
    expect(t.changes).toEqual([]);
    expect(t.outbox).toEqual([
      { id: 'msg-1', atMs: t.outbox[0].atMs, nodeId: 's', connection: 'helpdesk', action: 'tickets.reply', customerFacing: true, to: 'ana@example.com', subject: 'Re: Charged twice', body: 'We refunded you.' },
    ]);
  });

  it('a delete removes the record from the run copy; a trigger is recorded; a write without an id creates a record', () => {
    const wf = workflow({
      connections: [helpdesk, conn('billing', 'billing', ['billing.*'])],
      nodes: [
        intake('i'),
        integration('del', 'helpdesk', 'tickets.delete', { ticketId: 'T-2' }),
        integration('again', 'helpdesk', 'tickets.read', { ticketId: 'T-2' }),
        integration('refund', 'billing', 'billing.refunds.issue', { customerId: 'C-1', amount: '20' }),
        integration('inv', 'billing', 'billing.invoices.create', { customerId: 'C-1', dueDate: '2024-07-01' }),
        end('z'),
      ],
      edges: [
        ['i', 'out', 'del'],
        ['del', 'ok', 'again'],
        ['again', 'error', 'refund'],
        ['refund', 'ok', 'inv'],
        ['inv', 'ok', 'z'],
      ],
    });
    const t = run(wf);
    expect(handles(t)).toEqual(['i:out', 'del:ok', 'again:error', 'refund:ok', 'inv:ok', 'z:null']);
    expect(t.changes.map((c) => [c.kind, c.dataset, c.recordId])).toEqual([
      ['delete', 'tickets', 'T-2'],
      ['trigger', 'customers', 'C-1'],
      ['create', 'invoices', 'INV-SIM-1'],
    ]);
    expect(t.changes[0].before).toMatchObject({ id: 'T-2', subject: 'Cannot log in' });
    expect(t.changes[1].after).toEqual({ customerId: 'C-1', amount: '20' });
    expect(t.changes[2].after).toEqual({ id: 'INV-SIM-1', customerId: 'C-1', dueDate: '2024-07-01' });
  });

  it('an unknown connection or action leaves by error, recorded as not allowed', () => {
    const wf = workflow({
      connections: [helpdesk],
      nodes: [intake('i'), integration('x', 'nowhere', 'tickets.read'), end('z'), end('e', 'failed')],
      edges: [
        ['i', 'out', 'x'],
        ['x', 'ok', 'z'],
        ['x', 'error', 'e'],
      ],
    });
    const t = run(wf);
    expect(t.calls[0]).toMatchObject({ connection: 'nowhere', allowed: false, result: 'unknown' });
    expect(t.outcome).toBe('failed');
  });

  it('custom connectors get the generic mock: reads return the run input, writes are changes, sends go to the outbox', () => {
    const wf = workflow({
      connectors: [
        {
          id: 'erp',
          label: 'ERP',
          actions: [
            { scope: 'orders.read', effect: 'read' },
            { scope: 'orders.update', effect: 'write' },
            { scope: 'orders.notify', effect: 'send', customerFacing: true },
          ],
        },
      ],
      connections: [conn('erp', 'erp', ['orders.*'])],
      nodes: [intake('i'), integration('r', 'erp', 'orders.read'), integration('w', 'erp', 'orders.update', { status: 'shipped' }), integration('s', 'erp', 'orders.notify'), end('z')],
      edges: [
        ['i', 'out', 'r'],
        ['r', 'ok', 'w'],
        ['w', 'ok', 's'],
        ['s', 'ok', 'z'],
      ],
      simulation: scenario({ orderId: 'O-7', email: 'ana@example.com' }),
    });
    const t = run(wf);
    expect(t.variables.r).toEqual({ orderId: 'O-7', email: 'ana@example.com' });
    expect(t.changes).toMatchObject([{ kind: 'create', dataset: null, after: { status: 'shipped' } }]);
    expect(t.outbox).toMatchObject([{ to: 'ana@example.com', customerFacing: true }]);
  });
});

describe('runtime permissions', () => {
  const wfGranting = (grants: string[]) =>
    workflow({
      connections: [conn('helpdesk', 'helpdesk', grants)],
      nodes: [intake('i'), integration('s', 'helpdesk', 'tickets.reply', { ticketId: 'T-1', body: 'Hi' }), end('sent'), end('refused', 'escalated')],
      edges: [
        ['i', 'out', 's'],
        ['s', 'ok', 'sent'],
        ['s', 'error', 'refused'],
      ],
    });

  it('denies a call whose scope the connection does not grant: recorded, audited, and the step leaves by error', () => {
    const t = run(wfGranting(['tickets.read']));
    expect(t.calls).toEqual([{ atMs: 0, nodeId: 's', connection: 'helpdesk', action: 'tickets.reply', effect: 'send', allowed: false, result: 'denied' }]);
    expect(t.audit).toEqual([{ atMs: 0, connection: 'helpdesk', identity: 'svc-helpdesk', action: 'tickets.reply', allowed: false, logged: true }]);
    expect(t.outbox).toEqual([]);
    expect(handles(t)).toContain('s:error');
    expect(t.outcome).toBe('escalated');
    expect(eventsOf(t, 'error')[0].message).toContain('Denied (403)');
  });

  it('allows it through an exact or a wildcard grant', () => {
    expect(run(wfGranting(['tickets.reply'])).outcome).toBe('resolved');
    expect(run(wfGranting(['tickets.*'])).outcome).toBe('resolved');
    expect(run(wfGranting(['*'])).calls[0].allowed).toBe(true);
  });
});

describe('decisions', () => {
  const wfRules = workflow({
    nodes: [
      intake('i'),
      decision('d', [
        { id: 'big', when: { all: [{ var: 'amount', op: 'gt', value: 1000 }] } },
        { id: 'vip', when: { any: [{ var: 'tier', op: 'eq', value: 'VIP' }, { var: 'tags', op: 'contains', value: 'vip' }] } },
      ]),
      end('big', 'big'),
      end('vip', 'vip'),
      end('other', 'other'),
    ],
    edges: [
      ['i', 'out', 'd'],
      ['d', 'big', 'big'],
      ['d', 'vip', 'vip'],
      ['d', 'else', 'other'],
    ],
  });
  const outcome = (input: Record<string, unknown>) => run(wfRules, { scenario: { id: 's', name: '', input, decisions: {}, faults: { ai: {}, actions: {} } } }).outcome;

  it('takes the output of the first rule that holds, else `else`', () => {
    expect(outcome({ amount: '1,200' })).toBe('big');
    expect(outcome({ amount: 900, tier: 'vip' })).toBe('vip');
    expect(outcome({ amount: 900, tags: ['new', 'vip'] })).toBe('vip');
    expect(outcome({ amount: 900 })).toBe('other');
    expect(outcome({})).toBe('other');
  });
});

describe('approvals', () => {
  const gate = (config: Record<string, unknown> = {}, simulation?: Record<string, unknown>) =>
    workflow({
      nodes: [intake('i'), approval('g', config), end('yes', 'approved'), end('no', 'rejected'), end('late', 'late')],
      edges: [
        ['i', 'out', 'g'],
        ['g', 'approved', 'yes'],
        ['g', 'rejected', 'no'],
        ['g', 'timeout', 'late'],
      ],
      simulation,
    });

  it('follows the scenario, and the time the reviewer takes never passes the timeout', () => {
    const t = run(gate({ timeoutHours: 2 }, scenario({}, { decisions: { g: 'rejected' } })));
    expect(t.outcome).toBe('rejected');
    expect(t.approvals).toEqual([{ nodeId: 'g', reviewer: 'Lead', decision: 'rejected', decidedBy: 'scenario', responseMinutes: t.approvals[0].responseMinutes, shown: {} }]);
    expect(t.approvals[0].responseMinutes).toBeGreaterThan(0);
    expect(t.approvals[0].responseMinutes).toBeLessThanOrEqual(120);
  });

  it('a timeout takes exactly the gate timeout', () => {
    const t = run(gate({ timeoutHours: 4 }, scenario({}, { decisions: { g: 'timeout' } })));
    expect(t.outcome).toBe('late');
    expect(t.elapsedMinutes).toBe(240);
  });

  it('follows the reviewer profile when the scenario does not decide', () => {
    const profile = (p: Record<string, unknown>) => gate({ reviewer: 'Lead' }, { scenarios: [{ id: 's' }], reviewers: { lead: p } });
    expect(run(profile({ approve: 1 })).approvals[0]).toMatchObject({ decision: 'approved', decidedBy: 'profile' });
    expect(run(profile({ reject: 1 })).outcome).toBe('rejected');
    // A reviewer who always takes longer than the gate allows lets it time out.
    expect(run(profile({ approve: 1, responseMinutes: { median: 3000, p90: 3000 } })).outcome).toBe('late');
  });

  it('spreads decisions over seeds roughly as the profile says', () => {
    const wf = gate({}, { scenarios: [{ id: 's' }], reviewers: { Lead: { approve: 0.7, reject: 0.3, timeout: 0 } } });
    const compiled = compileWorkflow(wf, NO_DATA);
    const section = parseSimulationSection(wf.simulation);
    let approved = 0;
    for (let seed = 1; seed <= 400; seed++) {
      if (simulate(compiled, { scenario: section.scenarios[0], reviewers: section.reviewers, seed }).outcome === 'approved') approved++;
    }
    expect(approved / 400).toBeGreaterThan(0.6);
    expect(approved / 400).toBeLessThan(0.8);
  });

  it('approves by default on the command line, and says so in the trace', () => {
    const t = run(gate());
    expect(t.approvals[0]).toMatchObject({ decision: 'approved', decidedBy: 'default' });
  });

  it('decisions given by the user win over the scenario', () => {
    const t = run(gate({}, scenario({}, { decisions: { g: 'approved' } })), { decisions: { g: 'timeout' } });
    expect(t.approvals[0]).toMatchObject({ decision: 'timeout', decidedBy: 'user' });
  });

  it('pauses for a person in the app, and goes on once they decide (with an edited draft)', () => {
    const wf = gate({}, scenario({ reply: 'Draft' }));
    const section = parseSimulationSection(wf.simulation);
    const r = startRun(compileWorkflow(wf, NO_DATA), { scenario: section.scenarios[0], undecided: 'pause' });
    const status = r.advance();
    expect(status).toEqual({ state: 'waiting-decision', nodeId: 'g', reviewer: 'Lead' });
    expect(r.currentNodeId).toBe('g');
    expect(r.advance()).toEqual(status);
    expect(() => r.decide('other', 'approved')).toThrow(/not waiting/);
    const before = r.trace();
    expect(before).toMatchObject({ outcome: null, stopped: null, steps: 2 });
    r.decide('g', 'approved', { edits: { reply: 'Edited draft' }, responseMinutes: 12 });
    const done = r.advance();
    expect(done.state).toBe('done');
    if (done.state !== 'done') return;
    expect(done.trace.outcome).toBe('approved');
    expect(done.trace.variables.reply).toBe('Edited draft');
    expect(done.trace.approvals[0]).toMatchObject({ decidedBy: 'user', responseMinutes: 12 });
    expect(eventsOf(done.trace, 'approval.decided')[0].edited).toEqual(['reply']);
    // The snapshot taken while waiting did not move on with the run.
    expect(before.path).toEqual([{ nodeId: 'i', handle: 'out' }]);
  });

  it('an edited draft is what a later send without a body mapping sends', () => {
    const wf = workflow({
      connections: [conn('helpdesk', 'helpdesk', ['tickets.reply'])],
      nodes: [
        intake('i'),
        ai('d', { task: 'draft', prompt: '{{body}}', output: 'reply' }),
        approval('g', { reviewer: 'Lead' }),
        integration('s', 'helpdesk', 'tickets.reply', { ticketId: 'T-1' }),
        end('z'),
        end('no', 'rejected'),
      ],
      edges: [
        ['i', 'out', 'd'],
        ['d', 'ok', 'g'],
        ['g', 'approved', 's'],
        ['g', 'rejected', 'no'],
        ['s', 'ok', 'z'],
      ],
      simulation: scenario({ customerName: 'Ana Ruiz', body: 'My card was charged twice.' }),
    });
    const section = parseSimulationSection(wf.simulation);
    const r = startRun(compileWorkflow(wf, testData()), { scenario: section.scenarios[0], undecided: 'pause' });
    expect(r.advance()).toMatchObject({ state: 'waiting-decision', nodeId: 'g' });
    r.decide('g', 'approved', { edits: { reply: 'Edited by the lead.' } });
    const done = r.advance();
    expect(done.state).toBe('done');
    if (done.state !== 'done') return;
    expect(done.trace.outbox).toHaveLength(1);
    expect(done.trace.outbox[0].body).toBe('Edited by the lead.');
  });

  it('stops with the reason when nobody answers a gate that has no timeout', () => {
    const t = run(gate({ timeoutHours: null }, scenario({}, { decisions: { g: 'timeout' } })));
    expect(t.stopCode).toBe('no-timeout');
    expect(t.stopped).toMatch(/no timeout/);
    expect(t.outcome).toBeNull();
  });
});

describe('escalations and ends', () => {
  it('records the hand-off and calls its action with the team', () => {
    const wf = workflow({
      connections: [conn('helpdesk', 'helpdesk', ['tickets.assign'])],
      nodes: [intake('i'), escalation('x', { team: 'Billing', reason: 'Refunds', priority: 'high', connection: 'helpdesk', action: 'tickets.assign' }), end('z', 'escalated')],
      edges: [
        ['i', 'out', 'x'],
        ['x', 'out', 'z'],
      ],
      simulation: scenario({ ticketId: 'T-1' }),
    });
    const t = run(wf);
    expect(eventsOf(t, 'escalated')).toEqual([{ type: 'escalated', atMs: 0, nodeId: 'x', team: 'Billing', priority: 'high', reason: 'Refunds' }]);
    expect(t.changes[0]).toMatchObject({ kind: 'update', recordId: 'T-1', after: { group: 'Billing' } });
    expect(t.outcome).toBe('escalated');
    expect(t.endNodeId).toBe('z');
  });

  it('stops when its action is denied, since an escalation has no error output', () => {
    const wf = workflow({
      connections: [conn('helpdesk', 'helpdesk', [])],
      nodes: [intake('i'), escalation('x', { connection: 'helpdesk', action: 'tickets.assign' }), end('z')],
      edges: [
        ['i', 'out', 'x'],
        ['x', 'out', 'z'],
      ],
    });
    const t = run(wf);
    expect(t.stopCode).toBe('no-error-path');
    expect(t.calls[0].allowed).toBe(false);
  });
});

describe('faults', () => {
  const wf = workflow({
    connections: [conn('helpdesk', 'helpdesk', ['tickets.*'])],
    nodes: [classifyNode(), intake('i'), integration('s', 'helpdesk', 'tickets.comment', { ticketId: 'T-1', body: 'x' }), end('ok'), end('unsure', 'unsure'), end('failed', 'failed')],
    edges: [
      ['i', 'out', 'a'],
      ['a', 'ok', 's'],
      ['a', 'low_confidence', 'unsure'],
      ['a', 'error', 'failed'],
      ['s', 'ok', 'ok'],
      ['s', 'error', 'failed'],
    ],
  });
  const input = { subject: 'Refund', body: 'Please refund the charge on my invoice.' };
  const withFaults = (faults: Record<string, unknown>) => ({ scenario: { id: 'f', name: '', input, decisions: {}, faults: { ai: {}, actions: {}, ...faults } } });

  it('without faults the run goes through', () => {
    expect(run(wf, withFaults({})).outcome).toBe('resolved');
  });

  it('an unavailable AI leaves by error without asking the provider', () => {
    let asked = 0;
    const provider: AiProvider = { name: 'counting', run: (r) => (asked++, mockAi.run(r)) };
    const t = run(wf, { ...withFaults({ ai: { a: 'error' } }), ai: provider });
    expect(t.outcome).toBe('failed');
    expect(asked).toBe(0);
    expect(eventsOf(t, 'ai')[0].error).toMatch(/did not answer/);
  });

  it('an unsure AI leaves by low_confidence', () => {
    const t = run(wf, withFaults({ ai: { a: 'low_confidence' } }));
    expect(t.outcome).toBe('unsure');
    expect(eventsOf(t, 'ai')[0].confidence).toBeLessThan(0.7);
  });

  it('a failing action leaves by error and changes nothing', () => {
    const t = run(wf, withFaults({ actions: { 'helpdesk:tickets.comment': 'error' } }));
    expect(t.outcome).toBe('failed');
    expect(t.calls.at(-1)).toMatchObject({ action: 'tickets.comment', allowed: true, result: 'failed' });
    expect(t.changes).toEqual([]);
  });
});

describe('stop conditions', () => {
  const loop = workflow({
    nodes: [intake('i'), decision('again', [{ id: 'more', when: { all: [] } }]), ai('a', { task: 'summarize', prompt: '{{x}}', output: 's' }), end('z')],
    edges: [
      ['i', 'out', 'again'],
      ['again', 'more', 'a'],
      ['a', 'ok', 'again'],
      ['again', 'else', 'z'],
    ],
    simulation: scenario({ x: 'Some text to summarize.' }),
  });

  it('a loop stops at the step limit (default 1,000) with the reason', () => {
    const t = run(loop);
    expect(t.steps).toBe(1000);
    expect(t.stopCode).toBe('step-limit');
    expect(t.stopped).toContain('1,000 steps');
    expect(t.outcome).toBeNull();
  });

  it('the limit can be set per run', () => {
    const t = run(loop, { maxSteps: 7 });
    expect(t.steps).toBe(7);
    expect(t.path).toHaveLength(7);
  });

  it('an output that leads nowhere stops the run', () => {
    const wf = workflow({ nodes: [intake('i'), approval('g'), end('z')], edges: [['i', 'out', 'g']] });
    const t = run(wf);
    expect(t.stopCode).toBe('no-path');
    expect(t.stopped).toBe('"g" left by its "approved" output, which leads nowhere.');
  });

  it('a workflow without an intake cannot start', () => {
    const t = run(workflow({ nodes: [end('z')], edges: [] }));
    expect(t).toMatchObject({ stopCode: 'no-intake', steps: 0, outcome: null });
  });
});

describe('reproducibility', () => {
  const wf = workflow({
    connections: [conn('kb', 'knowledge', ['kb.search'])],
    nodes: [
      intake('i'),
      ai('r', { task: 'retrieve', prompt: '{{body}}', output: 'sources', sources: [{ connection: 'kb', action: 'kb.search' }] }),
      approval('g'),
      end('yes'),
      end('no', 'rejected'),
      end('late', 'late'),
      end('e', 'escalated'),
    ],
    edges: [
      ['i', 'out', 'r'],
      ['r', 'ok', 'g'],
      ['r', 'low_confidence', 'e'],
      ['g', 'approved', 'yes'],
      ['g', 'rejected', 'no'],
      ['g', 'timeout', 'late'],
    ],
    simulation: { scenarios: [{ id: 's', input: { body: 'password login reset' } }], reviewers: { Lead: { approve: 0.5, reject: 0.4, timeout: 0.1 } } },
  });

  it('the same document, scenario and seed give the same trace, byte for byte', () => {
    const a = traceToJson(run(wf, { seed: 42 }));
    const b = traceToJson(run(wf, { seed: 42 }));
    expect(a).toBe(b);
  });

  it('different seeds give different runs', () => {
    const elapsed = new Set([1, 2, 3, 4, 5].map((seed) => run(wf, { seed }).elapsedMs));
    expect(elapsed.size).toBeGreaterThan(1);
  });

  it('holds no wall-clock time: a run today and a run in ten years print the same', () => {
    const realNow = Date.now;
    try {
      Date.now = () => 0;
      const a = traceToJson(run(wf));
      Date.now = () => 10 * 365 * 86_400_000 + realNow();
      expect(traceToJson(run(wf))).toBe(a);
    } finally {
      Date.now = realNow;
    }
  });
});

describe('asynchronous AI providers', () => {
  const wf = workflow({
    nodes: [intake('i'), classifyNode(), end('ok'), end('unsure', 'unsure'), end('failed', 'failed')],
    edges: [
      ['i', 'out', 'a'],
      ['a', 'ok', 'ok'],
      ['a', 'low_confidence', 'unsure'],
      ['a', 'error', 'failed'],
    ],
    simulation: scenario({ subject: 'Refund', body: 'charge' }),
  });
  const section = parseSimulationSection(wf.simulation);
  const asyncAi = (answer: () => Promise<Awaited<ReturnType<AiProvider['run']>>>): AiProvider => ({ name: 'remote', run: () => answer() });

  it('the run waits for the answer, then goes on', async () => {
    const r = startRun(compileWorkflow(wf, NO_DATA), { scenario: section.scenarios[0], ai: asyncAi(async () => ({ ok: true, output: 'billing', confidence: 0.9 })) });
    const status = r.advance();
    expect(status.state).toBe('waiting-ai');
    if (status.state !== 'waiting-ai') return;
    expect(status.nodeId).toBe('a');
    await status.settled;
    const done = r.advance();
    expect(done.state === 'done' && done.trace.outcome).toBe('resolved');
  });

  it('simulateAsync awaits it; simulate refuses it; a rejected promise is the error path', async () => {
    const compiled = compileWorkflow(wf, NO_DATA);
    const ok = asyncAi(async () => ({ ok: true, output: 'billing', confidence: 0.9 }));
    expect(() => simulate(compiled, { scenario: section.scenarios[0], ai: ok })).toThrow(/simulateAsync/);
    expect((await simulateAsync(compiled, { scenario: section.scenarios[0], ai: ok })).outcome).toBe('resolved');
    const failing = asyncAi(async () => {
      throw new Error('connection refused');
    });
    const t = await simulateAsync(compiled, { scenario: section.scenarios[0], ai: failing });
    expect(t.outcome).toBe('failed');
    expect(eventsOf(t, 'ai')[0].error).toBe('connection refused');
  });

  it('simulateAsync asks for decisions nobody else makes', async () => {
    const gated = workflow({
      nodes: [intake('i'), approval('g'), end('yes'), end('no', 'rejected')],
      edges: [
        ['i', 'out', 'g'],
        ['g', 'approved', 'yes'],
        ['g', 'rejected', 'no'],
      ],
    });
    const asked: string[] = [];
    const t = await simulateAsync(compileWorkflow(gated, NO_DATA), { undecided: 'pause' }, async (nodeId, reviewer) => {
      asked.push(`${nodeId}/${reviewer}`);
      return { decision: 'rejected' };
    });
    expect(asked).toEqual(['g/Lead']);
    expect(t.outcome).toBe('rejected');
  });
});

describe('recording', () => {
  it('can leave the event list out (for batches) and keep everything else', () => {
    const wf = workflow({
      connections: [conn('helpdesk', 'helpdesk', ['tickets.*'])],
      nodes: [intake('i'), integration('c', 'helpdesk', 'tickets.close', { ticketId: 'T-1' }), end('z')],
      edges: [
        ['i', 'out', 'c'],
        ['c', 'ok', 'z'],
      ],
    });
    const full = run(wf);
    const lean = run(wf, { recordEvents: false });
    expect(lean.events).toEqual([]);
    expect({ ...lean, events: [] }).toEqual({ ...full, events: [] });
  });
});
