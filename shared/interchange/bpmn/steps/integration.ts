// integration → a service task of job type `flowgate.<connector>.<scope>`; its task headers name the
// connection, the identity and the scope a worker needs, its inputs are zeebe:input mappings with
// `{{variables}}` turned into FEEL, and a read stores its result where Flowgate's rehearsal does.
// `error` is an error boundary event. The generic HTTP connector becomes Camunda's REST connector
// (rest-connector.ts) when the step has a URL.
import { resolveAction } from '../../../connectors/lookup';
import type { NodeOfKind } from '../../../model/schema';
import { integrationResultName, needScope, stepName, type ExportContext, type JobRecord } from '../context';
import { templateExpression } from '../feel';
import type { BpmnElement, Mapping } from '../model';
import { isPlainVariableName, jobType, toVariableName } from '../names';
import { restConnectorTask } from '../rest-connector';
import { AFTER_TASK, BOUNDARY_AT, errorBoundary, TASK_AT, UNDER_BOUNDARY, type StepFragment } from './fragment';

/** The step's input mapping as zeebe:input mappings (input names made valid variable names). */
export function inputMappings(ctx: ExportContext, node: { id: string; label: string }, inputs: Readonly<Record<string, string>>): Mapping[] {
  return Object.entries(inputs).map(([name, template]) => {
    const target = isPlainVariableName(name) ? name : toVariableName(name);
    if (target !== name) ctx.warn(`"${stepName(node)}": the input "${name}" is called "${target}" in the export (Camunda variable names are letters, digits and "_").`, node.id);
    return { source: `=${templateExpression(typeof template === 'string' ? template : String(template), ctx.scope)}`, target };
  });
}

export function integrationStep(ctx: ExportContext, node: NodeOfKind<'integration'>): StepFragment {
  const { connection, action } = node.config;
  const resolved = resolveAction(ctx.workflow, { connection, action });
  const taskId = ctx.ids.take(`Activity_${node.id}`);
  const result = integrationResultName(ctx.workflow, node);
  const resultVar = result ? ctx.vars.of(result) : null;
  const label = stepName(node);

  let task: BpmnElement | null = resolved.ok && resolved.connector.id === 'http' ? restConnectorTask(ctx, node, taskId, resolved, resultVar) : null;
  if (!task) {
    if (!resolved.ok) ctx.warn(`"${label}" has no working action (${resolved.message}); it is exported as a job named after what it says.`, node.id);
    const connector = resolved.ok ? resolved.connector.id : connection || 'unknown';
    const type = jobType(connector, action || 'unknown');
    const headers: [string, string][] = [
      ['connection', connection],
      ['identity', resolved.ok ? resolved.connection.identity : ''],
      ['scope', action],
    ];
    if (resolved.ok) {
      headers.push(['connector', resolved.connector.id], ['action', resolved.action.label], ['effect', resolved.action.effect]);
      if (resolved.action.customerFacing) headers.push(['customerFacing', 'true']);
      if (resolved.action.data.length) headers.push(['data', resolved.action.data.join(', ')]);
    }
    const inputs = inputMappings(ctx, node, node.config.inputs);
    const job: JobRecord = { type, kind: 'integration', stepId: node.id, elementId: taskId, scopes: new Map(), inputs: inputs.map((i) => i.target), result: resultVar };
    needScope(job, connection, action);
    ctx.jobs.push(job);
    task = {
      id: taskId,
      kind: 'serviceTask',
      name: label,
      documentation: resolved.ok
        ? `${resolved.action.label} on ${resolved.connection.label}, as ${resolved.connection.identity || 'an unnamed identity'} (needs ${action}).${resultVar ? ` The worker completes the job with "result", stored as ${resultVar}.` : ''}`
        : undefined,
      stepId: node.id,
      taskType: type,
      retries: 3,
      headers: headers.filter(([, v]) => v !== ''),
      inputs,
      outputs: resultVar ? [{ source: '=result', target: resultVar }] : [],
      at: TASK_AT,
    };
  }
  const boundary = errorBoundary(ctx, node.id, taskId, BOUNDARY_AT);
  return {
    entry: taskId,
    elements: [task, boundary],
    flows: [],
    exits: [
      { handle: 'ok', from: taskId, deadEnd: `${label}: done, nothing follows`, deadEndAt: AFTER_TASK },
      { handle: 'error', from: boundary.id, label: 'error', deadEnd: `${label}: failed`, deadEndAt: UNDER_BOUNDARY },
    ],
  };
}
