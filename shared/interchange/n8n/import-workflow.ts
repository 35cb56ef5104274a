// n8n workflow → Flowgate workflow, so the analysis can find the AI steps that send, pay or delete
// without anyone approving. Node ids and names are kept (findings name the node the user knows),
// positions come from n8n, sub-nodes fold into the AI step they serve, credentials become connections.
import type { AiConfig, Condition, Connection, CustomConnector, DecisionRule, Workflow, WorkflowEdge, WorkflowNode } from '../../model/schema';
import { describeNode, familyOf, familyOfCredential, type Described } from './catalog/index';
import { hostOf } from './catalog/http';
import type { ActionSpec, NodeRole } from './catalog/types';
import { text } from './catalog/types';
import { END_NOTE, ESCALATION_NOTE } from './export-workflow';
import { POSITION_SCALE } from './positions';
import { AI_CONNECTION_TYPES, BASE, LANGCHAIN, type N8nNode, type N8nWorkflow } from './n8n-json';

export interface N8nImport {
  workflow: Workflow;
  /** What the user should know about the conversion: assumptions, what was left out. */
  notes: string[];
}

type Handle = string;
interface Target {
  step: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';

/** The targets of one main output of a node. */
function mainTargets(wf: N8nWorkflow, name: string, index: number): string[] {
  const outputs = wf.connections[name]?.main;
  const list = Array.isArray(outputs) ? outputs[index] : undefined;
  return Array.isArray(list) ? list.map((t) => t.node) : [];
}

function mainOutputCount(wf: N8nWorkflow, name: string): number {
  const outputs = wf.connections[name]?.main;
  return Array.isArray(outputs) ? outputs.length : 0;
}

/** Filter conditions (IF 2.x, Switch 3.x, Filter 2.x): each `{leftValue, rightValue, operator}` of a filter value. */
function filterConditions(value: unknown): { list: Record<string, unknown>[]; combinator: 'and' | 'or' } {
  if (!isObject(value)) return { list: [], combinator: 'and' };
  const list = Array.isArray(value.conditions) ? value.conditions.filter(isObject) : [];
  return { list, combinator: value.combinator === 'or' ? 'or' : 'and' };
}

/** `={{ $json.a.b }}` or `={{ $('Node').item.json.a }}` → `a.b`; anything else is kept as written. */
function variableOf(left: unknown): string {
  const s = text(left).trim();
  const m = /^=?\{\{\s*(?:\$json|\$\((?:'[^']*'|"[^"]*")\)\.(?:item|first\(\)|last\(\))\.json)((?:\.[A-Za-z_$][\w$]*|\[["'][^"']+["']\])*)\s*\}\}$/.exec(s);
  if (m) return m[1].replace(/\[["']([^"']+)["']\]/g, '.$1').replace(/^\./, '') || 'json';
  return s.replace(/^=/, '');
}

const OPS: Record<string, Condition['op']> = {
  equals: 'eq', notEquals: 'neq', contains: 'contains', gt: 'gt', gte: 'gte', lt: 'lt', lte: 'lte',
  exists: 'exists', notEmpty: 'exists', isNotEmpty: 'exists', afterOrEquals: 'gte', after: 'gt', before: 'lt', beforeOrEquals: 'lte',
};

function toCondition(c: Record<string, unknown>): Condition {
  const operator = isObject(c.operator) ? c.operator : {};
  const operation = text(operator.operation);
  const v = variableOf(c.leftValue);
  if (operation === 'true') return { var: v, op: 'eq', value: true };
  if (operation === 'false') return { var: v, op: 'eq', value: false };
  const op = OPS[operation] ?? 'exists';
  const right = c.rightValue;
  const value = typeof right === 'string' ? right.replace(/^=/, '') : typeof right === 'number' || typeof right === 'boolean' ? right : undefined;
  return op === 'exists' ? { var: v, op } : { var: v, op, value: value ?? null };
}

function ruleOf(id: string, label: string, filterValue: unknown): DecisionRule {
  const { list, combinator } = filterConditions(filterValue);
  const conditions = list.map(toCondition);
  return { id, label, when: combinator === 'or' ? { any: conditions } : { all: conditions } } as DecisionRule;
}

/** Whether an IF/Switch tests the answer of a send-and-wait message (`$json.data.approved`). */
function testsApproval(node: N8nNode): boolean {
  return /data\??\.approved\b/.test(JSON.stringify(node.parameters ?? {}));
}

function testsConfidence(node: N8nNode): boolean {
  return /\.confidence\b/.test(JSON.stringify(node.parameters ?? {}));
}

/** Whether a condition list says "approved is true" (else it says "is false" or "not true"). */
function meansApproved(filterValue: unknown): boolean {
  const { list } = filterConditions(filterValue);
  const c = list[0];
  if (!c) return true;
  const op = text(isObject(c.operator) ? c.operator.operation : '');
  if (op === 'false' || op === 'notEquals') return String(c.rightValue) === 'false';
  if (op === 'equals') return String(c.rightValue) !== 'false';
  return op !== 'false';
}

export function convertN8nWorkflow(n8n: N8nWorkflow): N8nImport {
  const notes: string[] = [];
  const byName = new Map(n8n.nodes.map((n) => [n.name, n]));
  const described = new Map<string, Described>();
  for (const n of n8n.nodes) {
    const d = describeNode(n);
    described.set(n.name, n.disabled && d.role.role !== 'intake' ? { ...d, role: { role: 'pass' } } : d);
  }
  const role = (name: string): NodeRole => described.get(name)!.role;

  // ---- sub-nodes: which root each serves, by connection type ----
  const attached = new Map<string, { node: N8nNode; type: string }[]>();
  const subNodes = new Set<string>();
  for (const [source, byType] of Object.entries(n8n.connections)) {
    for (const type of AI_CONNECTION_TYPES) {
      for (const targets of byType[type] ?? []) {
        for (const t of targets ?? []) {
          (attached.get(t.node) ?? attached.set(t.node, []).get(t.node)!).push({ node: byName.get(source)!, type });
          subNodes.add(source);
        }
      }
    }
  }

  // ---- folded helpers: the IF after a send-and-wait, the IF on an AI step's confidence ----
  const folded = new Map<string, string>(); // helper name → the step it belongs to
  const incomingCount = new Map<string, number>();
  for (const byType of Object.values(n8n.connections)) {
    for (const outputs of Object.values(byType)) for (const targets of outputs) for (const t of targets ?? []) incomingCount.set(t.node, (incomingCount.get(t.node) ?? 0) + 1);
  }
  for (const n of n8n.nodes) {
    const r = role(n.name);
    const next = mainTargets(n8n, n.name, 0);
    if (next.length !== 1 || mainOutputCount(n8n, n.name) > 1 + (n.onError === 'continueErrorOutput' ? 1 : 0)) continue;
    const helper = byName.get(next[0])!;
    if (role(helper.name).role !== 'decision' || helper.type === `${BASE}filter`) continue;
    if (incomingCount.get(helper.name) !== 1) continue;
    // A Wait resumed by a person is followed by the test of what they sent, whatever it is called.
    if (r.role === 'approval' && (testsApproval(helper) || n.type === `${BASE}wait`)) folded.set(helper.name, n.name);
    if (r.role === 'ai' && testsConfidence(helper)) folded.set(helper.name, n.name);
  }

  const helperOf = new Map([...folded].map(([helper, owner]) => [owner, helper]));

  // ---- steps ----
  const steps = new Map<string, WorkflowNode>(); // n8n name → Flowgate node
  const usedIds = new Set<string>();
  const idFor = (n: N8nNode) => {
    let id = typeof n.id === 'string' && n.id.trim() ? n.id : `n8n-${slug(n.name)}`;
    while (usedIds.has(id)) id = `${id}-2`;
    usedIds.add(id);
    return id;
  };
  const position = (n: N8nNode, dx = 0, dy = 0) => {
    const [x, y] = Array.isArray(n.position) ? n.position : [0, 0];
    return { x: Math.round((Number(x) || 0) * POSITION_SCALE.x) + dx, y: Math.round((Number(y) || 0) * POSITION_SCALE.y) + dy };
  };
  const origin = (n: N8nNode) => ({ n8n: { type: n.type, typeVersion: n.typeVersion } });

  // Connections, one per credential (or per host for HTTP calls without one); grants collected from use.
  const connections = new Map<string, Connection & { grants: string[] }>();
  const connectorActions = new Map<string, { label: string; actions: Map<string, ActionSpec> }>();
  const logging = n8n.settings?.saveDataSuccessExecution !== 'none' && n8n.settings?.saveDataErrorExecution !== 'none';
  const connectionFor = (n: N8nNode, action: ActionSpec, familyId: string | undefined, familyLabel: string): string => {
    const creds = isObject(n.credentials) ? Object.entries(n.credentials) : [];
    let id: string;
    let label: string;
    let connectorId: string;
    let connectorLabel: string;
    let credential: Record<string, string> | undefined;
    if (creds.length) {
      const [credType, ref] = creds[0];
      const name = text(isObject(ref) ? ref.name : '') || credType;
      id = text(isObject(ref) ? ref.id : '') || `cred-${slug(name)}`;
      label = name;
      const fam = familyOfCredential(credType);
      connectorId = `n8n-${fam?.id ?? familyId ?? slug(credType)}`;
      connectorLabel = `${fam?.label ?? familyLabel} (n8n)`;
      credential = { type: credType, name };
    } else if (familyId === 'http') {
      const host = hostOf(n) || 'an address set at run time';
      id = `http-${slug(host)}`;
      label = host;
      connectorId = 'n8n-http';
      connectorLabel = 'HTTP Request (n8n)';
    } else {
      id = `n8n-${familyId ?? slug(n.type)}`;
      label = `${familyLabel} (no credential)`;
      connectorId = `n8n-${familyId ?? slug(n.type)}`;
      connectorLabel = `${familyLabel} (n8n)`;
    }
    let c = connections.get(id);
    if (!c) {
      c = {
        id,
        connector: connectorId,
        label,
        identity: credential ? credential.name : 'no credential',
        grants: [],
        logging,
        maintainer: '',
        revocation: credential ? `Delete or rotate the credential "${credential.name}" in n8n (Credentials).` : '',
        grantsAssumed: true,
        ...(credential ? { n8nCredential: credential } : {}),
      } as Connection & { grants: string[] };
      connections.set(id, c);
    }
    if (!c.grants.includes(action.scope)) c.grants.push(action.scope);
    const connector = connectorActions.get(c.connector) ?? connectorActions.set(c.connector, { label: connectorLabel, actions: new Map() }).get(c.connector)!;
    if (!connector.actions.has(action.scope)) connector.actions.set(action.scope, action);
    return id;
  };

  for (const n of n8n.nodes) {
    if (subNodes.has(n.name) || folded.has(n.name)) continue;
    const d = described.get(n.name)!;
    const r = d.role;
    const fam = d.family;
    const note = text(n.notes);
    const base = { id: '', label: n.name, position: position(n), ...origin(n) };
    let node: WorkflowNode | undefined;
    if (note.startsWith(ESCALATION_NOTE)) {
      const m = /to (.*) \(priority (low|normal|high|urgent)\): ([\s\S]*)$/.exec(note);
      const action = r.role === 'integration' ? r.action : undefined;
      const connection = action ? connectionFor(n, action, fam?.id, fam?.label ?? n.type) : undefined;
      node = { ...base, kind: 'escalation', config: { team: m?.[1] ?? '', priority: (m?.[2] ?? 'normal') as 'normal', reason: m?.[3] ?? '', ...(action ? { connection, action: action.scope } : {}) } };
    } else if (note.startsWith(END_NOTE)) {
      node = { ...base, kind: 'end', config: { outcome: note.slice(END_NOTE.length).replace(/^:\s*/, '') || 'resolved' } };
    } else {
      switch (r.role) {
        case 'intake': {
          const fields = n.type === `${BASE}formTrigger` ? (((n.parameters.formFields as Record<string, unknown>)?.values as Record<string, unknown>[]) ?? []).map((f) => text(f.fieldLabel)).filter(Boolean) : [];
          const read = r.read ? { connection: connectionFor(n, r.read, fam?.id, fam?.label ?? 'Trigger'), action: r.read.scope } : {};
          node = { ...base, kind: 'intake', config: { source: r.source, fields, ...read } };
          break;
        }
        case 'ai':
          node = { ...base, kind: 'ai', config: aiConfig(n, r, attached.get(n.name) ?? [], connectionFor) };
          break;
        case 'integration':
          node = { ...base, kind: 'integration', config: { connection: connectionFor(n, r.action, d.unknown ? undefined : fam?.id, fam?.label ?? n.type), action: r.action.scope, inputs: {} } };
          if (d.unknown) notes.push(`"${n.name}" is a node Flowgate does not know (${n.type}): it is kept as a step whose effect is unknown and treated as sensitive.`);
          break;
        case 'approval':
          node = { ...base, kind: 'approval', config: { reviewer: r.reviewer.replace(/^=/, ''), instructions: r.instructions, timeoutHours: r.timeoutHours } };
          break;
        case 'decision':
          node = { ...base, kind: 'decision', config: { rules: decisionRules(n) } };
          break;
        case 'end':
          node = { ...base, kind: 'end', config: { outcome: r.outcome } };
          break;
        case 'pass':
          // A No Operation node at the end of a branch is where the branch ends.
          if (n.type === `${BASE}noOp` && mainTargets(n8n, n.name, 0).length === 0) node = { ...base, kind: 'end', config: { outcome: 'resolved' } };
          break;
        default:
          break;
      }
    }
    if (!node) continue;
    node.id = idFor(n);
    steps.set(n.name, node);
  }

  // ---- edges: each n8n output of a step → the step handle it is; folded nodes joined through ----
  const edges: WorkflowEdge[] = [];
  const edgeKeys = new Set<string>();
  const extraNodes: WorkflowNode[] = [];
  const addEdge = (source: string, handle: Handle, target: string) => {
    const key = `${source}\u0000${handle}\u0000${target}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push({ id: `e${edges.length + 1}`, source, sourceHandle: handle, target });
  };
  /** The steps an n8n output leads to, looking through folded pass-through nodes. */
  const resolveTargets = (names: string[], seen = new Set<string>()): Target[] => {
    const out: Target[] = [];
    for (const name of names) {
      if (seen.has(name)) continue;
      seen.add(name);
      const step = steps.get(name);
      if (step) out.push({ step: step.id });
      else if (!subNodes.has(name)) {
        for (let i = 0; i < Math.max(1, mainOutputCount(n8n, name)); i++) out.push(...resolveTargets(mainTargets(n8n, name, i), seen));
      }
    }
    return out;
  };
  const wire = (fromStep: WorkflowNode, handle: Handle, n8nName: string, index: number) => {
    for (const t of resolveTargets(mainTargets(n8n, n8nName, index))) addEdge(fromStep.id, handle, t.step);
  };

  for (const [name, step] of steps) {
    const n = byName.get(name)!;
    const errorIndex = n.onError === 'continueErrorOutput' ? regularOutputs(n, n8n) : -1;
    const dropError = () => {
      if (errorIndex >= 0 && mainTargets(n8n, name, errorIndex).length) notes.push(`The error output of "${name}" is left out: a ${step.kind} step has no error path in Flowgate.`);
    };
    switch (step.kind) {
      case 'intake':
      case 'escalation':
        for (let i = 0; i < Math.max(1, mainOutputCount(n8n, name)); i++) if (i !== errorIndex) wire(step, 'out', name, i);
        break;
      case 'integration':
        wire(step, 'ok', name, 0);
        if (errorIndex >= 0) wire(step, 'error', name, errorIndex);
        break;
      case 'ai': {
        if (errorIndex >= 0) wire(step, 'error', name, errorIndex);
        const check = helperOf.get(name);
        if (check) {
          wire(step, 'ok', check, 0);
          wire(step, 'low_confidence', check, 1);
        } else if (n.type === `${LANGCHAIN}textClassifier`) {
          // Each category is an output in n8n: a decision on the category after the AI step says the same.
          const labels = (step.config as AiConfig).labels.map((l) => l.name);
          const route: WorkflowNode = {
            id: `${step.id}-route`,
            kind: 'decision',
            label: `${name}: which category`,
            position: position(n, 320, 0),
            config: { rules: labels.map((label, i) => ({ id: `${slug(label)}-${i + 1}`, label, when: { all: [{ var: 'category', op: 'eq', value: label }] } }) as DecisionRule) },
          };
          extraNodes.push(route);
          addEdge(step.id, 'ok', route.id);
          labels.forEach((_, i) => wire(route, (route.config as { rules: DecisionRule[] }).rules[i].id, name, i));
          if (mainOutputCount(n8n, name) > labels.length && labels.length !== errorIndex) wire(route, 'else', name, labels.length);
        } else {
          wire(step, 'ok', name, 0);
        }
        break;
      }
      case 'decision': {
        const rules = (step.config as { rules: DecisionRule[] }).rules;
        rules.forEach((r, i) => wire(step, r.id, name, i));
        const elseIndex = elseOutput(n, rules.length);
        if (elseIndex !== undefined) wire(step, 'else', name, elseIndex);
        dropError();
        break;
      }
      case 'approval': {
        const check = helperOf.get(name);
        const timeout = (step.config as { timeoutHours: number | null }).timeoutHours !== null;
        if (check) {
          const helper = byName.get(check)!;
          if (helper.type === `${BASE}switch`) {
            const values = switchRules(helper);
            values.forEach((v, i) => wire(step, meansApproved(v.conditions) ? 'approved' : 'rejected', check, i));
            const fallback = elseOutput(helper, values.length);
            if (fallback !== undefined) wire(step, 'timeout', check, fallback);
          } else {
            const approvedFirst = meansApproved((helper.parameters as Record<string, unknown>).conditions);
            wire(step, approvedFirst ? 'approved' : 'rejected', check, 0);
            wire(step, approvedFirst ? 'rejected' : 'approved', check, 1);
            // When the wait limit passes, n8n resumes with no answer, which the IF sends down its false branch.
            if (timeout) wire(step, 'timeout', check, approvedFirst ? 1 : 0);
          }
        } else {
          // Without a test of the answer, n8n carries on the same way whether the reviewer approved or not.
          for (const handle of ['approved', 'rejected', ...(timeout ? ['timeout'] : [])]) wire(step, handle, name, 0);
          if (mainTargets(n8n, name, 0).length) notes.push(`Nothing after "${name}" checks the reviewer's answer, so the workflow goes on whether the request was approved or rejected.`);
        }
        dropError();
        break;
      }
      default:
        break;
    }
  }

  // ---- every branch ends: where a step's main output leads nowhere, an end step is added ----
  const allSteps = [...steps.values(), ...extraNodes];
  const wiredHandles = new Set(edges.map((e) => `${e.source}\u0000${e.sourceHandle}`));
  const hasOut = new Set(edges.map((e) => e.source));
  const MAIN_HANDLE: Record<string, string> = { intake: 'out', ai: 'ok', integration: 'ok', escalation: 'out' };
  const BRANCH_HANDLE: Record<string, string> = { decision: 'else', approval: 'approved' };
  for (const s of allSteps) {
    if (s.kind === 'end') continue;
    // Decisions and approvals end a branch only when none of their outputs leads anywhere: one unwired
    // branch of an IF just drops the items that take it.
    const handle = BRANCH_HANDLE[s.kind] ? (hasOut.has(s.id) ? undefined : BRANCH_HANDLE[s.kind]) : MAIN_HANDLE[s.kind];
    if (!handle || wiredHandles.has(`${s.id}\u0000${handle}`)) continue;
    const end: WorkflowNode = { id: `${s.id}-end`, kind: 'end', label: `End after ${s.label}`, position: { x: s.position.x + 320, y: s.position.y }, config: { outcome: 'resolved' } };
    extraNodes.push(end);
    addEdge(s.id, handle, end.id);
  }

  const connectors: CustomConnector[] = [...connectorActions].map(([id, c]) => ({
    id,
    label: c.label,
    description: 'Actions of n8n nodes, as Flowgate understands them from the node type and its operation.',
    actions: [...c.actions.values()].map((a) => ({ scope: a.scope, label: a.label, effect: a.effect, customerFacing: a.customerFacing, data: [...a.data], ...(a.unknownEffect ? { unknownEffect: true } : {}) })),
  }));
  for (const c of connections.values()) c.grants.sort();
  if (connections.size) notes.push(`n8n does not record what a credential may do: the ${connections.size === 1 ? 'connection grants' : `${connections.size} connections grant`} exactly what ${connections.size === 1 ? 'its steps use' : 'their steps use'} (assumed).`);

  const workflow: Workflow = {
    format: 'flowgate.workflow',
    schemaVersion: 1,
    id: slug(text(n8n.id) || n8n.name || 'n8n-workflow'),
    name: text(n8n.name) || 'Imported n8n workflow',
    description: `Imported from the n8n workflow "${text(n8n.name)}".`,
    owner: '',
    connectors,
    connections: [...connections.values()],
    nodes: [...steps.values(), ...extraNodes],
    edges,
    importedFrom: { format: 'n8n', workflowId: text(n8n.id) || undefined },
  } as Workflow;
  return { workflow, notes };
}

/** Outputs a node has before n8n adds its error output. */
function regularOutputs(n: N8nNode, wf: N8nWorkflow): number {
  if (n.type === `${BASE}if`) return 2;
  if (n.type === `${BASE}switch`) {
    const rules = switchRules(n).length;
    const fb = (n.parameters.options as Record<string, unknown> | undefined)?.fallbackOutput;
    return rules + (fb === 'extra' ? 1 : 0);
  }
  if (n.type === `${LANGCHAIN}textClassifier`) {
    const cats = ((n.parameters.categories as Record<string, unknown> | undefined)?.categories as unknown[] | undefined)?.length ?? 0;
    const fb = (n.parameters.options as Record<string, unknown> | undefined)?.fallback;
    return cats + (fb === 'other' ? 1 : 0);
  }
  return Math.max(1, mainOutputCount(wf, n.name) - 1);
}

function switchRules(n: N8nNode): { conditions: unknown; outputKey: string }[] {
  const rules = n.parameters.rules as Record<string, unknown> | undefined;
  const values = (rules?.values ?? rules?.rules) as unknown;
  return Array.isArray(values) ? values.filter(isObject).map((v) => ({ conditions: v.conditions, outputKey: text(v.outputKey) })) : [];
}

/** The output index that plays `else`: the IF's false output, the Switch's fallback; none for Filter. */
function elseOutput(n: N8nNode, rules: number): number | undefined {
  if (n.type === `${BASE}if`) return 1;
  if (n.type === `${BASE}switch`) {
    const fb = (n.parameters.options as Record<string, unknown> | undefined)?.fallbackOutput;
    if (fb === 'extra') return rules;
    if (typeof fb === 'number') return fb;
  }
  return undefined;
}

function decisionRules(n: N8nNode): DecisionRule[] {
  if (n.type === `${BASE}switch`) {
    return switchRules(n).map((r, i) => ruleOf(`${slug(r.outputKey || `rule ${i + 1}`)}-${i + 1}`, r.outputKey || `Rule ${i + 1}`, r.conditions));
  }
  return [ruleOf(n.type === `${BASE}filter` ? 'kept' : 'true', n.type === `${BASE}filter` ? 'kept' : 'true', n.parameters.conditions)];
}

function aiConfig(
  n: N8nNode,
  r: Extract<NodeRole, { role: 'ai' }>,
  subs: { node: N8nNode; type: string }[],
  connectionFor: (n: N8nNode, action: ActionSpec, familyId: string | undefined, familyLabel: string) => string,
): AiConfig {
  let model = r.model ?? '';
  let local = false;
  const attachments: string[] = [];
  const tools: { connection: string; action: string }[] = [];
  for (const s of subs) {
    const d = describeNode(s.node);
    if (s.type === 'ai_languageModel' && d.role.role === 'model') {
      model = d.role.model;
      local = d.role.local;
    } else if (s.type === 'ai_tool') {
      const action: ActionSpec =
        d.role.role === 'integration'
          ? d.role.action
          : { scope: `ai.${s.node.type.split('.').pop()}`, label: `Search ${s.node.name}`, effect: 'read', customerFacing: false, data: [] };
      const fam = d.family ?? familyOf(s.node.type);
      tools.push({ connection: connectionFor(s.node, action, d.unknown ? undefined : fam?.id, fam?.label ?? s.node.type), action: action.scope, tool: s.node.name, toolEffect: action.effect } as never);
    } else {
      attachments.push(s.node.name);
    }
  }
  const changes = tools.some((t) => (t as unknown as { toolEffect: string }).toolEffect !== 'read');
  return {
    task: r.task,
    prompt: r.prompt.replace(/^=/, ''),
    output: r.output,
    labels: (r.labels ?? []).map((name) => ({ name, keywords: [] })),
    confidenceThreshold: 0.7,
    sources: [],
    tools: tools.map((t) => ({ connection: t.connection, action: t.action, tool: (t as unknown as { tool: string }).tool })),
    ...(r.fields?.length ? { fields: r.fields } : {}),
    mode: changes ? 'act' : 'suggest',
    provider: local ? 'mock' : 'external',
    ...(model ? { model } : {}),
    ...(attachments.length ? { attached: attachments } : {}),
  } as AiConfig;
}

/** Converts every workflow of an n8n file's parsed value. */
export function convertN8nWorkflows(list: N8nWorkflow[]): N8nImport[] {
  return list.map(convertN8nWorkflow);
}
