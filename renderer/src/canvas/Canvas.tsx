// The workflow canvas. React Flow is controlled: nodes and edges are derived from the document,
// and every change React Flow reports goes back through the stores (drags as one undo step,
// selection to the UI store, connections through the shared connection rules).
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  ControlButton,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type InternalNode,
  type Node,
  type NodeChange,
  type OnMove,
  getViewportForBounds,
} from '@xyflow/react';
import { KINDS } from '../../../shared/kinds/registry';
import { connectionRefusal, type ConnectionRequest } from '../../../shared/model/connect';
import { moveNodes } from '../../../shared/model/edit';
import { NODE_KINDS, type NodeKind } from '../../../shared/model/schema';
import { useAnalysis, useApp, useDoc, useUi } from '../app/context';
import { useResolvedTheme } from '../app/useTheme';
import { Icon } from '../chrome/icons';
import { createEdgeDeriver, createNodeDeriver, type Dimensions, type StepNode } from './derive';
import { renderDiagram } from './exportImage';
import { edgeTypes } from './FlaggedEdge';
import { RefusalBanner } from './RefusalBanner';
import { nodeTypes } from './StepNode';
import { useSimEdges } from '../simulation/hooks';

export const KIND_MIME = 'application/x-flowgate-kind';
const FIT_OPTIONS = { padding: 0.2, maxZoom: 1.1 };
/** Below this zoom labels are unreadable: a first view that would need less starts at the intake instead. */
const READABLE_ZOOM = 0.6;
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];

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

