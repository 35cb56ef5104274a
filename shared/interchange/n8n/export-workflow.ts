// Flowgate workflow → n8n workflow JSON. Each Flowgate step becomes one n8n node plus the helpers n8n
// needs to say the same thing (a chat model under an AI node, an IF after a send-and-wait approval…);
// every Flowgate output handle is mapped to an n8n node output, and the edges follow those.
import { findConnector, findConnectorAction } from '../../connectors/lookup';
import type { AiConfig, ApprovalConfig, Connection, DecisionConfig, EscalationConfig, IntakeConfig, IntegrationConfig, Workflow, WorkflowNode } from '../../model/schema';
import { FAMILIES } from './catalog/index';
import { requestForScope } from './catalog/http';
import type { ExportWarning } from '../types';
import { BUILTIN_ACTIONS, HTTP_REQUEST, METHOD_OF_EFFECT, httpParams, type NodeSpec } from './export-actions';
import { conditionExpr, jsString, nodeRef, templateParam, type VariableSources } from './expressions';
import { BASE, LANGCHAIN, type N8nConnections, type N8nNode, type N8nWorkflow } from './n8n-json';
import { stableId } from './stable-id';
import { POSITION_SCALE } from './positions';

export const CHAT_MODEL = { type: `${LANGCHAIN}lmChatOpenAi`, typeVersion: 1.2, model: 'gpt-4o-mini' };
/** Marks on an exported node's notes that let `flowgate import` give back the Flowgate kind n8n has no node for. */
export const ESCALATION_NOTE = 'Flowgate escalation';
export const END_NOTE = 'Flowgate end';

interface Port {
  node: string;
  index: number;
}

/** What one Flowgate step became: its n8n nodes, the node edges lead into, and where each handle comes out. */
interface Unit {
  entry: string;
  outputs: Record<string, Port[]>;
}

export interface N8nExport {
  workflow: N8nWorkflow;
  warnings: ExportWarning[];
  /** Flowgate node id → the name of the n8n node it became (its entry node). */
  names: Map<string, string>;
}

class Builder {
  readonly nodes: N8nNode[] = [];
  readonly connections: N8nConnections = {};
  readonly warnings: ExportWarning[] = [];
  private readonly taken = new Set<string>();
  private readonly credentials = new Map<string, { id: string; name: string }>();

  constructor(private readonly wf: Workflow) {}

  /** n8n identifies nodes by name in connections and expressions: names must be unique. */
  uniqueName(wanted: string): string {
    const base = wanted.trim().replace(/\s+/g, ' ') || 'Step';
    let name = base;
    for (let i = 2; this.taken.has(name.toLowerCase()); i++) name = `${base} ${i}`;
    this.taken.add(name.toLowerCase());
    return name;
  }

  /** A credential placeholder: a name to pick in n8n, never a secret. One per connection and type. */
  credential(type: string, connectionLabel: string): Record<string, { id: string; name: string }> {
    const key = `${type}\u0000${connectionLabel}`;
    let ref = this.credentials.get(key);
    if (!ref) {
      ref = { id: stableId(this.wf.id, 'credential', key).slice(0, 16).replace(/-/g, ''), name: `${connectionLabel} (choose in n8n)` };
      this.credentials.set(key, ref);
    }
    return { [type]: { ...ref } };
  }

  add(node: Omit<N8nNode, 'id'> & { id?: string }, seed: string): N8nNode {
    const full = { id: stableId(this.wf.id, seed), ...node } as N8nNode;
    const { id, name, type, typeVersion, position, parameters, ...rest } = full;
    // n8n writes these keys first; keep its order so a diff against an n8n export reads naturally.
    const ordered = { parameters, id, name, type, typeVersion, position, ...rest } as N8nNode;
    this.nodes.push(ordered);
    return ordered;
  }

  connect(from: string, type: string, index: number, to: string, toIndex = 0): void {
    const byType = (this.connections[from] ??= {});
    const outputs = (byType[type] ??= []);
    while (outputs.length <= index) outputs.push([]);
    const list = (outputs[index] ??= []);
    if (!list.some((t) => t.node === to && t.index === toIndex && t.type === type)) list.push({ node: to, type, index: toIndex });
  }
}

