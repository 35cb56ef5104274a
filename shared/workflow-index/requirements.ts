// What each step needs from the integration layer: the actions it performs or reads, through which
// connection, in which role, and whether the action is sensitive.
import type { ActionResolver, ResolvedAction } from '../connectors/lookup';
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

/** Whether a step's requirements hold a sensitive action that resolves: a step an approval should cover. */
export function hasSensitiveAction(reqs: readonly Requirement[] | undefined): boolean {
  if (!reqs) return false;
  for (let k = 0; k < reqs.length; k++) if (reqs[k].sensitive && reqs[k].resolved.ok) return true;
  return false;
}

/** One requirement: the reference resolved, and whether the step's use of it is sensitive. */
function requirement(node: WorkflowNode, config: Record<string, unknown>, resolve: ActionResolver, role: RequirementRole, connection: string, action: string): Requirement {
  const resolved = resolve(connection, action);
  const sensitive = resolved.ok && isSensitive(resolved.action, role, config.mode);
  return { nodeId: node.id, role, connectionId: connection, scope: action, resolved, sensitive };
}

/** How many requirements `value` (an AI step's sources or tools) lists. */
function countListed(value: unknown): number {
  if (!Array.isArray(value)) return 0;
  let n = 0;
  for (let k = 0; k < value.length; k++) if (isObject(value[k])) n++;
  return n;
}

/** Puts the requirements listed in `value` into `out` from position `at`, in order; returns the next position. */
function putListed(out: Requirement[], at: number, node: WorkflowNode, config: Record<string, unknown>, resolve: ActionResolver, role: RequirementRole, value: unknown): number {
  if (!Array.isArray(value)) return at;
  for (let k = 0; k < value.length; k++) {
    const r: unknown = value[k];
    if (isObject(r)) out[at++] = requirement(node, config, resolve, role, asString(r.connection), asString(r.action));
  }
  return at;
}

/**
 * The actions a step needs, with the role each plays, resolved (undefined: none); the kind registry
 * says which fields hold them. Built straight into requirements: no list of references in between.
 */
export function requirementsOf(node: WorkflowNode, config: Record<string, unknown>, resolve: ActionResolver): Requirement[] | undefined {
  if (node.kind === 'ai') {
    // An AI step's sources, then its tools, in a list of their number (a list pushed to from empty
    // reserves room for 17: ten thousand steps' lists are kept for the whole analysis).
    const n = countListed(config.sources) + countListed(config.tools);
    if (!n) return undefined;
    const out = new Array<Requirement>(n);
    putListed(out, putListed(out, 0, node, config, resolve, 'source', config.sources), node, config, resolve, 'tool', config.tools);
    return out;
  }
  try {
    // The registry reads `node.config`; a copy of the step is made only when the config read differs.
    const refs = requiredActionsOf(config === node.config ? node : ({ ...node, config } as WorkflowNode));
    if (!refs.length) return undefined;
    // A loop, not refs.map(): a callback closing over the step would make every call, for every step,
    // allocate a context for it (V8 makes a function's context on entry), most of them for no reference.
    const out = new Array<Requirement>(refs.length);
    for (let k = 0; k < refs.length; k++) out[k] = requirement(node, config, resolve, 'action', asString(refs[k].connection), asString(refs[k].action));
    return out;
  } catch {
    return undefined; // a config of the wrong shape needs nothing the analysis could check
  }
}
