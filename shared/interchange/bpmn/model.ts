// The process as the exporter builds it, before it becomes XML: flow nodes with their Zeebe
// extensions, sequence flows, messages and errors, and where each shape sits. Plain data, so that
// each step kind's mapping, the layout and the XML writer stay separate.

export type ElementKind = 'startEvent' | 'serviceTask' | 'userTask' | 'exclusiveGateway' | 'endEvent' | 'boundaryEvent';

export type EventTrigger =
  | { type: 'message'; messageId: string }
  | { type: 'timerCycle'; value: string }
  | { type: 'timerDuration'; value: string }
  | { type: 'error'; errorId: string };

export interface Mapping {
  /** FEEL expression with its leading "=". */
  source: string;
  target: string;
}

export interface BpmnElement {
  id: string;
  kind: ElementKind;
  name: string;
  documentation?: string;
  /** The Flowgate step this element comes from (several elements may share one). */
  stepId: string;
  /** Service tasks: the job type and retries. */
  taskType?: string;
  retries?: number;
  /** zeebe:taskHeaders, in order (keys unique). */
  headers?: [string, string][];
  inputs?: Mapping[];
  outputs?: Mapping[];
  /** zeebe:properties (inbound connectors). */
  properties?: [string, string][];
  /** Camunda user tasks. */
  userTask?: { formId: string; candidateGroups?: string; priority?: number };
  trigger?: EventTrigger;
  /** Boundary events: the task they sit on, and whether they interrupt it. */
  attachedTo?: string;
  cancelActivity?: boolean;
  /** Exclusive gateways: the flow taken when no condition holds. */
  defaultFlow?: string;
  /** Position of the top-left corner relative to the step's origin; the layout makes it absolute. */
  at: { x: number; y: number };
}

export interface BpmnFlow {
  id: string;
  source: string;
  target: string;
  name?: string;
  /** FEEL condition with its leading "=". */
  condition?: string;
}

export interface BpmnMessage {
  id: string;
  name: string;
}

export interface BpmnError {
  id: string;
  name: string;
  code: string;
}

export interface BpmnProcess {
  id: string;
  name: string;
  documentation: string;
  elements: BpmnElement[];
  flows: BpmnFlow[];
  messages: BpmnMessage[];
  errors: BpmnError[];
}

/** Shape sizes, as Camunda Modeler draws them. */
export const SIZE: Record<ElementKind, { width: number; height: number }> = {
  startEvent: { width: 36, height: 36 },
  endEvent: { width: 36, height: 36 },
  boundaryEvent: { width: 36, height: 36 },
  serviceTask: { width: 100, height: 80 },
  userTask: { width: 100, height: 80 },
  exclusiveGateway: { width: 50, height: 50 },
};