/** n8n's coordinates: Flowgate's, drawn closer together as n8n's narrower nodes are (the import spreads them back). */
const pos = (n: WorkflowNode, dx = 0, dy = 0): [number, number] => [Math.round(n.position.x / POSITION_SCALE.x + dx), Math.round(n.position.y / POSITION_SCALE.y + dy)];

/** The value an AI step produces, read in n8n: every exported AI node returns `{output: {<var>, confidence}}`. */
function aiOutputExpr(name: string, config: AiConfig): string {
  const base = `${nodeRef(name)}.item.json.output`;
  return config.task === 'extract' ? base : `${base}?.[${jsString(config.output)}]`;
}

function intakeFieldExpr(name: string, source: IntakeConfig['source'], field: string): string {
  // A webhook delivers the payload under `body`; a form by field label; other triggers at the top.
  return `${nodeRef(name)}.item.json${source === 'webhook' || source === 'ticket' ? '.body' : ''}?.[${jsString(field)}]`;
}

export function exportToN8n(wf: Workflow): N8nExport {
  const b = new Builder(wf);
  const names = new Map<string, string>();
  for (const n of wf.nodes) names.set(n.id, b.uniqueName(n.label || n.kind));

  // Variables: the first step in document order that provides a name is where n8n reads it.
  const sources = new Map<string, string>();
  for (const n of wf.nodes) {
    if (n.kind === 'intake') for (const f of n.config.fields) if (!sources.has(f)) sources.set(f, intakeFieldExpr(names.get(n.id)!, n.config.source, f));
  }
  for (const n of wf.nodes) if (n.kind === 'ai' && !sources.has(n.config.output)) sources.set(n.config.output, aiOutputExpr(names.get(n.id)!, n.config));

  const wired = new Map<string, Set<string>>();
  for (const e of wf.edges) (wired.get(e.source) ?? wired.set(e.source, new Set()).get(e.source)!).add(e.sourceHandle);

  const units = new Map<string, Unit>();
  for (const n of wf.nodes) units.set(n.id, exportNode(b, wf, n, names.get(n.id)!, sources, wired.get(n.id) ?? new Set()));

  for (const e of wf.edges) {
    const from = units.get(e.source);
    const to = units.get(e.target);
    const ports = from?.outputs[e.sourceHandle];
    if (!from || !to) continue;
    if (!ports?.length) {
      b.warnings.push({ nodeId: e.source, message: `The "${e.sourceHandle}" output has no counterpart in n8n, so its link to "${names.get(e.target)}" is not exported.` });
      continue;
    }
    for (const p of ports) b.connect(p.node, 'main', p.index, to.entry);
  }

  const workflow: N8nWorkflow = {
    name: wf.name || 'Flowgate workflow',
    nodes: b.nodes,
    pinData: {},
    connections: b.connections,
    active: false,
    settings: { executionOrder: 'v1' },
    meta: { flowgate: { workflowId: wf.id, exportedFrom: 'Flowgate' } },
    tags: [],
  };
  return { workflow, warnings: b.warnings, names };
}

function exportNode(b: Builder, wf: Workflow, n: WorkflowNode, name: string, sources: VariableSources, wired: Set<string>): Unit {
  switch (n.kind) {
    case 'intake':
      return exportIntake(b, n, n.config, name);
    case 'ai':
      return exportAi(b, wf, n, n.config, name, sources, wired);
    case 'integration':
      return exportIntegration(b, wf, n, n.config, name, sources, wired);
    case 'decision':
      return exportDecision(b, n, n.config, name, sources);
    case 'approval':
      return exportApproval(b, n, n.config, name, sources, wired);
    case 'escalation':
      return exportEscalation(b, wf, n, n.config, name, sources);
    case 'end': {
      b.add({ name, type: `${BASE}noOp`, typeVersion: 1, position: pos(n), parameters: {}, notes: `${END_NOTE}: ${n.config.outcome}` }, n.id);
      return { entry: name, outputs: {} };
    }
    default:
      throw new Error(`unknown kind ${(n as WorkflowNode).kind}`);
  }
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'flowgate';
}

