// The Camunda 8 export, checked by Camunda's own tools: every template and documentation example parses
// with bpmn-moddle + zeebe-bpmn-moddle without a warning and lints with bpmnlint-plugin-camunda-compat
// at 8.6, 8.7 and 8.8 without an error; and the mapping of each step kind is what docs/export-bpmn.md says.
import { evaluate } from 'feelin';
import { describe, expect, it } from 'vitest';
import { checkBpmn } from '../../../electron/backend/interchange/bpmn-lint';
import { CAMUNDA_VERSIONS, exportBpmn } from '../../../shared/interchange/bpmn/index';
import { ExportError, type ExportOutput } from '../../../shared/interchange/types';
import type { Workflow, WorkflowNode } from '../../../shared/model/schema';
import { chooseRule } from '../../../shared/simulation/conditions';
import { diagramProblems, documentationExamples, extensions, headers, readBack, templates, type ModdleElement } from './bpmn-helpers';

function bpmnOf(out: ExportOutput): string {
  return out.files[0].content;
}

function workflow(nodes: WorkflowNode[], edges: Workflow['edges'], extra: Partial<Workflow> = {}): Workflow {
  return {
    format: 'flowgate.workflow',
    schemaVersion: 1,
    id: 'test-flow',
    name: 'Test flow',
    description: '',
    owner: 'Ops',
    connections: [
      { id: 'helpdesk', connector: 'helpdesk', label: 'Help desk', identity: 'svc-desk', grants: ['tickets.read', 'tickets.reply'], logging: true, maintainer: 'IT admin', revocation: 'Disable svc-desk.' },
      { id: 'api', connector: 'http', label: 'Partner API', identity: 'svc-partner', grants: ['http.get', 'http.post'], logging: true, maintainer: 'IT admin', revocation: 'Revoke the partner token.' },
    ],
    nodes,
    edges,
    ...extra,
  };
}

const intake = (id: string, source: 'form' | 'manual' | 'email' | 'ticket' | 'webhook' | 'schedule', x = 0, fields = ['subject', 'body']): WorkflowNode => ({
  id,
  kind: 'intake',
  label: `Start ${id}`,
  position: { x, y: 0 },
  config: { source, fields },
});
const end = (id: string, x: number, y = 0): WorkflowNode => ({ id, kind: 'end', label: `End ${id}`, position: { x, y }, config: { outcome: 'resolved' } });

describe('every template and documentation example, at every Camunda version', () => {
  const all = [...templates(), ...documentationExamples()];

  it('covers the templates and at least one documentation example', () => {
    expect(templates().length).toBeGreaterThanOrEqual(5);
    expect(documentationExamples().length).toBeGreaterThanOrEqual(2);
  });

  for (const { file, workflow: wf } of all) {
    it(`${file} (${wf.name}): parses cleanly, lints without errors, draws without overlaps`, async () => {
      for (const camunda of CAMUNDA_VERSIONS) {
        const out = exportBpmn(wf, { baseName: 'export', camunda });
        const xml = bpmnOf(out);
        const check = await checkBpmn(xml, camunda);
        expect(check.errors, `${file} at ${camunda}`).toEqual([]);
        expect(check.warnings, `${file} at ${camunda}`).toEqual([]);
        const back = await readBack(xml);
        expect(back.warnings).toEqual([]);
        expect(diagramProblems(back)).toEqual([]);
        expect(back.definitions.get('executionPlatformVersion') ?? (back.definitions as unknown as { $attrs: Record<string, string> }).$attrs['modeler:executionPlatformVersion']).toBe(`${camunda}.0`);
      }
    });
  }
});

