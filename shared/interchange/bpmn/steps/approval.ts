// approval → a Camunda user task (zeebe:userTask) for the reviewer's group, with a form to approve or
// reject with a comment (written beside the .bpmn), then an exclusive gateway on the decision:
// `approved` when the reviewer chose it, `rejected` otherwise (the default flow: no answer is no
// approval). `timeout` is an interrupting timer boundary event after `timeoutHours`.
import type { NodeOfKind } from '../../../model/schema';
import { stepName, type ExportContext } from '../context';
import { approvalForm } from '../forms';
import type { BpmnElement } from '../model';
import { camelName, slug } from '../names';
import { AFTER_GATEWAY, BOUNDARY_AT, GATEWAY_AT, innerFlow, TASK_AT, UNDER_BOUNDARY, UNDER_GATEWAY, type StepExit, type StepFragment } from './fragment';

/** Hours as an ISO 8601 duration Zeebe reads (java.time.Duration takes fractions only in seconds). */
export function hoursDuration(hours: number): string {
  if (Number.isInteger(hours)) return `PT${hours}H`;
  const minutes = hours * 60;
  if (Number.isInteger(minutes)) return `PT${minutes}M`;
  return `PT${Math.max(1, Math.round(hours * 3600))}S`;
}

/** AI results the reviewer should see: drafts and summaries to edit, other results to read. */
function reviewedResults(ctx: ExportContext, node: NodeOfKind<'approval'>) {
  const editable: { variable: string; label: string }[] = [];
  const shown: { variable: string; label: string }[] = [];
  for (const name of ctx.aiOutputsBefore(node.id)) {
    const producer = ctx.aiByOutput.get(name)!;
    const text = producer.config.task === 'draft' || producer.config.task === 'summarize';
    (text ? editable : shown).push({ variable: ctx.vars.of(name), label: producer.label.trim() || producer.id });
  }
  return { editable, shown };
}

export function approvalStep(ctx: ExportContext, node: NodeOfKind<'approval'>): StepFragment {
  const { reviewer, instructions, timeoutHours } = node.config;
  const label = stepName(node);
  const taskId = ctx.ids.take(`Activity_${node.id}`);
  const gatewayId = ctx.ids.take(`Gateway_${node.id}_decision`);
  const base = camelName(node.label, 'approval');
  const decision = ctx.vars.fresh(`${base}Decision`);
  const comment = ctx.vars.fresh(`${base}Comment`);
  const results = reviewedResults(ctx, node);
  const form = approvalForm(ctx, node, { decision, comment, ...results });
  ctx.forms.push(form);

  const group = reviewer.trim() ? slug(reviewer, 'reviewers') : undefined;
  if (!group) ctx.warn(`"${label}" has no reviewer, so its task is open to every Tasklist user: name a reviewer group before going live.`, node.id);
  ctx.userTasks.push({
    stepId: node.id,
    elementId: taskId,
    kind: 'approval',
    form: form.fileName,
    candidateGroups: group ?? null,
    priority: null,
    variables: [decision, comment, ...results.editable.map((e) => e.variable)],
  });

  const task: BpmnElement = {
    id: taskId,
    kind: 'userTask',
    name: label,
    documentation: [
      `Approval by ${reviewer.trim() || 'anyone'}${group ? ` (candidate group "${group}")` : ''}.`,
      instructions.trim(),
      `The form sets ${decision} to "approved" or "rejected", and ${comment}.`,
    ]
      .filter(Boolean)
      .join(' '),
    stepId: node.id,
    userTask: { formId: form.formId, ...(group ? { candidateGroups: group } : {}) },
    at: TASK_AT,
  };
  const gateway: BpmnElement = { id: gatewayId, kind: 'exclusiveGateway', name: 'Approved?', stepId: node.id, at: GATEWAY_AT };
  const elements = [task, gateway];
  const exits: StepExit[] = [
    { handle: 'approved', from: gatewayId, condition: `=${decision} = "approved"`, label: 'approved', deadEnd: `${label}: approved, nothing follows`, deadEndAt: AFTER_GATEWAY },
    { handle: 'rejected', from: gatewayId, isDefault: true, label: 'rejected', deadEnd: `${label}: rejected`, deadEndAt: UNDER_GATEWAY },
  ];
  if (timeoutHours !== null) {
    const duration = hoursDuration(timeoutHours);
    const timer: BpmnElement = {
      id: ctx.ids.take(`Event_${node.id}_timeout`),
      kind: 'boundaryEvent',
      name: `${timeoutHours} h without answer`,
      stepId: node.id,
      attachedTo: taskId,
      cancelActivity: true,
      trigger: { type: 'timerDuration', value: duration },
      at: BOUNDARY_AT,
    };
    elements.push(timer);
    exits.push({ handle: 'timeout', from: timer.id, label: 'timeout', deadEnd: `${label}: no answer in time`, deadEndAt: UNDER_BOUNDARY });
  }
  return { entry: taskId, elements, flows: [innerFlow(ctx, taskId, gatewayId)], exits };
}