function exportIntake(b: Builder, n: WorkflowNode, c: IntakeConfig, name: string): Unit {
  const at = pos(n);
  switch (c.source) {
    case 'manual':
      b.add({ name, type: `${BASE}manualTrigger`, typeVersion: 1, position: at, parameters: {} }, n.id);
      break;
    case 'schedule':
      b.add({ name, type: `${BASE}scheduleTrigger`, typeVersion: 1.2, position: at, parameters: { rule: { interval: [{ field: 'hours', hoursInterval: 1 }] } } }, n.id);
      b.warnings.push({ nodeId: n.id, message: 'The schedule is set to every hour: set the real one in n8n.' });
      break;
    case 'form':
      b.add(
        {
          name,
          type: `${BASE}formTrigger`,
          typeVersion: 2.2,
          position: at,
          parameters: { formTitle: n.label || 'Form', formFields: { values: c.fields.map((f) => ({ fieldLabel: f })) }, options: {} },
          webhookId: stableId('form', n.id),
        },
        n.id,
      );
      break;
    case 'email':
      b.add(
        {
          name,
          type: `${BASE}gmailTrigger`,
          typeVersion: 1.2,
          position: at,
          parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, simple: false, filters: {}, options: {} },
          credentials: b.credential('gmailOAuth2', 'Mailbox'),
        },
        n.id,
      );
      break;
    default: {
      // webhook, and tickets: help desks announce new tickets by calling a webhook.
      const path = slug(`${n.label}-${n.id}`);
      b.add({ name, type: `${BASE}webhook`, typeVersion: 2, position: at, parameters: { httpMethod: 'POST', path, options: {} }, webhookId: stableId('webhook', path) }, n.id);
      if (c.source === 'ticket') b.warnings.push({ nodeId: n.id, message: `New tickets arrive through a webhook: point the help desk's webhook at the path "${path}".` });
    }
  }
  return { entry: name, outputs: { out: [{ node: name, index: 0 }] } };
}

/** A tool an agent may call: the app node's tool variant, or HTTP Request as a tool. */
function toolNode(b: Builder, wf: Workflow, n: WorkflowNode, ref: { connection: string; action: string }, index: number): string {
  const connection = wf.connections.find((c) => c.id === ref.connection);
  const connector = connection && findConnector(wf, connection.connector);
  const action = connector && findConnectorAction(connector, ref.action);
  const what = action?.label || ref.action;
  // The agent fills the tool's inputs itself: n8n's $fromAI() placeholders.
  const inputs = Object.fromEntries((action?.inputs ?? []).map((k) => [k, `={{ $fromAI(${jsString(k)}) }}`]));
  const spec = nodeSpecFor(b, wf, n, ref, inputs);
  const name = b.uniqueName(`${what} (tool)`);
  const parameters: Record<string, unknown> = { ...spec.parameters, ...(spec.type === HTTP_REQUEST.type ? {} : { descriptionType: 'manual' }), toolDescription: `${what} (${ref.action})` };
  b.add(
    {
      name,
      type: `${spec.type}Tool`,
      typeVersion: spec.typeVersion,
      position: pos(n, 140 * index - 100, 220),
      parameters,
      ...(spec.credentialType ? { credentials: b.credential(spec.credentialType, connection?.label || ref.connection) } : {}),
    },
    `${n.id}:tool:${index}`,
  );
  return name;
}

