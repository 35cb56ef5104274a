// Inserting an approval gate before a sensitive step: the quick fix of gate/missing-approval. The
// gate takes the links that bring the step unapproved items, and it is placed so that it overlaps no
// other step.
import { KINDS } from '../../kinds/registry';
import { leavesApproved } from '../../workflow-index/reach';
import { buildWorkflowIndex } from '../../workflow-index/workflow-index';
import { nextId } from '../ids';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../schema';

/** A step's size on the canvas (a little taller than most, so rows 160 apart never collide). */
const STEP = { width: 240, height: 140 };
/** The space left between a new gate and its neighbours, as between the templates' columns. */
const GAP = 60;

export interface GatePlan {
  step: WorkflowNode;
  /** The edges through which an item arrives without approval: they are rewired into the gate. */
  rewire: Set<string>;
}

/** Where a gate before the step would go, or null when the step needs none (or cannot have one). */
export function planApprovalGate(wf: Workflow, nodeId: string | undefined): GatePlan | null {
  if (!nodeId) return null;
  const ctx = buildWorkflowIndex(wf);
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
  const plan = planApprovalGate(wf, nodeId);
  if (!plan) return wf;
  return insertGateBefore(wf, plan.step, plan.rewire);
}

/**
 * Puts a new approval before `step`, taking the edges `rewire` (they lead into the step); see
 * insertApprovalGate for its outputs and place. `config` is merged into the new approval's config.
 */
export function insertGateBefore(wf: Workflow, step: WorkflowNode, rewire: Set<string>, config: Record<string, unknown> = {}): Workflow {
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
    config: { ...KINDS.approval.defaultConfig(), instructions: `Check what "${label}" is about to do before it runs.`, ...config },
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
export function placeGate(wf: Workflow, step: WorkflowNode, rewire: Set<string>): { position: Point; shifted: WorkflowNode[] } {
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
