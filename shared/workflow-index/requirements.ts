// What each step needs from the integration layer: the actions it performs or reads, through which
// connection, in which role, and whether the action is sensitive.
import type { ResolvedAction } from '../connectors/lookup';
import type { ConnectorAction } from '../connectors/types';
import { requiredActionsOf } from '../kinds/registry';
import { asString, isObject } from '../model/read';
import type { WorkflowNode } from '../model/schema';

/** Why a step needs an action: an intake's read, an integration's or escalation's action, an AI step's source or tool. */
export type RequirementRole = 'action' | 'source' | 'tool';

export interface Requirement {
  nodeId: string;
  role: RequirementRole;
  connectionId: string;
  /** The action's scope, which is also the name steps use for the action. */
  scope: string;
  resolved: ResolvedAction;
  /** The action does something (not a read) and the step really does it: see isSensitive(). */
  sensitive: boolean;
}

/**
 * Whether an action a step performs needs a person's approval before it runs: its effect changes
 * something (write, send, delete, trigger, approve) or it is customer-facing. Reads never do — what a
 * read exposes is ai/sensitive-data's concern. AI knowledge sources are reads; an AI tool counts only
 * when the step acts (`act` mode), because in `suggest` mode it only drafts.
 */
export function isSensitive(action: ConnectorAction, role: RequirementRole, aiMode: unknown): boolean {
  if (action.effect === 'read') return false;
  if (role === 'source') return false;
  if (role === 'tool' && aiMode !== 'act') return false;
  // Every effect but read changes something; a customer-facing read is still a read.
  return true;
}

type Ref = { role: RequirementRole; connection: string; action: string };

/** A step that needs nothing (most do): one shared empty list, read only. */
const NO_REFS: Ref[] = [];

/** Adds the references listed in `value` (an AI step's sources or tools) to `out`, in order. */
function pushRefs(out: Ref[], role: RequirementRole, value: unknown): void {
  if (!Array.isArray(value)) return;
  for (let k = 0; k < value.length; k++) {
    const r: unknown = value[k];
    if (isObject(r)) out.push({ role, connection: asString(r.connection), action: asString(r.action) });
  }
}

/** The actions a step needs, with the role each plays; the kind registry says which fields hold them. */
export function requiredRefs(node: WorkflowNode, config: Record<string, unknown>): Ref[] {
  if (node.kind === 'ai') {
    // One list, filled in place: an AI step's sources, then its tools.
    const out: Ref[] = [];
    pushRefs(out, 'source', config.sources);
    pushRefs(out, 'tool', config.tools);
    return out;
  }
  try {
    // The registry reads `node.config`; a copy of the step is made only when the config read differs.
    const refs = requiredActionsOf(config === node.config ? node : ({ ...node, config } as WorkflowNode));
    if (!refs.length) return NO_REFS;
    return refs.map((r) => ({ role: 'action' as const, connection: asString(r.connection), action: asString(r.action) }));
  } catch {
    return []; // a config of the wrong shape needs nothing the analysis could check
  }
}