describe('the support template, element by element', async () => {
  const wf = templates().find((t) => t.file === 'support-ticket-triage.flowgate.json')!.workflow;
  const out = exportBpmn(wf, { baseName: 'support' });
  const back = await readBack(bpmnOf(out));
  const el = (id: string) => back.byId.get(id)!;
  const outgoing = (id: string) => el(id).get('outgoing') as ModdleElement[];

  it('is an executable process for Camunda Cloud, named after the workflow', () => {
    expect(back.process.get('isExecutable')).toBe(true);
    expect(back.process.id).toBe('support-ticket-triage');
    expect(back.process.name).toBe('Support ticket triage');
    const attrs = (back.definitions as unknown as { $attrs: Record<string, string> }).$attrs;
    expect(attrs['modeler:executionPlatform']).toBe('Camunda Cloud');
    expect(attrs['modeler:executionPlatformVersion']).toBe('8.8.0');
  });

  it('the ticket intake is a message start event', () => {
    const start = el('StartEvent_n1');
    expect(start.$type).toBe('bpmn:StartEvent');
    const def = (start.get('eventDefinitions') as ModdleElement[])[0];
    expect(def.$type).toBe('bpmn:MessageEventDefinition');
    expect((def.get('messageRef') as ModdleElement).name).toBe('support-ticket-triage.new-ticket');
  });

  it('an AI step is a flowgate.ai.<task> job with its headers, a gateway on the confidence and an error boundary event', () => {
    const task = el('Activity_n2');
    expect(task.$type).toBe('bpmn:ServiceTask');
    expect(extensions(task, 'zeebe:TaskDefinition')[0].get('type')).toBe('flowgate.ai.classify');
    expect(headers(task)).toMatchObject({ task: 'classify', output: 'category', threshold: '0.7', mode: 'suggest' });
    expect(headers(task).prompt).toContain('{{subject}}');
    const gateway = (outgoing('Activity_n2')[0].get('targetRef') as ModdleElement);
    expect(gateway.$type).toBe('bpmn:ExclusiveGateway');
    const flows = gateway.get('outgoing') as ModdleElement[];
    expect(flows.map((f) => f.name)).toEqual(['ok', 'low confidence']);
    expect((gateway.get('default') as ModdleElement).name).toBe('low confidence');
    const ok = (flows[0].get('conditionExpression') as ModdleElement).get('body') as string;
    for (const [confidence, taken] of [[0.9, true], [0.7, true], [0.69, false], [null, false]] as const) {
      expect(evaluate(ok.slice(1), { categoryConfidence: confidence }).value).toBe(taken);
    }
    const boundary = back.elements.find((e) => e.$type === 'bpmn:BoundaryEvent' && (e.get('attachedToRef') as ModdleElement).id === 'Activity_n2')!;
    const def = (boundary.get('eventDefinitions') as ModdleElement[])[0];
    expect((def.get('errorRef') as ModdleElement).get('errorCode')).toBe('FLOWGATE_STEP_FAILED');
    expect(((boundary.get('outgoing') as ModdleElement[])[0].get('targetRef') as ModdleElement).name).toBe('Human triage');
  });

  it('an integration is a flowgate.<connector>.<scope> job naming its connection, identity and scope, with FEEL inputs', () => {
    const task = el('Activity_n9');
    expect(extensions(task, 'zeebe:TaskDefinition')[0].get('type')).toBe('flowgate.helpdesk.tickets.reply');
    expect(headers(task)).toMatchObject({ connection: 'helpdesk', identity: 'svc-ai-triage', scope: 'tickets.reply', effect: 'send', customerFacing: 'true' });
    const io = extensions(task, 'zeebe:IoMapping')[0];
    const inputs = (io.get('inputParameters') as ModdleElement[]).map((p) => [p.get('target'), p.get('source')]);
    expect(inputs).toEqual([
      ['ticketId', '=ticketId'],
      ['body', '=draft'],
    ]);
    const close = extensions(el('Activity_n10'), 'zeebe:IoMapping')[0];
    const resolution = (close.get('inputParameters') as ModdleElement[]).find((p) => p.get('target') === 'resolution')!.get('source') as string;
    expect(evaluate(resolution.slice(1), { category: 'billing' }).value).toBe('Answered with a reviewed reply (billing).');
    expect(evaluate(resolution.slice(1), {}).value).toBe('Answered with a reviewed reply ().');
  });

  it('the decision is an exclusive gateway with one flow per rule and else as its default flow', () => {
    const gateway = el('Gateway_n3');
    const flows = gateway.get('outgoing') as ModdleElement[];
    expect(flows.map((f) => f.name)).toEqual(['Billing', 'else']);
    expect(gateway.get('default')).toBe(flows[1]);
    expect(flows[1].get('conditionExpression')).toBeUndefined();
  });

  it('the approval is a Camunda user task for the reviewer with a form beside the BPMN, a timer and a gateway on the decision', () => {
    const task = el('Activity_n8');
    expect(task.$type).toBe('bpmn:UserTask');
    expect(extensions(task, 'zeebe:UserTask')).toHaveLength(1);
    expect(extensions(task, 'zeebe:AssignmentDefinition')[0].get('candidateGroups')).toBe('support-supervisor');
    const formId = extensions(task, 'zeebe:FormDefinition')[0].get('formId') as string;
    const form = out.files.find((f) => f.name === 'support.supervisor-approves-reply.form')!;
    const json = JSON.parse(form.content) as { id: string; components: { type: string; key?: string; values?: { value: string }[] }[] };
    expect(json.id).toBe(formId);
    const radio = json.components.find((c) => c.type === 'radio')!;
    expect(radio.values!.map((v) => v.value)).toEqual(['approved', 'rejected']);
    expect(json.components.some((c) => c.type === 'textarea' && c.key === 'draft')).toBe(true);
    const timer = back.elements.find((e) => e.$type === 'bpmn:BoundaryEvent' && (e.get('attachedToRef') as ModdleElement).id === 'Activity_n8')!;
    expect(timer.get('cancelActivity')).toBe(true);
    const def = (timer.get('eventDefinitions') as ModdleElement[])[0];
    expect(((def.get('timeDuration') as ModdleElement).get('body') as string).trim()).toBe('PT4H');
    const gateway = outgoing('Activity_n8')[0].get('targetRef') as ModdleElement;
    const flows = gateway.get('outgoing') as ModdleElement[];
    const approved = (flows[0].get('conditionExpression') as ModdleElement).get('body') as string;
    expect(evaluate(approved.slice(1), { [radio.key!]: 'approved' }).value).toBe(true);
    expect(evaluate(approved.slice(1), { [radio.key!]: 'rejected' }).value).toBe(false);
    expect((gateway.get('default') as ModdleElement).name).toBe('rejected');
  });

  it('an escalation is a user task for the team, with its priority', () => {
    const task = el('Activity_n4');
    expect(task.$type).toBe('bpmn:UserTask');
    expect(extensions(task, 'zeebe:AssignmentDefinition')[0].get('candidateGroups')).toBe('billing-team');
    expect(extensions(task, 'zeebe:PriorityDefinition')[0].get('priority')).toBe('75');
  });

  it('writes the worker manifest: each job type with connection, identity, scopes, maintainer and revocation', () => {
    const manifest = JSON.parse(out.files.find((f) => f.name === 'support.workers.json')!.content);
    const reply = manifest.jobTypes.find((j: { type: string }) => j.type === 'flowgate.helpdesk.tickets.reply');
    expect(reply.connections).toEqual([
      {
        id: 'helpdesk',
        label: 'Help desk',
        connector: 'helpdesk',
        identity: 'svc-ai-triage',
        scopes: ['tickets.reply'],
        granted: ['tickets.read', 'tickets.reply', 'tickets.close'],
        logging: true,
        maintainer: 'IT admin',
        revocation: 'Deactivate the svc-ai-triage user in the help desk admin (Admin → Team members).',
      },
    ]);
    const retrieve = manifest.jobTypes.find((j: { type: string }) => j.type === 'flowgate.ai.retrieve');
    expect(retrieve.connections[0].scopes).toEqual(['kb.read_article', 'kb.search']);
    const types = back.elements.filter((e) => e.$type === 'bpmn:ServiceTask').map((e) => extensions(e, 'zeebe:TaskDefinition')[0].get('type'));
    expect(new Set(manifest.jobTypes.map((j: { type: string }) => j.type))).toEqual(new Set(types));
    expect(manifest.userTasks.map((u: { form: string }) => u.form).sort()).toEqual(out.files.filter((f) => f.name.endsWith('.form')).map((f) => f.name).sort());
  });
});

