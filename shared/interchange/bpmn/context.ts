// What every step mapping shares while one workflow is exported: the workflow, the target version,
// unique ids, the variables' Zeebe names, the warnings so far, and what the files beside the BPMN
// (forms, worker manifest) will hold.
import { resolveAction } from '../../connectors/lookup';
import type { Connection, Workflow, WorkflowNode } from '../../model/schema';
import { SYSTEM_VARIABLES } from '../../model/variables';
import { compileCallOf } from '../../simulation/compile';
import { NO_DATA } from '../../simulation/datasets';
import type { ExportWarning } from '../types';
import { feelString, templateReferences, type FeelScope } from './feel';
import type { BpmnError, BpmnMessage } from './model';
import { IdPool, slug, VariableNames } from './names';
import { upstreamAiOutputs } from './upstream';
import type { CamundaVersion } from './versions';

/** The BPMN error every Flowgate worker throws when its call fails: the step's `error` output. */
export const STEP_FAILED_CODE = 'FLOWGATE_STEP_FAILED';

/** A form written beside the BPMN, for a user task. */
export interface FormFile {
  fileName: string;
  formId: string;
  stepId: string;
  json: string;
}

/** What a job worker (or a connector) must do for one service task, for workers.json. */
export interface JobRecord {
  type: string;
  kind: 'ai' | 'integration' | 'escalation' | 'rest-connector';
  stepId: string;
  elementId: string;
  /** Connection id → the scopes this task needs on it. */
  scopes: Map<string, Set<string>>;
  /** Input names the task maps, and what it stores. */
  inputs: string[];
  result: string | null;
  secrets?: string[];
}

/** A message a system must publish to start the process (email, ticket, webhook intakes). */
export interface StartRecord {
  messageName: string;
  stepId: string;
  elementId: string;
  source: string;
  connection: string | null;
  scope: string | null;
  fields: string[];
  webhookPath?: string;
}

/** A user task, for workers.json (who picks it up and with which form). */
export interface UserTaskRecord {
  stepId: string;
  elementId: string;
  kind: 'approval' | 'escalation';
  form: string;
  candidateGroups: string | null;
  priority: number | null;
  variables: string[];
}

export interface ExportContext {
  workflow: Workflow;
  /** Steps by id (the first of a duplicated id), and the first AI step writing each output. */
  nodeById: ReadonlyMap<string, WorkflowNode>;
  aiByOutput: ReadonlyMap<string, Extract<WorkflowNode, { kind: 'ai' }>>;
  /** The outputs of the AI steps on some path before a step. */
  aiOutputsBefore(nodeId: string): string[];
  version: CamundaVersion;
  baseName: string;
  /**
   * The workflow's name as a plain id ("support-ticket-triage"), its id when it has no name: the
   * process id, message names, form ids and webhook paths start with it, readable in Camunda.
   */
  key: string;
  /** The BPMN process id (Zeebe's bpmnProcessId). */
  processId: string;
  ids: IdPool;
  vars: VariableNames;
  scope: FeelScope;
  warnings: ExportWarning[];
  warn(message: string, nodeId?: string): void;
  messages: BpmnMessage[];
  stepFailed: BpmnError;
  forms: FormFile[];
  jobs: JobRecord[];
  starts: StartRecord[];
  userTasks: UserTaskRecord[];
  /** Whether the process already has its one plain (none) start event. */
  plainStartUsed: boolean;
  /** File names already taken beside the BPMN. */
  fileNames: Set<string>;
}

/** The variable a read of an integration step stores its result in, named as the simulator names it. */
export function integrationResultName(wf: Workflow, node: Extract<WorkflowNode, { kind: 'integration' }>): string | null {
  const resolved = resolveAction(wf, { connection: node.config.connection, action: node.config.action });
  if (!resolved.ok || resolved.action.effect !== 'read') return null;
  const output = (node.config as { output?: unknown }).output;
  if (typeof output === 'string' && output.trim()) return output.trim();
  const call = compileCallOf(wf, { connection: node.config.connection, action: node.config.action }, NO_DATA);
  return call.dataset ? (call.dataset.endsWith('s') ? call.dataset.slice(0, -1) : call.dataset) : node.id;
}