function exportAi(b: Builder, wf: Workflow, n: WorkflowNode, c: AiConfig, name: string, sources: VariableSources, wired: Set<string>): Unit {
  const prompt = templateParam(c.prompt, sources);
  const tools = [...c.sources, ...c.tools];
  const usesAgent = tools.length > 0;
  const labels = c.labels.map((l) => l.name);
  const structured = c.task === 'classify' || c.task === 'route' || c.task === 'extract';
  const onError = wired.has('error') ? { onError: 'continueErrorOutput' as const } : {};

  let type: string;
  let typeVersion: number;
  let parameters: Record<string, unknown>;
  if (structured && !usesAgent) {
    // Classify, route and extract: the Information Extractor returns named fields, here with the confidence.
    const attributes =
      c.task === 'extract'
        ? (c.fields ?? []).map((f) => ({ name: f, description: `The ${f}` }))
        : [{ name: c.output, description: labels.length ? `One of: ${labels.join(', ')}` : `The ${c.task === 'route' ? 'route' : 'category'}`, required: true }];
    attributes.push({ name: 'confidence', type: 'number', description: 'How sure you are, from 0 to 1', required: true } as never);
    type = `${LANGCHAIN}informationExtractor`;
    typeVersion = 1.2;
    parameters = { text: prompt, attributes: { attributes }, options: {} };
  } else {
    type = usesAgent ? `${LANGCHAIN}agent` : `${LANGCHAIN}chainLlm`;
    typeVersion = usesAgent ? 2.2 : 1.7;
    parameters = { promptType: 'define', text: prompt, hasOutputParser: true, ...(usesAgent ? { options: {} } : {}) };
  }
  b.add({ name, type, typeVersion, position: pos(n), parameters, ...onError }, n.id);

  const model = b.uniqueName(`${name} – model`);
  b.add(
    {
      name: model,
      type: CHAT_MODEL.type,
      typeVersion: CHAT_MODEL.typeVersion,
      position: pos(n, -120, 220),
      parameters: { model: { __rl: true, mode: 'list', value: CHAT_MODEL.model }, options: {} },
      credentials: b.credential('openAiApi', 'OpenAI'),
    },
    `${n.id}:model`,
  );
  b.connect(model, 'ai_languageModel', 0, name);

  if (type !== `${LANGCHAIN}informationExtractor`) {
    const parser = b.uniqueName(`${name} – answer format`);
    const example = c.task === 'classify' || c.task === 'route' ? labels[0] ?? 'label' : `The ${c.output}`;
    b.add(
      {
        name: parser,
        type: `${LANGCHAIN}outputParserStructured`,
        typeVersion: 1.2,
        position: pos(n, 20, 220),
        parameters: { jsonSchemaExample: JSON.stringify({ [c.output]: example, confidence: 0.9 }, null, 2) },
      },
      `${n.id}:parser`,
    );
    b.connect(parser, 'ai_outputParser', 0, name);
  }
  tools.forEach((ref, i) => b.connect(toolNode(b, wf, n, ref, i), 'ai_tool', 0, name));
  if (c.provider === 'mock') b.warnings.push({ nodeId: n.id, message: `This AI step ran on Flowgate's offline AI; in n8n it calls OpenAI (${CHAT_MODEL.model}).` });

  const outputs: Record<string, Port[]> = { error: [{ node: name, index: 1 }] };
  if (wired.has('low_confidence')) {
    // n8n has no confidence output: an IF on the confidence the model returns splits the way Flowgate does.
    const check = b.uniqueName(`${name} – sure enough?`);
    // A missing or non-numeric confidence fails the test (loose type validation), so it counts as unsure.
    const conditions = nativeFilter('={{ $json.output.confidence }}', { type: 'number', operation: 'gte' }, c.confidenceThreshold, `${n.id}:confidence`);
    b.add({ name: check, type: `${BASE}if`, typeVersion: 2.2, position: pos(n, 200, 0), parameters: { conditions, looseTypeValidation: true, options: {} } }, `${n.id}:confidence`);
    b.connect(name, 'main', 0, check);
    outputs.ok = [{ node: check, index: 0 }];
    outputs.low_confidence = [{ node: check, index: 1 }];
  } else {
    outputs.ok = [{ node: name, index: 0 }];
  }
  return { entry: name, outputs };
}

