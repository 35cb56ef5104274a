// The workflow canvas. React Flow is controlled: nodes and edges are derived from the document,
// and every change React Flow reports goes back through the stores (drags as one undo step,
// selection to the UI store, connections through the shared connection rules).
//
// Dragging a step changes the document on every pointer move, so only `Graph` (the nodes and edges
// handed to React Flow) follows the document; `Canvas` around it renders again only for what it shows
// itself, and every prop it hands React Flow keeps its identity. React Flow copies each prop that
// changed into its store, and every such update runs the selectors of all node and edge wrappers:
// a new object per render (an inline callback or options object) costs a whole canvas of selectors.
//
// A large workflow is drawn virtualised: every step is placed at once, only the steps in view are in
// the page (useFirstView.ts), and zoomed out they are drawn as simple boxes (levelOfDetail.tsx).
// docs/PERFORMANCE.md has the figures.
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './canvas.css';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  ControlButton,
  ReactFlow,
  useReactFlow,
  useStoreApi,
  type Connection,
  type DefaultEdgeOptions,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type InternalNode,
  type Node,
  type NodeChange,
  type OnMove,
  type ReactFlowProps,
} from '@xyflow/react';
import { connectionRefusal, type ConnectionRequest } from '../../../shared/model/connect';
import { moveNodes } from '../../../shared/model/edits/graph';
import { moveNotes } from '../../../shared/model/edits/notes';
import { notesOf } from '../../../shared/model/notes';
import { NODE_KINDS, type NodeKind } from '../../../shared/model/schema';
import { useAnalysis, useApp, useDoc, useUi } from '../app/context';
import { useResolvedTheme } from '../app/useTheme';
import { commandShortcut } from '../chrome/commandText';
import { Icon } from '../chrome/icons';
import { createEdgeDeriver, createNodeDeriver, type Dimensions, type StepNode } from './derive';
import { estimatedSize, FIT_OPTIONS, READABLE_ZOOM } from './firstView';
import { useEdgesInView } from './useEdgesInView';
import { fitPlaced, useFirstView } from './useFirstView';
import { useZoomVariable } from './useZoomVariable';
import { CanvasMiniMap } from './CanvasMiniMap';
import { edgeTypes } from './FlaggedEdge';
import { routedEdgeTypes } from './routing/RoutedEdge';
import { useRouting } from './routing/useRouting';
import { RefusalBanner } from './RefusalBanner';
import { stepNodeTypes } from './StepBox';
import { nodeTypes } from './StepNode';
import { NextStepLayer } from './next-step/NextStepLayer';
import { notePositions } from './notes/keys';
import { createNoteDeriver, noteNodeTypes, type NoteFlowNode } from './notes/NoteNode';
import { useSimEdges } from '../simulation/hooks';
import { useHeatEdges } from '../batch/hooks';
import { HeatLegend } from '../batch/HeatLegend';
import { useLogEdges, useLogNodes } from '../conformance/hooks';
import { LogLegend } from '../conformance/LogLegend';
import { logEdgeTypes } from '../conformance/DeviationEdge';

export const KIND_MIME = 'application/x-flowgate-kind';
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const DEFAULT_EDGE_OPTIONS: DefaultEdgeOptions = { type: 'smoothstep' };
const PRO_OPTIONS = { hideAttribution: true };
const NO_SIZES: ReadonlyMap<string, Dimensions> = new Map();
/** Steps, and the sticky notes under them (canvas/notes/). */
type CanvasNode = StepNode | NoteFlowNode;
const NODE_TYPES = { ...nodeTypes, ...noteNodeTypes };
/** A large workflow's steps turn into plain boxes when zoomed out (StepBox.tsx): far fewer elements to draw. */
const LARGE_NODE_TYPES = { ...stepNodeTypes, ...noteNodeTypes };
const EDGE_TYPES = { ...edgeTypes, ...routedEdgeTypes, ...logEdgeTypes };
const ARIA_LABELS = { 'node.a11yDescription.default': 'Press Enter or Space to select this step, then the arrow keys to move it.' };

/** The size React Flow measured for a step, if it has. */
function measuredSize(n: InternalNode | undefined): Dimensions | undefined {
  const { width, height } = n?.measured ?? {};
  return width && height ? { width, height } : undefined;
}

