// Puts the steps together: each step's elements, then one sequence flow per output handle to the
// step its edge leads to. An output that leads nowhere would end the item silently in Flowgate's
// rehearsal (and, behind a gateway or an error, raise an incident in Zeebe), so it gets an end event
// named for what happened, and a warning.
import { outputsOf } from '../../kinds/registry';
import type { WorkflowEdge, WorkflowNode } from '../../model/schema';
import { stepName, type ExportContext } from './context';
import type { BpmnElement, BpmnFlow, BpmnProcess } from './model';
import { aiStep } from './steps/ai';
import { approvalStep } from './steps/approval';
import { decisionStep } from './steps/decision';
import { endStep } from './steps/end';
import { escalationStep } from './steps/escalation';
import type { StepFragment } from './steps/fragment';
import { intakeStep } from './steps/intake';
import { integrationStep } from './steps/integration';
import { xmlId } from './names';

function stepFragment(ctx: ExportContext, node: WorkflowNode): StepFragment {
  switch (node.kind) {
    case 'intake':
      return intakeStep(ctx, node);
    case 'ai':
      return aiStep(ctx, node);
    case 'integration':
      return integrationStep(ctx, node);
    case 'decision':
      return decisionStep(ctx, node);
    case 'approval':
      return approvalStep(ctx, node);
    case 'escalation':
      return escalationStep(ctx, node);
    case 'end':
      return endStep(ctx, node);
  }
}

export interface AssembledProcess {
  process: BpmnProcess;
  /** Each Flowgate step's elements, for the layout (a step's shapes move together). */
  steps: { node: WorkflowNode; elements: BpmnElement[] }[];
}

export function assembleProcess(ctx: ExportContext): AssembledProcess {
  const wf = ctx.workflow;
  const fragments = new Map<string, StepFragment>();
  const steps: AssembledProcess['steps'] = [];
  const elements: BpmnElement[] = [];
  const flows: BpmnFlow[] = [];

  for (const node of wf.nodes) {
    if (fragments.has(node.id)) {
      ctx.warn(`Two steps have the id "${node.id}": only the first is exported.`, node.id);
      continue;
    }
    const fragment = stepFragment(ctx, node);
    fragments.set(node.id, fragment);
    steps.push({ node, elements: fragment.elements });
    elements.push(...fragment.elements);
    flows.push(...fragment.flows);
  }

  // Each step's links, by output handle, in document order.
  const linksOf = new Map<string, Map<string, WorkflowEdge[]>>();
  for (const e of wf.edges) {
    let byHandle = linksOf.get(e.source);
    if (!byHandle) linksOf.set(e.source, (byHandle = new Map()));
    const list = byHandle.get(e.sourceHandle);
    if (list) list.push(e);
    else byHandle.set(e.sourceHandle, [e]);
  }
  const byId = new Map(elements.map((el) => [el.id, el]));

  for (const { node, elements: own } of steps) {
    const fragment = fragments.get(node.id)!;
    const label = stepName(node);
    const handleLabels = new Map(outputsOf(node).map((h) => [h.id, h.label]));
    const links = linksOf.get(node.id) ?? new Map<string, WorkflowEdge[]>();
    const exported = new Set(fragment.exits.map((x) => x.handle));
    for (const [handle, list] of links) {
      if (exported.has(handle)) continue;
      const why = node.kind === 'approval' && handle === 'timeout' ? 'the gate has no timeout, so it never times out' : `the step has no output "${handle}"`;
      if (list.length) ctx.warn(`The link from "${label}" by "${handle}" is left out: ${why}.`, node.id);
    }
    for (const exit of fragment.exits) {
      let target: string | null = null;
      for (const e of links.get(exit.handle) ?? []) {
        const next = fragments.get(e.target);
        const targetNode = ctx.nodeById.get(e.target);
        if (!next || !targetNode) {
          ctx.warn(`The link from "${label}" leads to a step "${e.target}" that does not exist: left out.`, node.id);
        } else if (next.entry === null) {
          ctx.warn(`The link from "${label}" to "${stepName(targetNode)}" is left out: nothing can lead into an intake.`, node.id);
        } else if (target === null) {
          target = next.entry;
        } else {
          // Flowgate follows the first link of an output too; the canvas never draws a second one.
          ctx.warn(`"${label}" has more than one link from its "${handleLabels.get(exit.handle) ?? exit.handle}" output: only the first is exported, as only the first is followed.`, node.id);
        }
      }
      if (target === null) {
        const end: BpmnElement = {
          id: ctx.ids.take(`EndEvent_${node.id}_${xmlId(exit.handle)}`),
          kind: 'endEvent',
          name: exit.deadEnd,
          documentation: `Added by the export: in Flowgate this output leads nowhere.`,
          stepId: node.id,
          at: exit.deadEndAt,
        };
        own.push(end);
        elements.push(end);
        byId.set(end.id, end);
        target = end.id;
        ctx.warn(`"${label}": its "${handleLabels.get(exit.handle) ?? exit.handle}" output leads nowhere, so the export ends it at an end event "${exit.deadEnd}".`, node.id);
      }
      const flow: BpmnFlow = {
        id: ctx.ids.take(`Flow_${exit.from}_${xmlId(exit.handle)}`),
        source: exit.from,
        target,
        ...(exit.label ? { name: exit.label } : {}),
        ...(exit.condition ? { condition: exit.condition } : {}),
      };
      flows.push(flow);
      if (exit.isDefault) byId.get(exit.from)!.defaultFlow = flow.id;
    }
  }

  return {
    process: {
      id: ctx.processId,
      name: wf.name || wf.id,
      documentation: [wf.description.trim(), wf.owner.trim() ? `Owner: ${wf.owner.trim()}.` : '', 'Exported from Flowgate.'].filter(Boolean).join(' '),
      elements,
      flows,
      messages: ctx.messages,
      errors: [ctx.stepFailed],
    },
    steps,
  };
}