export function Canvas() {
  const app = useApp();
  const flow = useReactFlow<StepNode, Edge>();
  const workflow = useDoc((s) => s.workflow)!;
  const selectedNodes = useUi((s) => s.selectedNodes);
  const selectedEdges = useUi((s) => s.selectedEdges);
  const minimap = useUi((s) => s.minimap);
  const theme = useResolvedTheme();
  const wrapper = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState<ReadonlyMap<string, Dimensions>>(() => new Map());

  const deriveNodes = useMemo(() => createNodeDeriver(), []);
  const deriveEdges = useMemo(() => createEdgeDeriver(), []);
  // Per-element summaries: the derivers hand each step only its own, so a rerun of the analysis
  // re-renders only the steps whose findings changed (and a drag reruns nothing).
  const nodeFindings = useAnalysis((s) => s.index.nodes);
  const edgeFindings = useAnalysis((s) => s.index.edges);
  const nodes = useMemo(() => deriveNodes(workflow, selectedNodes, measured, nodeFindings), [deriveNodes, workflow, selectedNodes, measured, nodeFindings]);
  const edges = useMemo(() => deriveEdges(workflow, selectedEdges, edgeFindings), [deriveEdges, workflow, selectedEdges, edgeFindings]);
  // Links the simulation's token took are marked; the others pass through unchanged.
  const shownEdges = useSimEdges(edges);

  const onNodesChange = useCallback(
    (changes: NodeChange<StepNode>[]) => {
      let positions: Record<string, { x: number; y: number }> | null = null;
      let sizes: Map<string, Dimensions> | null = null;
      const selects: { id: string; selected: boolean }[] = [];
      for (const c of changes) {
        if (c.type === 'position' && c.position) {
          positions ??= {};
          positions[c.id] = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
        } else if (c.type === 'dimensions' && c.dimensions) {
          sizes ??= new Map();
          sizes.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
        } else if (c.type === 'select') {
          selects.push({ id: c.id, selected: c.selected });
        }
      }
      if (positions) {
        const p = positions;
        app.doc.dragTo((wf) => moveNodes(wf, p));
      }
      if (sizes) {
        const s = sizes;
        setMeasured((prev) => {
          const next = new Map(prev);
          for (const [id, d] of s) next.set(id, d);
          return next;
        });
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

  // First view of a document: all of it when that stays readable, else its start at a readable size.
  // A document opened empty keeps the default view: steps dropped into it must not move the view.
  const initialised = useNodesInitialized();
  const [openedEmpty] = useState(() => workflow.nodes.length === 0);
  const shown = useRef(false);
  useEffect(() => {
    const el = wrapper.current;
    if (!initialised || shown.current || openedEmpty || !el) return;
    shown.current = true;
    const { width, height } = el.getBoundingClientRect();
    const bounds = flow.getNodesBounds(flow.getNodes());
    const fitted = getViewportForBounds(bounds, width, height, 0.1, FIT_OPTIONS.maxZoom, FIT_OPTIONS.padding);
    if (fitted.zoom >= READABLE_ZOOM) void flow.setViewport(fitted);
    else void flow.setViewport({ zoom: READABLE_ZOOM, x: 48 - bounds.x * READABLE_ZOOM, y: height / 2 - (bounds.y + bounds.height / 2) * READABLE_ZOOM });
    app.ui.setZoom(flow.getZoom());
  }, [app, flow, initialised, openedEmpty]);

  const onMove: OnMove = useCallback((_e, vp) => app.ui.setZoom(vp.zoom), [app]);

  // Offer the canvas to the app's actions (centre for palette clicks, fit, layout, export).
  useEffect(() => {
    app.setCanvas({
      centre() {
        const r = wrapper.current?.getBoundingClientRect();
        if (!r) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
      },
      fitView: () => void flow.fitView({ ...FIT_OPTIONS, duration: 200 }),
      sizes: () => new Map(flow.getNodes().flatMap((n) => (n.measured?.width && n.measured.height ? [[n.id, { width: n.measured.width, height: n.measured.height }]] : []))),
      renderImage: (kind) => renderDiagram(kind, flow.getNodes() as Node[], wrapper.current!),
      reveal(target) {
        const zoom = Math.max(flow.getZoom(), READABLE_ZOOM);
        if ('nodeId' in target) {
          const n = flow.getInternalNode(target.nodeId);
          if (!n) return;
          const { x, y } = n.internals.positionAbsolute;
          void flow.setCenter(x + (n.measured.width ?? 240) / 2, y + (n.measured.height ?? 100) / 2, { zoom, duration: 250 });
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
  }, [app, flow]);

  const minimapColour = useCallback((n: Node) => KINDS[(n as StepNode).data.node.kind]?.colour ?? '#888', []);

  return (
    <div className="canvas" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ReactFlow<StepNode, Edge>
        nodes={nodes}
        edges={shownEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={() => app.doc.beginDrag()}
        onNodeDragStop={() => app.doc.endDrag()}
        onSelectionDragStart={() => app.doc.beginDrag()}
        onSelectionDragStop={() => app.doc.endDrag()}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onClickConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onMove={onMove}
        colorMode={theme}
        minZoom={0.1}
        maxZoom={2.5}
        // Deleting, copying and selecting all go through the app's commands (one undo step each).
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        connectionRadius={28}
        defaultEdgeOptions={{ type: 'smoothstep' }}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={{ 'node.a11yDescription.default': 'Press Enter or Space to select this step, then the arrow keys to move it.' }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
        <Controls showInteractive={false} fitViewOptions={FIT_OPTIONS} position="bottom-left">
          <ControlButton onClick={() => app.run('view.layout')} title="Auto-layout" aria-label="Auto-layout">
            <Icon name="layout" size={14} />
          </ControlButton>
        </Controls>
        {minimap && <MiniMap pannable zoomable nodeColor={minimapColour} nodeStrokeWidth={0} ariaLabel="Minimap" position="bottom-right" />}
      </ReactFlow>
      {workflow.nodes.length === 0 && (
        <div className="canvas-empty">
          <p>Drag a step from the palette, or click one to add it here.</p>
          <p className="muted">Start with an Intake: what starts the process.</p>
        </div>
      )}
      <RefusalBanner />
    </div>
  );
}