/** The id of the step under the pointer where a drag ended, if any. */
function stepUnderPointer(e: MouseEvent | TouchEvent): string | null {
  const point = 'changedTouches' in e ? e.changedTouches[0] : e;
  if (!point) return null;
  const el = document.elementFromPoint(point.clientX, point.clientY)?.closest<HTMLElement>('.react-flow__node');
  return el?.dataset.id ?? null;
}

function requestOf(c: { source: string | null; sourceHandle?: string | null; target: string | null }): ConnectionRequest | null {
  return c.source && c.target ? { source: c.source, sourceHandle: c.sourceHandle ?? null, target: c.target } : null;
}

/** The props of React Flow that `Canvas` decides; each keeps its identity across renders. */
type GraphProps = Pick<
  ReactFlowProps<CanvasNode, Edge>,
  | 'onNodesChange'
  | 'onEdgesChange'
  | 'onNodeDragStart'
  | 'onNodeDragStop'
  | 'onSelectionDragStart'
  | 'onSelectionDragStop'
  | 'onConnect'
  | 'onConnectEnd'
  | 'onClickConnectEnd'
  | 'isValidConnection'
  | 'onMove'
  | 'colorMode'
  | 'onlyRenderVisibleElements'
> & {
  /** A large workflow: a step not measured yet carries the size and handles it will have (derive.ts). */
  estimate: boolean;
  children: ReactNode;
};

/**
 * React Flow with the nodes and edges of the document: the part of the canvas that renders on every
 * pointer move of a drag. Each step subscribes to its own simulation state (StepNode), so nothing
 * here follows the simulation's steps except the links it marks.
 */
const Graph = memo(function Graph({ estimate, children, onNodesChange, ...props }: GraphProps) {
  const workflow = useDoc((s) => s.workflow)!;
  const selectedNodes = useUi((s) => s.selectedNodes);
  const selectedEdges = useUi((s) => s.selectedEdges);
  const deriveNodes = useMemo(() => createNodeDeriver(), []);
  const deriveEdges = useMemo(() => createEdgeDeriver(), []);
  // The sizes React Flow measured go back into the nodes it is given (see createNodeDeriver); one
  // update per measurement, which renews only the steps it measured.
  const [sizes, setSizes] = useState<ReadonlyMap<string, Dimensions>>(NO_SIZES);
  const onChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      let measured: Map<string, Dimensions> | null = null;
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions) (measured ??= new Map()).set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
      }
      if (measured) {
        const m = measured;
        setSizes((prev) => new Map([...prev, ...m]));
      }
      onNodesChange?.(changes);
    },
    [onNodesChange],
  );
  // Per-element summaries: the derivers hand each step only its own, so a rerun of the analysis
  // re-renders only the steps whose findings changed (and a drag reruns nothing).
  const nodeFindings = useAnalysis((s) => s.index.nodes);
  const edgeFindings = useAnalysis((s) => s.index.edges);
  // In a large workflow a measurement does not renew the steps (each renewal makes React Flow take over
  // every step again): React Flow keeps what it measured for the same node object, and the next change
  // of a step (a click, an edit) hands its size along with it.
  const nodes = useMemo(
    () => deriveNodes(workflow, selectedNodes, sizes, nodeFindings, estimate),
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- a large workflow's sizes are read, not followed (see above)
    [deriveNodes, workflow, selectedNodes, estimate ? null : sizes, nodeFindings, estimate],
  );
  const edges = useMemo(() => deriveEdges(workflow, selectedEdges, edgeFindings), [deriveEdges, workflow, selectedEdges, edgeFindings]);
  // Links follow their ELK route while it holds (routing/); the simulation's token marks the links it
  // took, and the batch heat map widens links by traversals; the others pass through unchanged.
  // A log compared with the design colours links and dims steps, and adds its deviations as links.
  const shownEdges = useLogEdges(useHeatEdges(useSimEdges(useRouting(edges, workflow, sizes, true))));
  const shownNodes = useLogNodes(nodes);
  // Sticky notes first, so that they lie under the steps.
  const deriveNotes = useMemo(() => createNoteDeriver(), []);
  const noteNodes = useMemo(() => deriveNotes(notesOf(workflow), selectedNodes), [deriveNotes, workflow, selectedNodes]);
  const drawnNodes = useMemo((): CanvasNode[] => (noteNodes.length ? [...noteNodes, ...shownNodes] : shownNodes), [noteNodes, shownNodes]);
  // A large workflow hands React Flow only the links that may be in view (useEdgesInView.ts).
  const flowEdges = useEdgesInView(shownEdges, drawnNodes, estimate);
  return (
    <ReactFlow<CanvasNode, Edge>
      nodes={drawnNodes}
      edges={flowEdges}
      nodeTypes={estimate ? LARGE_NODE_TYPES : NODE_TYPES}
      edgeTypes={EDGE_TYPES}
      onNodesChange={onChange}
      {...props}
      minZoom={0.1}
      maxZoom={2.5}
      // Deleting, copying and selecting all go through the app's commands (one undo step each).
      deleteKeyCode={null}
      selectionKeyCode="Shift"
      multiSelectionKeyCode={MULTI_SELECT_KEYS}
      connectionRadius={28}
      defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
      proOptions={PRO_OPTIONS}
      ariaLabelConfig={ARIA_LABELS}
    >
      {children}
    </ReactFlow>
  );
});