describe('decision gateways pick the branch Flowgate picks', () => {
  it('taking the first flow in XML order whose condition holds, else the default', async () => {
    const wf = workflow(
      [
        intake('n1', 'form', 0, ['amount', 'category']),
        {
          id: 'd',
          kind: 'decision',
          label: 'Route',
          position: { x: 300, y: 0 },
          config: {
            rules: [
              { id: 'big', label: 'Big', when: { all: [{ var: 'amount', op: 'gt', value: 1000 }] } },
              { id: 'bill', label: 'Billing', when: { any: [{ var: 'category', op: 'eq', value: 'billing' }, { var: 'category', op: 'contains', value: 'invoice' }] } },
              { id: 'any', label: 'Has amount', when: { all: [{ var: 'amount', op: 'exists' }] } },
            ],
          },
        },
        end('e1', 600, 0),
        end('e2', 600, 150),
        end('e3', 600, 300),
        end('e4', 600, 450),
      ],
      [
        { id: 'a', source: 'n1', sourceHandle: 'out', target: 'd' },
        { id: 'b', source: 'd', sourceHandle: 'big', target: 'e1' },
        { id: 'c', source: 'd', sourceHandle: 'bill', target: 'e2' },
        { id: 'd2', source: 'd', sourceHandle: 'any', target: 'e3' },
        { id: 'e', source: 'd', sourceHandle: 'else', target: 'e4' },
      ],
    );
    const back = await readBack(bpmnOf(exportBpmn(wf, { baseName: 'x' })));
    const gateway = back.byId.get('Gateway_d')!;
    const flows = gateway.get('outgoing') as ModdleElement[];
    const handleOf = new Map([['EndEvent_e1', 'big'], ['EndEvent_e2', 'bill'], ['EndEvent_e3', 'any'], ['EndEvent_e4', 'else']]);
    const rules = (wf.nodes[1] as Extract<WorkflowNode, { kind: 'decision' }>).config.rules;
    const inputs = [{}, { amount: '1,500' }, { amount: 10, category: 'Billing ' }, { category: 'Invoice 12' }, { amount: 0 }, { amount: '$2,000', category: 'billing' }, { category: 'other' }];
    for (const vars of inputs) {
      const taken = flows.find((f) => {
        const cond = f.get('conditionExpression') as ModdleElement | undefined;
        return cond && evaluate((cond.get('body') as string).slice(1), vars).value === true;
      }) ?? (gateway.get('default') as ModdleElement);
      expect(handleOf.get((taken.get('targetRef') as ModdleElement).id), JSON.stringify(vars)).toBe(chooseRule(rules, vars));
    }
  });
});

