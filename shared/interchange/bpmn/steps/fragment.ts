// What each step kind's mapping returns: the BPMN elements of one Flowgate step, the flows inside
// it, where the step's incoming flows arrive, and one exit per output handle.
import type { ExportContext } from '../context';
import type { BpmnElement, BpmnFlow } from '../model';

export interface StepExit {
  /** The Flowgate output handle ("ok", "low_confidence", a rule id, "else"…). */
  handle: string;
  /** The element the outgoing flow leaves from. */
  from: string;
  /** FEEL condition (with "="), for flows out of a gateway. */
  condition?: string;
  /** The gateway's default flow: taken when no condition holds. */
  isDefault?: boolean;
  /** Name shown on the flow. */
  label?: string;
  /** Name of the end event the export adds when the handle leads nowhere: what happened. */
  deadEnd: string;
  /** Where that end event sits, relative to the step's origin. */
  deadEndAt: { x: number; y: number };
}

export interface StepFragment {
  /** Where flows into the step arrive; null for intakes, which nothing leads into. */
  entry: string | null;
  elements: BpmnElement[];
  flows: BpmnFlow[];
  exits: StepExit[];
}

/** A flow inside one step (task → its gateway). */
export function innerFlow(ctx: ExportContext, source: string, target: string): BpmnFlow {
  return { id: ctx.ids.take(`Flow_${source}_${target}`), source, target };
}

/** An interrupting error boundary event on `hostId` catching the workers' "step failed" error. */
export function errorBoundary(ctx: ExportContext, stepId: string, hostId: string, at: { x: number; y: number }): BpmnElement {
  return {
    id: ctx.ids.take(`Event_${stepId}_error`),
    kind: 'boundaryEvent',
    name: 'Failed',
    stepId,
    attachedTo: hostId,
    cancelActivity: true,
    trigger: { type: 'error', errorId: ctx.stepFailed.id },
    at,
  };
}

/** Relative positions shared by the kinds: a task at the origin, what follows it to the right. */
export const TASK_AT = { x: 0, y: 0 };
export const GATEWAY_AT = { x: 150, y: 15 };
/** A boundary event centred on the task's bottom edge. */
export const BOUNDARY_AT = { x: 64, y: 62 };
/** Where added end events go: after the task or gateway, under it, under the boundary event. */
export const AFTER_TASK = { x: 150, y: 22 };
export const AFTER_GATEWAY = { x: 250, y: 22 };
export const UNDER_GATEWAY = { x: 157, y: 110 };
export const UNDER_BOUNDARY = { x: 64, y: 130 };