/** n8n's filter parameter (IF 2.x, Switch 3.x) with one boolean test per Flowgate condition. */
function filter(conditions: { var: string; op: string; value?: unknown }[], combinator: 'and' | 'or', sources: VariableSources, seed: string) {
  const list = conditions.length ? conditions : [];
  return {
    options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
    conditions: (list.length ? list : [null]).map((c, i) => ({
      id: stableId(seed, String(i)),
      // A rule without conditions always holds, as in Flowgate.
      leftValue: c ? conditionExpr(c as never, sources) : '={{ true }}',
      rightValue: '',
      operator: { type: 'boolean', operation: 'true', singleValue: true },
    })),
    combinator,
  };
}

/** A filter with one condition in n8n's own operators, as n8n users write the answer and confidence tests. */
function nativeFilter(leftValue: string, operator: Record<string, unknown>, rightValue: unknown, seed: string) {
  return {
    options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
    conditions: [{ id: stableId(seed), leftValue, rightValue, operator }],
    combinator: 'and',
  };
}

function ifParams(conditions: { var: string; op: string; value?: unknown }[], combinator: 'and' | 'or', sources: VariableSources, seed = 'if'): Record<string, unknown> {
  return { conditions: filter(conditions, combinator, sources, `${seed}:${JSON.stringify(conditions)}`), options: {} };
}

function exportDecision(b: Builder, n: WorkflowNode, c: DecisionConfig, name: string, sources: VariableSources): Unit {
  const rules = c.rules.map((r) => {
    const when = r.when as { all?: unknown[]; any?: unknown[] };
    return { id: r.id, label: r.label || r.id, combinator: when.any ? ('or' as const) : ('and' as const), conditions: (when.any ?? when.all ?? []) as { var: string; op: string; value?: unknown }[] };
  });
  if (rules.length === 1) {
    const r = rules[0];
    b.add({ name, type: `${BASE}if`, typeVersion: 2.2, position: pos(n), parameters: ifParams(r.conditions, r.combinator, sources, n.id) }, n.id);
    return { entry: name, outputs: { [r.id]: [{ node: name, index: 0 }], else: [{ node: name, index: 1 }] } };
  }
  // Switch sends an item to the first rule that holds, as Flowgate does; its extra output is `else`.
  b.add(
    {
      name,
      type: `${BASE}switch`,
      typeVersion: 3.2,
      position: pos(n),
      parameters: {
        rules: { values: rules.map((r, i) => ({ conditions: filter(r.conditions, r.combinator, sources, `${n.id}:${i}`), renameOutput: true, outputKey: r.label })) },
        options: { fallbackOutput: 'extra', renameFallbackOutput: 'Else' },
      },
    },
    n.id,
  );
  const outputs: Record<string, Port[]> = { else: [{ node: name, index: rules.length }] };
  rules.forEach((r, i) => (outputs[r.id] = [{ node: name, index: i }]));
  return { entry: name, outputs };
}

function reviewerAddress(reviewer: string): string {
  return `${slug(reviewer || 'reviewer')}@example.com`;
}