/** Every variable name the workflow writes or reads, in a stable order. */
function workflowVariableNames(wf: Workflow): { written: Set<string>; all: string[] } {
  const written = new Set<string>();
  const read: string[] = [];
  for (const n of wf.nodes) {
    if (n.kind === 'intake') for (const f of n.config.fields) if (f.trim()) written.add(f.trim());
    if (n.kind === 'ai') written.add(n.config.output.trim() || 'result');
    if (n.kind === 'integration') {
      const r = integrationResultName(wf, n);
      if (r) written.add(r);
      for (const t of Object.values(n.config.inputs)) for (const ref of templateReferences(t)) read.push(ref.split('.')[0]);
    }
    if (n.kind === 'ai') for (const ref of templateReferences(n.config.prompt)) read.push(ref.split('.')[0]);
    if (n.kind === 'decision') {
      for (const rule of n.config.rules) {
        const when = rule.when as { all?: { var: string }[]; any?: { var: string }[] };
        for (const c of when.any ?? when.all ?? []) if (c.var.trim()) read.push(c.var.split('.')[0]);
      }
    }
  }
  return { written, all: [...written, ...read] };
}

const SYSTEM = new Set(SYSTEM_VARIABLES.map((v) => v.name));

export function createContext(workflow: Workflow, version: CamundaVersion, baseName: string): ExportContext {
  const ids = new IdPool();
  const key = slug(workflow.name, '') || slug(workflow.id, 'flowgate-workflow');
  const processId = ids.take(key);
  const { written, all } = workflowVariableNames(workflow);
  // Run-wide values Flowgate provides (now, today, workflow) have FEEL equivalents unless a step writes that name.
  const vars = new VariableNames(all.filter((n) => !(SYSTEM.has(n) && !written.has(n))));
  const warnings: ExportWarning[] = [];
  const warned = new Set<string>();
  const warn = (message: string, nodeId?: string) => {
    const seen = `${nodeId ?? ''}\u0000${message}`;
    if (warned.has(seen)) return;
    warned.add(seen);
    warnings.push(nodeId ? { message, nodeId } : { message });
  };
  const scope: FeelScope = {
    root(name) {
      if (SYSTEM.has(name) && !written.has(name)) {
        if (name === 'now') return 'string(now())';
        if (name === 'today') return 'string(today())';
        if (name === 'workflow') return feelString(workflow.name);
        warn(`"${name}" (the id of a Flowgate run) has no equivalent in Camunda: set a variable "${vars.of(name)}" when you start an instance, or use the process instance key.`);
      }
      return vars.of(name);
    },
  };
  const stepFailed: BpmnError = { id: ids.take('Error_StepFailed'), name: 'Step failed', code: STEP_FAILED_CODE };
  const nodeById = new Map<string, WorkflowNode>();
  const aiByOutput = new Map<string, Extract<WorkflowNode, { kind: 'ai' }>>();
  for (const n of workflow.nodes) {
    if (!nodeById.has(n.id)) nodeById.set(n.id, n);
    if (n.kind === 'ai' && !aiByOutput.has(n.config.output.trim() || 'result')) aiByOutput.set(n.config.output.trim() || 'result', n);
  }
  return {
    workflow,
    nodeById,
    aiByOutput,
    aiOutputsBefore: upstreamAiOutputs(workflow),
    version,
    baseName,
    key,
    processId,
    ids,
    vars,
    scope,
    warnings,
    warn,
    messages: [],
    stepFailed,
    forms: [],
    jobs: [],
    starts: [],
    userTasks: [],
    plainStartUsed: false,
    fileNames: new Set(),
  };
}

/** The connection a step names, when there is one. */
export function connectionOf(ctx: ExportContext, id: string | undefined): Connection | undefined {
  return id ? ctx.workflow.connections.find((c) => c.id === id) : undefined;
}

/** Records that a job type needs `scope` on `connection`. */
export function needScope(job: JobRecord, connection: string, scope: string): void {
  if (!connection) return;
  const set = job.scopes.get(connection) ?? new Set<string>();
  if (scope) set.add(scope);
  job.scopes.set(connection, set);
}

/** A label for messages: the step's label, or its id when it has none. */
export function stepName(node: Pick<WorkflowNode, 'id' | 'label'>): string {
  return node.label.trim() || node.id;
}
