// What an approval covers. An item that leaves an approval by `approved` carries what the reviewer
// approved; a step that changes one of those variables afterwards (an AI redraft) makes the
// approval stale for the sensitive steps that send it, until another approval is passed. And an
// approval covers the sensitive steps it leads to without another approval in between: it should
// show their reviewer what they send (its `shows` list), or it is a blind approval.
import { asArray } from '../model/read';
import type { WorkflowEdge, WorkflowNode } from '../model/schema';
import { leavesApproved } from './reach';
import { isContentVariable, type VariableFlow } from './variable-flow';

/** A variable a sensitive step uses that was written after the last approval on some path to it. */
export interface StaleUse {
  /** The variable (a root), or a stand-in (DRAFT_TEXT, WHOLE_ITEM) of variable-flow.ts. */
  variable: string;
  /** A step that writes it after the approval (the sensitive step itself for an AI step that acts). */
  writerId: string;
  /** The approval the item passed before that write. */
  approvalId: string;
}

export interface ApprovalCoverage {
  /** Sensitive steps reached after an approval with content changed since, by node id: one witness per variable. */
  stale: ReadonlyMap<string, readonly StaleUse[]>;
  /** The sensitive steps an approval leads to by `approved` with no other approval in between, in document order. */
  covered(approvalId: string): readonly string[];
  /** What the approval shows its reviewer: its `shows` list, or the default when it has none. */
  shows(approvalId: string): string[];
  /** The default `shows` of an approval: the variables the sensitive steps it covers send. */
  defaultShows(approvalId: string): string[];
  /** Variables a covered step sends that the approval does not show, with the steps that send them. */
  unshown(approvalId: string): { variable: string; stepIds: string[] }[];
}

export interface CoverageSource {
  nodes: readonly WorkflowNode[];
  nodeById: Map<string, WorkflowNode>;
  outgoing(nodeId: string): readonly WorkflowEdge[];
  configOf(node: WorkflowNode): Record<string, unknown>;
  /** Steps with at least one sensitive, resolved action. */
  sensitive: ReadonlySet<string>;
  flow: VariableFlow;
}

/** An approval's own `shows` list when it has one (strings, trimmed, each once), else null. */
export function explicitShows(config: Record<string, unknown>): string[] | null {
  if (!Array.isArray(config.shows)) return null;
  return [...new Set(asArray<unknown>(config.shows).filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()))];
}