function exportApproval(b: Builder, n: WorkflowNode, c: ApprovalConfig, name: string, sources: VariableSources, wired: Set<string>): Unit {
  const options: Record<string, unknown> = {};
  if (c.timeoutHours !== null) options.limitWaitTime = { values: { limitType: 'afterTimeInterval', resumeAmount: c.timeoutHours, resumeUnit: 'hours' } };
  b.add(
    {
      name,
      type: `${BASE}gmail`,
      typeVersion: 2.1,
      position: pos(n),
      parameters: {
        resource: 'message',
        operation: 'sendAndWait',
        sendTo: c.reviewer ? reviewerAddress(c.reviewer) : '',
        subject: `Approval needed: ${n.label}`,
        message: templateParam(c.instructions || 'Please approve or reject.', sources),
        approvalOptions: { values: { approvalType: 'double' } },
        options,
      },
      credentials: b.credential('gmailOAuth2', 'Approvals mailbox'),
      webhookId: stableId('approval', n.id),
    },
    n.id,
  );
  b.warnings.push({
    nodeId: n.id,
    message: c.reviewer
      ? `The approval request goes by email to ${reviewerAddress(c.reviewer)}: set the address of "${c.reviewer}" in n8n.`
      : 'The approval has no reviewer: set the address the request goes to in n8n.',
  });
  if (wired.has('timeout') && c.timeoutHours === null) b.warnings.push({ nodeId: n.id, message: 'The approval has a timeout path but no time limit, so in n8n it waits for an answer forever.' });

  const check = b.uniqueName(`${name} – answer`);
  if (wired.has('timeout') && c.timeoutHours !== null) {
    // When the limit passes, n8n resumes with no answer: a Switch tells approved, rejected and no answer apart.
    b.add(
      {
        name: check,
        type: `${BASE}switch`,
        typeVersion: 3.2,
        position: pos(n, 220, 0),
        parameters: {
          rules: {
            values: [
              { conditions: nativeFilter('={{ $json.data.approved }}', { type: 'boolean', operation: 'true', singleValue: true }, '', `${n.id}:approved`), renameOutput: true, outputKey: 'Approved' },
              { conditions: nativeFilter('={{ $json.data.approved }}', { type: 'boolean', operation: 'false', singleValue: true }, '', `${n.id}:rejected`), renameOutput: true, outputKey: 'Rejected' },
            ],
          },
          options: { fallbackOutput: 'extra', renameFallbackOutput: 'No answer in time' },
        },
      },
      `${n.id}:answer`,
    );
    b.connect(name, 'main', 0, check);
    return { entry: name, outputs: { approved: [{ node: check, index: 0 }], rejected: [{ node: check, index: 1 }], timeout: [{ node: check, index: 2 }] } };
  }
  b.add(
    {
      name: check,
      type: `${BASE}if`,
      typeVersion: 2.2,
      position: pos(n, 220, 0),
      parameters: { conditions: nativeFilter('={{ $json.data.approved }}', { type: 'boolean', operation: 'true', singleValue: true }, '', `${n.id}:answer`), options: {} },
    },
    `${n.id}:answer`,
  );
  b.connect(name, 'main', 0, check);
  // Without a timeout path an unanswered request lands with the rejected ones, as n8n resumes it without an answer.
  return { entry: name, outputs: { approved: [{ node: check, index: 0 }], rejected: [{ node: check, index: 1 }] } };
}

/**
 * An action `flowgate import` read from an n8n node (a connector `n8n-…`), written back as that kind of
 * node: its type, resource and operation, or the HTTP request it made. Its other parameters were not
 * imported (they may hold secrets), so they are left for the user to set again.
 */
function importedActionSpec(connection: Connection, scope: string, inputs: Record<string, string>): NodeSpec | undefined {
  if (!connection.connector.startsWith('n8n-')) return undefined;
  const credential = (connection as { n8nCredential?: { type?: unknown } }).n8nCredential;
  const credentialType = typeof credential?.type === 'string' ? credential.type : undefined;
  const request = requestForScope(scope);
  if (request) {
    const url = request.url ?? `https://${slug(connection.label || 'service')}.example.com/REPLACE`;
    return { ...HTTP_REQUEST, ...(credentialType ? { credentialType } : {}), parameters: httpParams(request.method, url, request.method === 'GET' || request.method === 'DELETE' ? undefined : inputs, credentialType) };
  }
  if (scope.startsWith('n8n.')) {
    // A node Flowgate did not know: written back as the same node type, to be set up in n8n.
    return { type: scope.slice('n8n.'.length), typeVersion: 1, ...(credentialType ? { credentialType } : {}), parameters: {} };
  }
  const family = FAMILIES.find((f) => f.exportAs && scope.startsWith(`${f.id}.`));
  if (!family?.exportAs) return undefined;
  const parts = scope.slice(family.id.length + 1).split('.');
  const [resource, operation] = family.exportAs.resources ? parts : [undefined, parts[0]];
  if (!operation) return undefined;
  return {
    type: family.exportAs.type,
    typeVersion: family.exportAs.typeVersion,
    credentialType: credentialType ?? family.credentialTypes[0],
    parameters: { ...(resource ? { resource } : {}), operation },
  };
}

