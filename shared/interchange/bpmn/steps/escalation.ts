// escalation → a Camunda user task for the receiving team (candidate group from the team's name,
// zeebe:priorityDefinition from the priority), with a form that shows the reason. An escalation
// that also calls a connector action (opening a ticket in the team's queue) gets a service task for
// that call first; like in Flowgate, a failed hand-over stops the item there (an incident in Camunda).
import { resolveAction } from '../../../connectors/lookup';
import type { NodeOfKind } from '../../../model/schema';
import { needScope, stepName, type ExportContext, type JobRecord } from '../context';
import { escalationForm } from '../forms';
import type { BpmnElement } from '../model';
import { camelName, jobType, slug } from '../names';
import { innerFlow, type StepFragment } from './fragment';

/** Flowgate's priorities on Camunda's 0–100 user task priority (default 50). */
export const PRIORITY: Record<'low' | 'normal' | 'high' | 'urgent', number> = { low: 25, normal: 50, high: 75, urgent: 100 };

export function escalationStep(ctx: ExportContext, node: NodeOfKind<'escalation'>): StepFragment {
  const { team, reason, priority, connection, action } = node.config;
  const label = stepName(node);
  const elements: BpmnElement[] = [];
  const flows = [];
  let entry: string;
  let taskAt = { x: 0, y: 0 };

  if (connection && action) {
    const resolved = resolveAction(ctx.workflow, { connection, action });
    const handOverId = ctx.ids.take(`Activity_${node.id}_handover`);
    const type = jobType(resolved.ok ? resolved.connector.id : connection, action);
    const job: JobRecord = { type, kind: 'escalation', stepId: node.id, elementId: handOverId, scopes: new Map(), inputs: ['team', 'reason', 'priority'], result: null };
    needScope(job, connection, action);
    ctx.jobs.push(job);
    if (!resolved.ok) ctx.warn(`"${label}" hands over with an action that does not resolve (${resolved.message}).`, node.id);
    elements.push({
      id: handOverId,
      kind: 'serviceTask',
      name: `Hand over: ${label}`,
      documentation: `Hands the item to ${team || 'the team'} with ${action}${resolved.ok ? ` on ${resolved.connection.label}` : ''}.`,
      stepId: node.id,
      taskType: type,
      retries: 3,
      headers: [
        ['connection', connection],
        ['identity', resolved.ok ? resolved.connection.identity : ''],
        ['scope', action],
        ['team', team],
        ['reason', reason],
        ['priority', priority],
      ].filter(([, v]) => v !== '') as [string, string][],
      at: { x: 0, y: 0 },
    });
    entry = handOverId;
    taskAt = { x: 150, y: 0 };
  } else {
    entry = '';
  }

  const taskId = ctx.ids.take(`Activity_${node.id}`);
  if (!entry) entry = taskId;
  else flows.push(innerFlow(ctx, entry, taskId));
  const note = ctx.vars.fresh(`${camelName(node.label, 'escalation')}Note`);
  const form = escalationForm(ctx, node, note);
  ctx.forms.push(form);
  const group = team.trim() ? slug(team, 'team') : undefined;
  if (!group) ctx.warn(`"${label}" names no team, so its task is open to every Tasklist user.`, node.id);
  ctx.userTasks.push({ stepId: node.id, elementId: taskId, kind: 'escalation', form: form.fileName, candidateGroups: group ?? null, priority: PRIORITY[priority], variables: [note] });
  elements.push({
    id: taskId,
    kind: 'userTask',
    name: label,
    documentation: [`Escalation to ${team.trim() || 'no team named'} (${priority} priority).`, reason.trim()].filter(Boolean).join(' '),
    stepId: node.id,
    userTask: { formId: form.formId, ...(group ? { candidateGroups: group } : {}), priority: PRIORITY[priority] },
    at: taskAt,
  });
  return {
    entry,
    elements,
    flows,
    exits: [{ handle: 'out', from: taskId, deadEnd: `${label}: handed to ${team.trim() || 'a person'}`, deadEndAt: { x: taskAt.x + 150, y: 22 } }],
  };
}