export function Canvas() {
  const app = useApp();
  const flow = useReactFlow<CanvasNode, Edge>();
  const flowStore = useStoreApi<CanvasNode, Edge>();
  const empty = useDoc((s) => s.workflow!.nodes.length === 0);
  const theme = useResolvedTheme();
  const wrapper = useRef<HTMLDivElement>(null);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      let positions: Record<string, { x: number; y: number }> | null = null;
      const selects: { id: string; selected: boolean }[] = [];
      for (const c of changes) {
        if (c.type === 'position' && c.position) {
          positions ??= {};
          positions[c.id] = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
        } else if (c.type === 'select') {
          selects.push({ id: c.id, selected: c.selected });
        }
      }
      if (positions) {
        const p = positions;
        const notes = notePositions(p);
        app.doc.dragTo((wf) => (notes ? moveNotes(moveNodes(wf, p), notes) : moveNodes(wf, p)));
      }
      app.ui.applySelectChanges('nodes', selects);
    },
    [app],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<Edge>[]) => {
      const selects = changes.flatMap((c) => (c.type === 'select' ? [{ id: c.id, selected: c.selected }] : []));
      app.ui.applySelectChanges('edges', selects);
    },
    [app],
  );

  const isValidConnection = useCallback(
    (c: Connection | Edge) => {
      const req = requestOf(c);
      const wf = app.doc.workflow;
      return !!req && !!wf && connectionRefusal(wf, req) === null;
    },
    [app],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const req = requestOf(c);
      if (req) app.tryConnect(req);
    },
    [app],
  );

  // isValidConnection refuses silently; say why when a drag ends on a refused handle. A drag from
  // an output that ends anywhere on a step (not just on its input dot) connects to that step.
  const onConnectEnd = useCallback(
    (e: MouseEvent | TouchEvent, state: FinalConnectionState<InternalNode>) => {
      if (!state.fromNode || state.isValid === true) return;
      if (!state.toNode) {
        const target = stepUnderPointer(e);
        if (target && target !== state.fromNode.id && state.fromHandle?.type === 'source') app.tryConnect({ source: state.fromNode.id, sourceHandle: state.fromHandle.id ?? null, target });
        return;
      }
      if (state.isValid !== false) return;
      const fromSource = state.fromHandle?.type !== 'target';
      const req: ConnectionRequest = fromSource
        ? { source: state.fromNode.id, sourceHandle: state.fromHandle?.id ?? null, target: state.toNode.id }
        : { source: state.toNode.id, sourceHandle: state.toHandle?.id ?? null, target: state.fromNode.id };
      const wf = app.doc.workflow;
      const reason = wf ? connectionRefusal(wf, req) : null;
      if (reason) app.ui.refuse(reason);
    },
    [app],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(KIND_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(KIND_MIME);
      if (!(NODE_KINDS as readonly string[]).includes(kind)) return;
      e.preventDefault();
      e.stopPropagation();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      app.addNodeAt(kind as NodeKind, { x: p.x - 120, y: p.y - 24 });
    },
    [app, flow],
  );

  // The first view, and whether the workflow is drawn virtualised (see useFirstView.ts).
  const { drawn, large } = useFirstView(wrapper);
  useZoomVariable(wrapper);
  // A large workflow keeps only the steps in view in the page: opening, panning and hit testing then
  // cost what a small workflow costs, and links to steps out of view are drawn from the sizes and
  // handles React Flow measured or was given. (Diagram exports draw from the document, not from the
  // page: see exportImage.ts.)
  const culling = large;

  const onMove: OnMove = useCallback((_e, vp) => app.ui.setZoom(vp.zoom), [app]);
  const beginDrag = useCallback(() => app.doc.beginDrag(), [app]);
  const endDrag = useCallback(() => app.doc.endDrag(), [app]);

  // Offer the canvas to the app's actions (centre for palette clicks, fit, layout, export).
  useEffect(() => {
    /** The steps with the sizes React Flow measured (kept in its store, not on the nodes it was given), or the ones they were given. */
    const measuredNodes = (): Node[] => {
      const lookup = flowStore.getState().nodeLookup;
      return flow.getNodes().map((n) => {
        const size = measuredSize(lookup.get(n.id)) ?? (n.initialWidth && n.initialHeight ? { width: n.initialWidth, height: n.initialHeight } : undefined);
        return size ? { ...n, measured: size } : n;
      });
    };
    app.setCanvas({
      centre() {
        const r = wrapper.current?.getBoundingClientRect();
        if (!r) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
      },
      fitView: () => fitPlaced(flowStore.getState(), (vp, options) => flow.setViewport(vp, options)),
      sizes: () => new Map(measuredNodes().flatMap((n) => (n.measured?.width && n.measured.height ? [[n.id, { width: n.measured.width, height: n.measured.height }]] : []))),
      reveal(target) {
        const zoom = Math.max(flow.getZoom(), READABLE_ZOOM);
        if ('nodeId' in target) {
          const n = flow.getInternalNode(target.nodeId);
          // A step not drawn yet is found where the document puts it.
          const doc = n ? null : app.doc.workflow?.nodes.find((d) => d.id === target.nodeId);
          if (!n && !doc) return;
          const { x, y } = n ? n.internals.positionAbsolute : doc!.position;
          const size = n ? { width: n.measured.width ?? 240, height: n.measured.height ?? 100 } : estimatedSize(doc!);
          void flow.setCenter(x + size.width / 2, y + size.height / 2, { zoom, duration: 250 });
          return;
        }
        const e = flow.getEdge(target.edgeId);
        const a = e && flow.getInternalNode(e.source);
        const b = e && flow.getInternalNode(e.target);
        if (!a || !b) return;
        const mid = (n: typeof a) => ({ x: n.internals.positionAbsolute.x + (n.measured.width ?? 0) / 2, y: n.internals.positionAbsolute.y + (n.measured.height ?? 0) / 2 });
        const [p, q] = [mid(a), mid(b)];
        void flow.setCenter((p.x + q.x) / 2, (p.y + q.y) / 2, { zoom, duration: 250 });
      },
    });
    app.ui.setZoom(flow.getZoom());
    return () => app.setCanvas(null);
  }, [app, flow, flowStore]);

  const layout = useCallback(() => app.run('view.layout'), [app]);

  return (
    <div className="canvas" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas" data-drawn={drawn}>
      <Graph
        estimate={large}
        onlyRenderVisibleElements={culling}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={beginDrag}
        onNodeDragStop={endDrag}
        onSelectionDragStart={beginDrag}
        onSelectionDragStop={endDrag}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onClickConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onMove={onMove}
        colorMode={theme}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
        <NextStepLayer />
        <Controls showInteractive={false} fitViewOptions={FIT_OPTIONS} position="bottom-left">
          <ControlButton onClick={layout} title="Auto-layout" aria-label="Auto-layout">
            <Icon name="layout" size={14} />
          </ControlButton>
        </Controls>
        <CanvasMiniMap painted={large} />
      </Graph>
      {empty && (
        <div className="canvas-empty">
          <p>Drag a step from the palette, or click one to add it here.</p>
          <p className="muted">Start with an Intake: what starts the process.</p>
          <p className="muted">{`Or press ${commandShortcut('edit.quickFind')} and type a kind of step; select a step and press ${commandShortcut('edit.addNext')} to add the next one.`}</p>
        </div>
      )}
      <RefusalBanner />
      <HeatLegend />
      <LogLegend />
    </div>
  );
}
