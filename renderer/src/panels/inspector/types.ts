import type { Workflow, WorkflowNode } from '../../../../shared/model/schema';

/** What every kind's form receives: the document, its node, and the way to hand back an edited document. */
export interface FormProps<N extends WorkflowNode = WorkflowNode> {
  wf: Workflow;
  node: N;
  onChange(next: Workflow, coalesceKey?: string): void;
}

export type NodeOf<K extends WorkflowNode['kind']> = Extract<WorkflowNode, { kind: K }>;

/** The undo-merge key for typing into one field of one step. */
export const typingKey = (nodeId: string, field: string) => `node:${nodeId}:${field}`;
