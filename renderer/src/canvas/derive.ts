// React Flow nodes and edges derived from the workflow. Per-element caches keep the object of an
// unchanged node or edge identical between renders, so React Flow and the memoised node
// component skip it: dragging one node of a thousand re-renders one node.
import type { Edge, EdgeMarker, MarkerType, Node } from '@xyflow/react';
import { outputsOf, summaryOf } from '../../../shared/kinds/registry';
import { displayText } from '../../../shared/model/display-text';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../../../shared/model/schema';
import type { FindingSummary } from '../analysis/findingIndex';
import { stepGeometry, type StepGeometry } from './geometry';
import { outputTone } from './outputTone';

/** `findings`: the step's own finding summary, so a rerun of the analysis re-renders only the steps whose summary changed. */
export type StepData = { node: WorkflowNode; summary: string; findings?: FindingSummary };
export type StepNode = Node<StepData, 'step'>;
export type Dimensions = { width: number; height: number };
/** The sizes React Flow measured, by step id. */
export type SizeLookup = Pick<ReadonlyMap<string, Dimensions>, 'get'>;

/** One shared arrowhead (a type-only import keeps this module free of React for the tests). */
const ARROW: EdgeMarker = { type: 'arrowclosed' as MarkerType, width: 16, height: 16 };
const NO_FINDINGS: ReadonlyMap<string, FindingSummary> = new Map();

interface NodeEntry {
  node: WorkflowNode;
  selected: boolean;
  measured: Dimensions | undefined;
  connections: Workflow['connections'];
  findings: FindingSummary | undefined;
  /** The size and handles the step will have, while React Flow has not measured it (large workflows). */
  estimate: StepGeometry | undefined;
  rf: StepNode;
}

/**
 * A node carries the size React Flow measured for it (`measured`), as React Flow expects of the nodes
 * it is given: its minimap draws only nodes that have one, and a new node object without it would be
 * hidden and measured again. A new measurement renews only the nodes it measured.
 *
 * With `estimate` (a large workflow, drawn only where it is in view), a node React Flow has not
 * measured carries the size and handles it will have (geometry.ts) as `initialWidth`, `initialHeight`
 * and `handles`: React Flow then draws its links, shows it in the minimap and decides whether it is in
 * view without putting it in the page. Once measured, the measurement alone is given.
 */
export function createNodeDeriver() {
  let cache = new Map<string, NodeEntry>();
  let lastResult: StepNode[] = [];
  return function derive(
    wf: Workflow,
    selected: ReadonlySet<string>,
    sizes: SizeLookup,
    findings: ReadonlyMap<string, FindingSummary> = NO_FINDINGS,
    estimate = false,
  ): StepNode[] {
    const next = new Map<string, NodeEntry>();
    let changed = wf.nodes.length !== lastResult.length;
    const result = wf.nodes.map((node, i) => {
      const isSelected = selected.has(node.id);
      const size = sizes.get(node.id);
      const found = findings.get(node.id);
      const hit = cache.get(node.id);
      const wanted = estimate && !size ? (hit?.node === node && hit.estimate) || stepGeometry(node) : undefined;
      let entry: NodeEntry;
      if (hit && hit.node === node && hit.selected === isSelected && hit.measured === size && hit.connections === wf.connections && hit.findings === found && hit.estimate === wanted) {
        entry = hit;
      } else {
        // Summaries name connections, so a change of connections refreshes them.
        const summary = hit && hit.node === node && hit.connections === wf.connections ? hit.rf.data.summary : summaryOf(node, wf);
        const data =
          hit && hit.node === node && hit.rf.data.summary === summary && hit.findings === found ? hit.rf.data : { node, summary, ...(found ? { findings: found } : {}) };
        entry = {
          node,
          selected: isSelected,
          measured: size,
          connections: wf.connections,
          findings: found,
          estimate: wanted,
          rf: {
            id: node.id,
            type: 'step',
            position: node.position,
            data,
            selected: isSelected,
            ...(size ? { measured: size } : {}),
            ...(wanted ? { initialWidth: wanted.width, initialHeight: wanted.height, handles: wanted.handles } : {}),
          },
        };
      }
      next.set(node.id, entry);
      if (entry.rf !== lastResult[i]) changed = true;
      return entry.rf;
    });
    cache = next;
    if (!changed) return lastResult;
    lastResult = result;
    return result;
  };
}