describe('what Camunda cannot express as Flowgate does', () => {
  it('an output that leads nowhere ends at an end event named for what happened, with a warning', async () => {
    const wf = workflow(
      [
        intake('n1', 'manual'),
        { id: 'ai', kind: 'ai', label: 'Classify', position: { x: 300, y: 0 }, config: { task: 'classify', prompt: '{{subject}}', output: 'category', labels: [], confidenceThreshold: 0.8, sources: [], tools: [], mode: 'suggest', provider: 'mock' } },
        end('e', 600),
      ],
      [
        { id: 'a', source: 'n1', sourceHandle: 'out', target: 'ai' },
        { id: 'b', source: 'ai', sourceHandle: 'ok', target: 'e' },
      ],
    );
    const out = exportBpmn(wf, { baseName: 'x' });
    expect(out.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        '"Classify": its "low confidence" output leads nowhere, so the export ends it at an end event "Classify: AI unsure".',
        '"Classify": its "error" output leads nowhere, so the export ends it at an end event "Classify: AI failed".',
      ]),
    );
    expect(out.warnings.filter((w) => w.message.includes('leads nowhere')).every((w) => w.nodeId === 'ai')).toBe(true);
    const back = await readBack(bpmnOf(out));
    const ends = back.elements.filter((e) => e.$type === 'bpmn:EndEvent').map((e) => e.name);
    expect(ends.sort()).toEqual(['Classify: AI failed', 'Classify: AI unsure', 'End e']);
    expect((await checkBpmn(bpmnOf(out), '8.6')).errors).toEqual([]);
    expect(diagramProblems(back)).toEqual([]);
  });

  it('only one plain start event: a second form intake starts on a message, and says so', async () => {
    const wf = workflow([intake('n1', 'form'), intake('n2', 'manual', 0), end('e', 300)], [
      { id: 'a', source: 'n1', sourceHandle: 'out', target: 'e' },
      { id: 'b', source: 'n2', sourceHandle: 'out', target: 'e' },
    ]);
    const out = exportBpmn(wf, { baseName: 'x' });
    expect(out.warnings.map((w) => w.message)).toContain('"Start n2" starts on a message in the export: a Camunda process has only one plain start event, which "Start n1" has.');
    const check = await checkBpmn(bpmnOf(out), '8.8');
    expect(check.errors).toEqual([]);
    const back = await readBack(bpmnOf(out));
    expect(diagramProblems(back)).toEqual([]);
  });

  it('a webhook intake is the inbound webhook connector; a schedule is a timer start event', async () => {
    const wf = workflow([intake('w', 'webhook', 0, ['order-id', 'total']), { ...intake('s', 'schedule'), position: { x: 0, y: 200 } }, end('e', 300)], [
      { id: 'a', source: 'w', sourceHandle: 'out', target: 'e' },
      { id: 'b', source: 's', sourceHandle: 'out', target: 'e' },
    ]);
    const out = exportBpmn(wf, { baseName: 'x' });
    const back = await readBack(bpmnOf(out));
    const hook = back.byId.get('StartEvent_w')!;
    const props = Object.fromEntries((extensions(hook, 'zeebe:Properties')[0].get('properties') as ModdleElement[]).map((p) => [p.get('name'), p.get('value')]));
    expect(props).toMatchObject({ 'inbound.type': 'io.camunda:webhook:1', 'inbound.context': 'test-flow-start-w', 'inbound.auth.type': 'NONE' });
    expect(evaluate((props.resultExpression as string).slice(1), { request: { body: { 'order-id': 'A1', total: 5 } } }).value).toEqual({ order_id: 'A1', total: 5 });
    const timer = (back.byId.get('StartEvent_s')!.get('eventDefinitions') as ModdleElement[])[0];
    expect(((timer.get('timeCycle') as ModdleElement).get('body') as string).trim()).toBe('R/P1D');
    expect(out.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('open to any caller'),
        expect.stringContaining('starts once a day'),
        'The variable "order-id" is called "order_id" in Camunda (variable names there are letters, digits and "_"): a system that starts the process must send "order_id".',
      ]),
    );
    for (const v of CAMUNDA_VERSIONS) expect((await checkBpmn(bpmnOf(out), v)).errors).toEqual([]);
  });

  it('the generic HTTP connector becomes the REST connector, its token a secret placeholder', async () => {
    const wf = workflow(
      [
        intake('n1', 'form', 0, ['customerId']),
        { id: 'get', kind: 'integration', label: 'Fetch customer', position: { x: 300, y: 0 }, config: { connection: 'api', action: 'http.get', inputs: { url: 'https://partner.example.com/customers/{{customerId}}' } } },
        end('e', 600),
      ],
      [
        { id: 'a', source: 'n1', sourceHandle: 'out', target: 'get' },
        { id: 'b', source: 'get', sourceHandle: 'ok', target: 'e' },
        { id: 'c', source: 'get', sourceHandle: 'error', target: 'e' },
      ],
    );
    const out = exportBpmn(wf, { baseName: 'x' });
    const back = await readBack(bpmnOf(out));
    const task = back.byId.get('Activity_get')!;
    expect(extensions(task, 'zeebe:TaskDefinition')[0].get('type')).toBe('io.camunda:http-json:1');
    const inputs = Object.fromEntries((extensions(task, 'zeebe:IoMapping')[0].get('inputParameters') as ModdleElement[]).map((p) => [p.get('target'), p.get('source')]));
    expect(inputs['authentication.token']).toBe('="{{secrets.FLOWGATE_API_TOKEN}}"');
    expect(evaluate((inputs.url as string).slice(1), { customerId: 'C-7' }).value).toBe('https://partner.example.com/customers/C-7');
    expect(headers(task).resultExpression).toBe('={customer: response.body}');
    expect(headers(task).errorExpression).toContain('bpmnError("FLOWGATE_STEP_FAILED"');
    for (const v of CAMUNDA_VERSIONS) expect((await checkBpmn(bpmnOf(out), v)).errors).toEqual([]);
    const manifest = JSON.parse(out.files[1].content);
    expect(manifest.jobTypes[0]).toMatchObject({ type: 'io.camunda:http-json:1', secrets: ['FLOWGATE_API_TOKEN'] });
  });

  it('refuses, saying why, a workflow nothing starts and a version it does not know', () => {
    expect(() => exportBpmn(workflow([end('e', 0)], []), { baseName: 'x' })).toThrow(ExportError);
    expect(() => exportBpmn(workflow([end('e', 0)], []), { baseName: 'x' })).toThrow('add an intake step');
    const wf = templates()[0].workflow;
    expect(() => exportBpmn(wf, { baseName: 'x', camunda: '8.5' })).toThrow('Camunda 8.5 is not a version Flowgate exports to: choose 8.6, 8.7, 8.8.');
    expect(exportBpmn(wf, { baseName: 'x', camunda: '8.7.0' }).files[0].content).toContain('modeler:executionPlatformVersion="8.7.0"');
  });
});

describe('no credential ever appears in an export', () => {
  it('fields a file may carry beside the known ones (keys, tokens, passwords) are not copied into any file', () => {
    const secrets = ['sk-live-51HqXyZ0123456789abcdef', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'hunter2-password!'];
    const base = templates().find((t) => t.file === 'support-ticket-triage.flowgate.json')!.workflow;
    const wf: Workflow = {
      ...base,
      apiKey: secrets[0],
      connections: base.connections.map((c) => ({ ...c, apiKey: secrets[0], token: secrets[1], credentials: { password: secrets[2] } })),
      nodes: base.nodes.map((n) => ({ ...n, secret: secrets[1], config: { ...n.config, apiKey: secrets[0] } }) as WorkflowNode),
    };
    const out = exportBpmn(wf, { baseName: 'x' });
    expect(out.files.length).toBeGreaterThan(2);
    for (const f of out.files) for (const s of secrets) expect(f.content, f.name).not.toContain(s);
    for (const w of out.warnings) for (const s of secrets) expect(w.message).not.toContain(s);
  });
});