/** The node for a connector action: n8n's own node for a built-in or imported action, HTTP Request for the rest. */
function nodeSpecFor(b: Builder, wf: Workflow, n: WorkflowNode, ref: { connection: string; action: string }, inputs: Record<string, string>): NodeSpec {
  const connection = wf.connections.find((c) => c.id === ref.connection);
  const builtin = connection && BUILTIN_ACTIONS[ref.action];
  const connector = connection && findConnector(wf, connection.connector);
  if (builtin && connector && !connector.custom) return builtin(inputs);
  const imported = connection && connector?.custom ? importedActionSpec(connection, ref.action, inputs) : undefined;
  if (imported) {
    if (imported.type !== HTTP_REQUEST.type) b.warnings.push({ nodeId: n.id, message: `Only the operation of "${n.label}" came from n8n (${imported.type}): set its other fields in n8n again.` });
    return imported;
  }
  const action = connector && findConnectorAction(connector, ref.action);
  const method = METHOD_OF_EFFECT[action?.effect ?? 'trigger'];
  b.warnings.push({
    nodeId: n.id,
    message: `n8n has no node for "${action?.label || ref.action}" on "${connection?.label || ref.connection}": it is exported as an HTTP ${method} request to a placeholder address.`,
  });
  return { ...HTTP_REQUEST, parameters: httpParams(method, `https://${slug(connection?.connector || 'service')}.example.com/REPLACE/${ref.action}`, method === 'GET' || method === 'DELETE' ? undefined : inputs) };
}

function exportIntegration(b: Builder, wf: Workflow, n: WorkflowNode, c: IntegrationConfig, name: string, sources: VariableSources, wired: Set<string>): Unit {
  const inputs = Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, templateParam(v, sources)]));
  const spec = nodeSpecFor(b, wf, n, { connection: c.connection, action: c.action }, inputs);
  const connection = wf.connections.find((x) => x.id === c.connection);
  b.add(
    {
      name,
      type: spec.type,
      typeVersion: spec.typeVersion,
      position: pos(n),
      parameters: spec.parameters,
      ...(spec.credentialType ? { credentials: b.credential(spec.credentialType, connection?.label || c.connection) } : {}),
      ...(wired.has('error') ? { onError: 'continueErrorOutput' as const } : {}),
    },
    n.id,
  );
  return { entry: name, outputs: { ok: [{ node: name, index: 0 }], error: [{ node: name, index: 1 }] } };
}

function exportEscalation(b: Builder, wf: Workflow, n: WorkflowNode, c: EscalationConfig, name: string, sources: VariableSources): Unit {
  const notes = `${ESCALATION_NOTE} to ${c.team || 'a team'} (priority ${c.priority}): ${c.reason}`;
  if (c.connection && c.action) {
    const spec = nodeSpecFor(b, wf, n, { connection: c.connection, action: c.action }, { body: templateParam(c.reason, sources) });
    const connection = wf.connections.find((x) => x.id === c.connection);
    b.add(
      { name, type: spec.type, typeVersion: spec.typeVersion, position: pos(n), parameters: spec.parameters, notes, ...(spec.credentialType ? { credentials: b.credential(spec.credentialType, connection?.label || c.connection) } : {}) },
      n.id,
    );
  } else {
    // A hand-off to a team with no system call: a No Operation node that says where the item goes.
    b.add({ name, type: `${BASE}noOp`, typeVersion: 1, position: pos(n), parameters: {}, notes, notesInFlow: true }, n.id);
    b.warnings.push({ nodeId: n.id, message: `n8n has no hand-off to a team: the escalation to "${c.team || 'a team'}" is a placeholder node to connect to your queue or channel.` });
  }
  return { entry: name, outputs: { out: [{ node: name, index: 0 }] } };
}