export function buildApprovalCoverage(src: CoverageSource): ApprovalCoverage {
  const { nodeById, outgoing, flow } = src;
  const follow = (e: WorkflowEdge) => !leavesApproved(e, nodeById);

  // Every step reached after some approval's `approved` output, with the last approval on one such path.
  const lastApproval = new Map<string, string>();
  const queue: string[] = [];
  for (const n of src.nodes) {
    if (n.kind !== 'approval' || nodeById.get(n.id) !== n) continue;
    for (const e of outgoing(n.id)) {
      if (e.sourceHandle !== 'approved' || lastApproval.has(e.target)) continue;
      lastApproval.set(e.target, n.id);
      queue.push(e.target);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    for (const e of outgoing(id)) {
      if (!follow(e) || lastApproval.has(e.target)) continue;
      lastApproval.set(e.target, lastApproval.get(id)!);
      queue.push(e.target);
    }
  }

  // For each variable a sensitive step after an approval uses: a walk from the steps that write it
  // after an approval, stopped by `approved` outputs. One walk per variable, each linear in edges.
  const stale = new Map<string, StaleUse[]>();
  const report = (nodeId: string, use: StaleUse) => {
    const list = stale.get(nodeId);
    if (!list) stale.set(nodeId, [use]);
    else if (!list.some((u) => u.variable === use.variable)) list.push(use);
  };
  const users = new Map<string, string[]>();
  for (const id of src.sensitive) {
    if (!lastApproval.has(id)) continue;
    for (const v of flow.uses(id)) {
      const list = users.get(v);
      if (list) list.push(id);
      else users.set(v, [id]);
    }
    // An AI step that acts sends what it has just written itself.
    const approvalId = lastApproval.get(id)!;
    for (const v of flow.writesBeforeSending(id)) if (flow.uses(id).has(v)) report(id, { variable: v, writerId: id, approvalId });
  }
  if (users.size) {
    const after = src.nodes.filter((n) => lastApproval.has(n.id) && nodeById.get(n.id) === n);
    for (const [variable, userIds] of users) {
      const writers = after.filter((n) => {
        const w = flow.writes(n.id);
        return w.any || w.names.has(variable);
      });
      if (!writers.length) continue;
      const writtenBy = new Map<string, string>();
      const walk: string[] = [];
      let i = 0;
      // Steps that rewrite come first, a reviewer's edit at a gate that then rejects second: each
      // step reached is blamed on the first kind that reaches it, the likelier one to be meant.
      for (const group of [writers.filter((w) => w.kind !== 'approval'), writers.filter((w) => w.kind === 'approval')]) {
        for (const w of group) {
          for (const e of outgoing(w.id)) {
            if (!follow(e) || writtenBy.has(e.target)) continue;
            writtenBy.set(e.target, w.id);
            walk.push(e.target);
          }
        }
        for (; i < walk.length; i++) {
          const id = walk[i];
          for (const e of outgoing(id)) {
            if (!follow(e) || writtenBy.has(e.target)) continue;
            writtenBy.set(e.target, writtenBy.get(id)!);
            walk.push(e.target);
          }
        }
      }
      for (const id of userIds) {
        const writerId = writtenBy.get(id);
        if (writerId !== undefined) report(id, { variable, writerId, approvalId: lastApproval.get(writerId)! });
      }
    }
  }

  const coveredCache = new Map<string, string[]>();
  const covered = (approvalId: string): string[] => {
    let list = coveredCache.get(approvalId);
    if (list) return list;
    const seen = new Set<string>();
    const walk: string[] = [];
    for (const e of outgoing(approvalId)) {
      if (e.sourceHandle !== 'approved' || seen.has(e.target)) continue;
      seen.add(e.target);
      walk.push(e.target);
    }
    for (let i = 0; i < walk.length; i++) {
      for (const e of outgoing(walk[i])) {
        if (!follow(e) || seen.has(e.target)) continue;
        seen.add(e.target);
        walk.push(e.target);
      }
    }
    list = src.nodes.filter((n) => seen.has(n.id) && src.sensitive.has(n.id) && nodeById.get(n.id) === n).map((n) => n.id);
    coveredCache.set(approvalId, list);
    return list;
  };

  const defaultShows = (approvalId: string): string[] => {
    const out = new Set<string>();
    for (const id of covered(approvalId)) for (const v of flow.sentVariables(id)) if (isContentVariable(v)) out.add(v);
    return [...out];
  };

  const shows = (approvalId: string): string[] => {
    const node = nodeById.get(approvalId);
    const own = node ? explicitShows(src.configOf(node)) : null;
    return own ?? defaultShows(approvalId);
  };

  return {
    stale,
    covered,
    shows,
    defaultShows,
    unshown(approvalId) {
      const node = nodeById.get(approvalId);
      const own = node ? explicitShows(src.configOf(node)) : null;
      if (own === null) return []; // the default shows everything the covered steps send
      const shown = new Set(own);
      const missing = new Map<string, string[]>();
      for (const id of covered(approvalId)) {
        for (const v of flow.sentVariables(id)) {
          if (shown.has(v) || !isContentVariable(v)) continue;
          const list = missing.get(v);
          if (list) list.push(id);
          else missing.set(v, [id]);
        }
      }
      return [...missing].map(([variable, stepIds]) => ({ variable, stepIds }));
    },
  };
}