interface EdgeEntry {
  edge: WorkflowEdge;
  selected: boolean;
  label: string | undefined;
  findings: FindingSummary | undefined;
  rf: Edge;
}

/** The data of a link with findings, drawn by the `flagged` edge type (a badge with a tooltip). */
export type FlaggedEdgeData = { findings: FindingSummary };

/** Handles whose links never need words: the single, obvious way on. */
const QUIET_HANDLES = new Set(['out', 'ok']);

function handleLabel(nodeIndex: ReadonlyMap<string, WorkflowNode>, e: WorkflowEdge): string | undefined {
  if (QUIET_HANDLES.has(e.sourceHandle)) return undefined;
  const source = nodeIndex.get(e.source);
  const out = source ? outputsOf(source).find((h) => h.id === e.sourceHandle) : undefined;
  return displayText(out?.label ?? e.sourceHandle, 40, e.sourceHandle);
}

/**
 * Links carry no text label: the step already names each output next to its handle, and a thousand
 * SVG labels cost more than the rest of the canvas (each is measured when it mounts and makes every
 * hit test slower). A link instead takes its output's tone (`edge-tone-warn`, `edge-tone-danger`),
 * and a selected link shows its output's name.
 */
export function createEdgeDeriver() {
  let cache = new Map<string, EdgeEntry>();
  let lastResult: Edge[] = [];
  let lastNodes: WorkflowNode[] | null = null;
  let nodeIndex = new Map<string, WorkflowNode>();
  /** Built only when a selected link needs its label, not on every frame of a drag. */
  const indexOf = (wf: Workflow) => {
    if (wf.nodes !== lastNodes) {
      nodeIndex = new Map(wf.nodes.map((n) => [n.id, n]));
      lastNodes = wf.nodes;
    }
    return nodeIndex;
  };
  return function derive(wf: Workflow, selected: ReadonlySet<string>, findings: ReadonlyMap<string, FindingSummary> = NO_FINDINGS): Edge[] {
    const next = new Map<string, EdgeEntry>();
    let changed = wf.edges.length !== lastResult.length;
    const result = wf.edges.map((edge, i) => {
      const isSelected = selected.has(edge.id);
      const found = findings.get(edge.id);
      const hit = cache.get(edge.id);
      // A selected link's label follows its source step (an output can be renamed while selected).
      const label = isSelected ? handleLabel(indexOf(wf), edge) : undefined;
      let entry: EdgeEntry;
      if (hit && hit.edge === edge && hit.selected === isSelected && hit.label === label && hit.findings === found) {
        entry = hit;
      } else {
        const tone = outputTone(edge.sourceHandle);
        const classes = [tone === 'warn' || tone === 'danger' ? `edge-tone-${tone}` : '', found ? `has-findings sev-${found.severity ?? 'suppressed'}` : ''].filter(Boolean).join(' ');
        entry = {
          edge,
          selected: isSelected,
          label,
          findings: found,
          rf: {
            id: edge.id,
            source: edge.source,
            sourceHandle: edge.sourceHandle,
            target: edge.target,
            targetHandle: null,
            selected: isSelected,
            markerEnd: ARROW,
            ...(label ? { label } : {}),
            ...(classes ? { className: classes } : {}),
            ...(found ? { type: 'flagged', data: { findings: found } satisfies FlaggedEdgeData } : {}),
          } satisfies Edge,
        };
      }
      next.set(edge.id, entry);
      if (entry.rf !== lastResult[i]) changed = true;
      return entry.rf;
    });
    cache = next;
    if (!changed) return lastResult;
    lastResult = result;
    return result;
  };
}
