// Quick fixes: pure edits offered for a finding when there is exactly one sensible fix.
// `apply` takes the document as it is when the user clicks, re-plans on it, and returns it
// unchanged if the fix no longer makes sense, so a stale fix can never corrupt a document.
import { isGranted, isWildcard } from '../connectors/lookup';
import { KINDS } from '../kinds/registry';
import { nextId } from '../model/ids';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../model/schema';
import { buildContext, connectionName, grants, leavesApproved } from './context';
import type { Finding } from './types';

export interface QuickFix {
  /** What the fix does, as a button or menu label. */
  title: string;
  apply(wf: Workflow): Workflow;
}

export function fixesFor(wf: Workflow, finding: Finding): QuickFix[] {
  switch (finding.ruleId) {
    case 'permission/exceeds-grant':
      return grantFix(wf, finding);
    case 'permission/unused-grant':
      return removeGrantFix(wf, finding);
    case 'permission/broad-grant':
      return narrowGrantFix(wf, finding);
    case 'gate/missing-approval':
      return insertGateFix(wf, finding);
    default:
      return [];
  }
}

function setGrants(wf: Workflow, connectionId: string, change: (grants: string[]) => string[] | null): Workflow {
  const connection = wf.connections.find((c) => c.id === connectionId);
  if (!connection) return wf;
  const next = change(grants(connection));
  if (!next) return wf;
  return { ...wf, connections: wf.connections.map((c) => (c === connection ? { ...c, grants: next } : c)) };
}

function grantFix(wf: Workflow, { connectionId, scope }: Finding): QuickFix[] {
  const connection = wf.connections.find((c) => c.id === connectionId);
  if (!connection || !scope) return [];
  return [
    {
      title: `Grant "${scope}" on "${connectionName(connection)}"`,
      apply: (doc) => setGrants(doc, connection.id, (list) => (isGranted(list, scope) ? null : [...list, scope])),
    },
  ];
}

function removeGrantFix(wf: Workflow, { connectionId, scope }: Finding): QuickFix[] {
  const connection = wf.connections.find((c) => c.id === connectionId);
  if (!connection || !scope) return [];
  return [
    {
      title: `Remove the unused grant "${scope}" from "${connectionName(connection)}"`,
      apply: (doc) => setGrants(doc, connection.id, (list) => (list.includes(scope) ? list.filter((g) => g !== scope) : null)),
    },
  ];
}

/** The exact scopes that steps use through a wildcard grant (known actions only), not granted exactly yet. */
function scopesUnder(wf: Workflow, connectionId: string, wildcard: string): string[] {
  const ctx = buildContext(wf);
  const exact = new Set(grants(ctx.connectionById.get(connectionId)));
  const out = new Set<string>();
  for (const r of ctx.allRequirements) {
    if (r.connectionId === connectionId && r.resolved.ok && isGranted([wildcard], r.scope) && !exact.has(r.scope)) out.add(r.scope);
  }
  return [...out];
}

/**
 * Replaces a wildcard by the exact scopes the steps use through it, which is unambiguous: the
 * steps keep every permission they need and lose the rest. With none in use, the grant goes.
 */
function narrowGrantFix(wf: Workflow, { connectionId, scope }: Finding): QuickFix[] {
  const connection = wf.connections.find((c) => c.id === connectionId);
  if (!connection || !scope || !isWildcard(scope)) return [];
  const needed = scopesUnder(wf, connection.id, scope);
  const name = connectionName(connection);
  return [
    {
      title: needed.length ? `Replace "${scope}" on "${name}" with ${needed.join(', ')}` : `Remove "${scope}" from "${name}"`,
      apply: (doc) =>
        setGrants(doc, connection.id, (list) => {
          const at = list.indexOf(scope);
          if (at === -1) return null;
          const replacement = scopesUnder(doc, connection.id, scope);
          const rest = (part: string[]) => part.filter((g) => g !== scope); // a grant written twice goes entirely
          return [...list.slice(0, at), ...replacement, ...rest(list.slice(at + 1))];
        }),
    },
  ];
}

// ---- insert an approval gate before a sensitive step ----

/** A step's size on the canvas (a little taller than most, so rows 160 apart never collide). */
const STEP = { width: 240, height: 140 };
/** The space left between a new gate and its neighbours, as between the templates' columns. */
const GAP = 60;

interface GatePlan {
  step: WorkflowNode;
  /** The edges through which an item arrives without approval: they are rewired into the gate. */
  rewire: Set<string>;
}

function planGate(wf: Workflow, nodeId: string | undefined): GatePlan | null {
  if (!nodeId) return null;
  const ctx = buildContext(wf);
  const step = ctx.nodeById.get(nodeId);
  // Nothing can lead into an intake, so no gate can stand before one.
  if (!step || step.kind === 'intake' || !ctx.ungated.has(step.id)) return null;
  const rewire = ctx
    .incoming(step.id)
    .filter((e) => ctx.ungated.has(e.source) && !leavesApproved(e, ctx.nodeById));
  return rewire.length ? { step, rewire: new Set(rewire.map((e) => e.id)) } : null;
}

