// workers.json, written beside the .bpmn: what has to run for the process to work — each job type
// with the connection, identity, scopes, maintainer and revocation a worker for it needs, the REST
// connector tasks with the secrets to create, the messages that start the process and the user
// tasks with their groups and forms. Connections travel by name, identity and scopes only: only
// the fields listed here are copied, so nothing else a file may hold (a key, a token) is exported.
import type { Connection } from '../../model/schema';
import { connectionOf, STEP_FAILED_CODE, type ExportContext, type JobRecord } from './context';
import { REST_CONNECTOR_TYPE } from './rest-connector';

export const WORKERS_FORMAT = 'flowgate.camunda-workers';

interface ConnectionNeed {
  id: string;
  label: string;
  connector: string;
  identity: string;
  scopes: string[];
  granted: string[];
  logging: boolean;
  maintainer: string;
  revocation: string;
}

function connectionNeed(c: Connection | undefined, id: string, scopes: Set<string>): ConnectionNeed {
  return {
    id,
    label: c?.label ?? '',
    connector: c?.connector ?? '',
    identity: c?.identity ?? '',
    scopes: [...scopes].sort(),
    granted: c ? [...c.grants] : [],
    logging: c?.logging ?? false,
    maintainer: c?.maintainer ?? '',
    revocation: c?.revocation ?? '',
  };
}

const WHAT: Record<JobRecord['kind'], string> = {
  ai: 'Runs the AI task with the prompt in "promptText" (template in the "prompt" header) and completes the job with "result" and "confidence" (0 to 1).',
  integration: 'Calls the connector action in the "scope" header as the "identity" header says, with the inputs mapped on the task; completes the job with "result" for reads, with no variables otherwise.',
  escalation: 'Hands the item to the team in the "team" header (reason and priority in the headers), then completes the job.',
  'rest-connector': "Run by Camunda's connector runtime (REST connector): no worker to write; create the connector secret below.",
};

export function workersManifest(ctx: ExportContext, bpmnFile: string): string {
  const byType = new Map<string, JobRecord[]>();
  for (const job of ctx.jobs) byType.set(job.type, [...(byType.get(job.type) ?? []), job]);
  const stepLabel = (id: string) => ctx.nodeById.get(id)?.label ?? id;

  const jobTypes = [...byType].map(([type, jobs]) => {
    const scopes = new Map<string, Set<string>>();
    for (const job of jobs) for (const [conn, s] of job.scopes) scopes.set(conn, new Set([...(scopes.get(conn) ?? []), ...s]));
    const secrets = [...new Set(jobs.flatMap((j) => j.secrets ?? []))];
    return {
      type,
      kind: jobs[0].kind,
      runBy: type === REST_CONNECTOR_TYPE ? 'Camunda connector runtime' : 'your job worker',
      what: WHAT[jobs[0].kind],
      steps: jobs.map((j) => ({ step: j.stepId, label: stepLabel(j.stepId), element: j.elementId, inputs: j.inputs, result: j.result })),
      connections: [...scopes].map(([id, s]) => connectionNeed(connectionOf(ctx, id), id, s)),
      ...(secrets.length ? { secrets } : {}),
      onFailure: `Throw the BPMN error "${STEP_FAILED_CODE}" (it takes the step's error path); a failure after the last retry without it becomes an incident.`,
    };
  });

  const manifest = {
    format: WORKERS_FORMAT,
    version: 1,
    workflow: { id: ctx.workflow.id, name: ctx.workflow.name, owner: ctx.workflow.owner },
    camunda: ctx.version,
    bpmn: bpmnFile,
    processId: ctx.processId,
    errorCode: STEP_FAILED_CODE,
    jobTypes,
    startMessages: ctx.starts.map((s) => ({
      message: s.messageName,
      step: s.stepId,
      label: stepLabel(s.stepId),
      source: s.source,
      variables: s.fields,
      ...(s.webhookPath ? { webhook: `/inbound/${s.webhookPath}` } : {}),
      ...(s.connection ? { connection: connectionNeed(connectionOf(ctx, s.connection), s.connection, new Set(s.scope ? [s.scope] : [])) } : {}),
    })),
    userTasks: ctx.userTasks.map((u) => ({
      step: u.stepId,
      label: stepLabel(u.stepId),
      element: u.elementId,
      kind: u.kind,
      candidateGroups: u.candidateGroups,
      priority: u.priority,
      form: u.form,
      sets: u.variables,
    })),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
