// ai → a service task of job type `flowgate.ai.<task>` (its task headers carry the task, prompt,
// output, threshold and mode), then an exclusive gateway on the confidence the worker reports:
// `ok` when it reaches the threshold, `low_confidence` otherwise (the default flow, so a missing
// confidence counts as unsure). `error` is an error boundary event on the task.
import { resolveAction } from '../../../connectors/lookup';
import type { ActionRef, NodeOfKind } from '../../../model/schema';
import { connectionOf, needScope, stepName, type ExportContext, type JobRecord } from '../context';
import { feelNumber, templateExpression } from '../feel';
import type { BpmnElement } from '../model';
import { jobType } from '../names';
import { AFTER_GATEWAY, BOUNDARY_AT, errorBoundary, GATEWAY_AT, innerFlow, TASK_AT, UNDER_BOUNDARY, UNDER_GATEWAY, type StepFragment } from './fragment';

/** "Help center articles: kb.search, kb.read_article" for a list of connector actions. */
function describeRefs(ctx: ExportContext, refs: readonly ActionRef[]): string {
  const byConnection = new Map<string, string[]>();
  for (const r of refs) byConnection.set(r.connection, [...(byConnection.get(r.connection) ?? []), r.action]);
  return [...byConnection].map(([id, actions]) => `${connectionOf(ctx, id)?.label ?? id}: ${actions.join(', ')}`).join('; ');
}

export function aiStep(ctx: ExportContext, node: NodeOfKind<'ai'>): StepFragment {
  const cfg = node.config;
  const taskId = ctx.ids.take(`Activity_${node.id}`);
  const gatewayId = ctx.ids.take(`Gateway_${node.id}_confidence`);
  const output = ctx.vars.of(cfg.output.trim() || 'result');
  const confidence = ctx.vars.fresh(`${output}Confidence`);
  const type = jobType('ai', cfg.task);

  const headers: [string, string][] = [
    ['task', cfg.task],
    ['prompt', cfg.prompt],
    ['output', output],
    ['threshold', String(cfg.confidenceThreshold)],
    ['mode', cfg.mode],
  ];
  if (cfg.labels.length) headers.push(['labels', cfg.labels.map((l) => l.name).join(', ')]);
  if (cfg.fields?.length) headers.push(['fields', cfg.fields.join(', ')]);
  const refs = [...cfg.sources, ...(cfg.mode === 'act' ? cfg.tools : [])];
  if (cfg.sources.length) headers.push(['sources', describeRefs(ctx, cfg.sources)]);
  if (cfg.tools.length) headers.push(['tools', describeRefs(ctx, cfg.tools)]);
  const connections = [...new Set(refs.map((r) => r.connection))];
  if (connections.length) {
    headers.push(['connection', connections.join(', ')]);
    headers.push(['identity', connections.map((c) => connectionOf(ctx, c)?.identity || '(none named)').join(', ')]);
    headers.push(['scopes', [...new Set(refs.map((r) => r.action))].join(', ')]);
  }

  const job: JobRecord = { type, kind: 'ai', stepId: node.id, elementId: taskId, scopes: new Map(), inputs: [], result: output };
  for (const r of refs) {
    needScope(job, r.connection, r.action);
    const resolved = resolveAction(ctx.workflow, r);
    if (!resolved.ok) ctx.warn(`"${stepName(node)}" uses ${r.connection || '(no connection)'}: ${r.action || '(no action)'}, which does not resolve: ${resolved.message}`, node.id);
  }
  if (cfg.mode === 'suggest' && cfg.tools.length) {
    ctx.warn(`"${stepName(node)}" lists tools but only suggests: its worker must not call them (the tools are in its task headers for reference).`, node.id);
  }
  ctx.jobs.push(job);

  const inputs = cfg.prompt.trim() ? [{ source: `=${templateExpression(cfg.prompt, ctx.scope)}`, target: 'promptText' }] : [];
  if (inputs.length) job.inputs.push('promptText');
  const task: BpmnElement = {
    id: taskId,
    kind: 'serviceTask',
    name: stepName(node),
    documentation: `AI step (${cfg.task}, ${cfg.mode === 'act' ? 'acts with its tools' : 'suggests only'}). The worker completes the job with "result" and "confidence" (0 to 1); "result" becomes ${output}.`,
    stepId: node.id,
    taskType: type,
    retries: 3,
    headers,
    inputs,
    outputs: [
      { source: '=result', target: output },
      { source: '=confidence', target: confidence },
    ],
    at: TASK_AT,
  };
  const threshold = feelNumber(cfg.confidenceThreshold);
  const gateway: BpmnElement = { id: gatewayId, kind: 'exclusiveGateway', name: `Confidence ≥ ${cfg.confidenceThreshold}?`, stepId: node.id, at: GATEWAY_AT };
  const boundary = errorBoundary(ctx, node.id, taskId, BOUNDARY_AT);
  const label = stepName(node);
  return {
    entry: taskId,
    elements: [task, boundary, gateway],
    flows: [innerFlow(ctx, taskId, gatewayId)],
    exits: [
      {
        handle: 'ok',
        from: gatewayId,
        condition: `=(if ${confidence} instance of number then ${confidence} >= ${threshold} else false)`,
        label: 'ok',
        deadEnd: `${label}: done, nothing follows`,
        deadEndAt: AFTER_GATEWAY,
      },
      { handle: 'low_confidence', from: gatewayId, isDefault: true, label: 'low confidence', deadEnd: `${label}: AI unsure`, deadEndAt: UNDER_GATEWAY },
      { handle: 'error', from: boundary.id, label: 'error', deadEnd: `${label}: AI failed`, deadEndAt: UNDER_BOUNDARY },
    ],
  };
}