/**
 * Puts a new approval between the step and the edges that bring it unapproved items; edges that
 * already come through an approval's `approved` output are left alone, so no path is reviewed twice.
 * The gate's `approved` output leads to the step. When the workflow has exactly one end step with
 * the outcome "rejected", both `rejected` and `timeout` lead there (an unanswered request is not an
 * approval); otherwise the user decides (gate/no-reject-path and gate/no-timeout then say so). The
 * reviewer is left empty: only the user knows who it is (gate/no-reviewer says so until it is set).
 */
export function insertApprovalGate(wf: Workflow, nodeId: string): Workflow {
  const plan = planGate(wf, nodeId);
  if (!plan) return wf;
  const { step, rewire } = plan;
  const gateId = nextId('n', wf.nodes.map((n) => n.id));
  const edgeIds = wf.edges.map((e) => e.id);
  const newEdge = (sourceHandle: string, target: string): WorkflowEdge => {
    const id = nextId('e', edgeIds);
    edgeIds.push(id);
    return { id, source: gateId, sourceHandle, target };
  };

  const { position, shifted } = placeGate(wf, step, rewire);
  const label = step.label || step.id;
  const gate = {
    id: gateId,
    kind: 'approval',
    label: `Approve: ${label}`,
    position,
    config: { ...KINDS.approval.defaultConfig(), instructions: `Check what "${label}" is about to do before it runs.` },
  } as WorkflowNode;

  const edges = wf.edges.map((e) => (rewire.has(e.id) ? { ...e, target: gateId } : e));
  edges.push(newEdge('approved', step.id));
  const rejectedEnds = wf.nodes.filter((n) => n.kind === 'end' && (n.config as { outcome?: unknown })?.outcome === 'rejected');
  if (rejectedEnds.length === 1) {
    edges.push(newEdge('rejected', rejectedEnds[0].id));
    edges.push(newEdge('timeout', rejectedEnds[0].id));
  }

  return { ...wf, nodes: [...shifted, gate], edges };
}

type Point = { x: number; y: number };

const posOf = (n: WorkflowNode): Point => n.position ?? { x: 0, y: 0 };

/** Whether a step at `p` would overlap (or come closer than half a gap to) the step at `q`. */
function collides(p: Point, q: Point): boolean {
  return Math.abs(p.x - q.x) < STEP.width + GAP / 2 && Math.abs(p.y - q.y) < STEP.height + GAP / 2;
}

/**
 * Where the gate goes: on the step's row, to its left. When the steps that lead in from the left
 * leave room for it with a gap on each side, it sits halfway between them and the step, and nothing
 * moves.
 * Otherwise the step and every step at or to the right of it move one column right, and the gate
 * takes the step's old place: a space the step itself filled, so the gate overlaps nothing, and
 * moving a whole side of the canvas to the right keeps its steps apart as they were.
 */
function placeGate(wf: Workflow, step: WorkflowNode, rewire: Set<string>): { position: Point; shifted: WorkflowNode[] } {
  const at = posOf(step);
  const byId = new Map(wf.nodes.map((n) => [n.id, n]));
  const rightEdges = wf.edges
    .filter((e) => rewire.has(e.id) && e.source !== step.id)
    .map((e) => byId.get(e.source))
    .filter((n) => n !== undefined)
    .map((n) => posOf(n).x + STEP.width)
    .filter((right) => right <= at.x);
  // The rightmost right edge of the steps leading in from the left; with none, just room for the gate.
  const from = rightEdges.length ? Math.max(...rightEdges) : at.x - STEP.width - 2 * GAP;
  if (at.x - from >= STEP.width + 2 * GAP) {
    const candidate = { x: Math.round((from + at.x - STEP.width) / 2), y: Math.round(at.y) };
    if (!wf.nodes.some((n) => collides(candidate, posOf(n)))) return { position: candidate, shifted: wf.nodes };
  }
  const column = STEP.width + GAP;
  const shifted = wf.nodes.map((n) => {
    const p = posOf(n);
    return p.x >= at.x ? { ...n, position: { x: p.x + column, y: p.y } } : n;
  });
  return { position: { x: Math.round(at.x), y: Math.round(at.y) }, shifted };
}

function insertGateFix(wf: Workflow, { nodeId }: Finding): QuickFix[] {
  const plan = planGate(wf, nodeId);
  if (!plan) return [];
  const count = plan.rewire.size;
  return [
    {
      title: `Insert an approval before "${plan.step.label || plan.step.id}"${count > 1 ? ` (rewires ${count} incoming edges)` : ''}`,
      apply: (doc) => insertApprovalGate(doc, plan.step.id),
    },
  ];
}
