// The node-kind registry: the one place that lists the kinds and finds a kind's definition.
import type { NodeKind, WorkflowNode } from '../model/schema';
import { aiKind } from './ai';
import { approvalKind } from './approval';
import { decisionKind } from './decision';
import { endKind } from './end';
import { escalationKind } from './escalation';
import { intakeKind } from './intake';
import { integrationKind } from './integration';
import { NONE, type KindDefinition, type OutputHandle } from './types';

export const KINDS: { [K in NodeKind]: KindDefinition<K> } = {
  intake: intakeKind,
  ai: aiKind,
  integration: integrationKind,
  decision: decisionKind,
  approval: approvalKind,
  escalation: escalationKind,
  end: endKind,
};

/** Palette order. */
export const KIND_ORDER: NodeKind[] = ['intake', 'ai', 'integration', 'decision', 'approval', 'escalation', 'end'];

export function kindOf<K extends NodeKind>(kind: K): KindDefinition<K> {
  return KINDS[kind];
}

// The helpers below take a whole node so callers need not narrow the config's type themselves.
type AnyKind = KindDefinition<NodeKind> & {
  outputs(c: unknown): readonly OutputHandle[];
  summary(c: unknown, wf: unknown): string;
  requiredActions(c: unknown): readonly { connection: string; action: string }[];
};
const def = (node: WorkflowNode) => KINDS[node.kind] as unknown as AnyKind | undefined;

export function outputsOf(node: WorkflowNode): readonly OutputHandle[] {
  return def(node)?.outputs(node.config) ?? NONE;
}

export function summaryOf(node: WorkflowNode, wf: Parameters<KindDefinition['summary']>[1]): string {
  return def(node)?.summary(node.config, wf) ?? '';
}

export function requiredActionsOf(node: WorkflowNode): readonly { connection: string; action: string }[] {
  return def(node)?.requiredActions(node.config) ?? NONE;
}

export type { KindDefinition, OutputHandle };
