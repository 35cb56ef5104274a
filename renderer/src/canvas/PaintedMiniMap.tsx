// The minimap of a large workflow, painted on a <canvas>. React Flow's own minimap draws one SVG
// element per step, each with a selector run on every change of its store: at 10,000 steps that
// doubled the time to open the workflow and is repainted on every frame of a pan. Here the steps are
// painted once into a bitmap (again when they move, at most once a frame), and only the rectangle of
// the view follows the pan. It looks and works as React Flow's: the steps in their kinds' colours, the
// view outlined, a click or a drag on it moves the view there, the wheel zooms. CanvasMiniMap.tsx shows
// it in place of React Flow's minimap above DRAW_AT_ONCE steps, at the size it chose.
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './paintedMiniMap.css';
import { useCallback, useEffect, useRef, type PointerEvent as ReactPointerEvent, type WheelEvent as ReactWheelEvent } from 'react';
import { Panel, useReactFlow, useStoreApi, type Edge, type Node, type ReactFlowState } from '@xyflow/react';
import type { StepNode } from './derive';
import { placedBounds } from './useFirstView';

/** Room around the steps, in minimap pixels. */
const OFFSET = 5;

type State = ReactFlowState<StepNode, Edge>;

interface Frame {
  /** Flow coordinates of the minimap's top left corner, and flow units per minimap pixel. */
  x: number;
  y: number;
  scale: number;
}

/** The frame that shows every step and the view, centred, as React Flow's minimap frames them. */
function frameOf(s: State, width: number, height: number): Frame {
  const [tx, ty, zoom] = s.transform;
  const vx = -tx / zoom;
  const vy = -ty / zoom;
  const placed = placedBounds(s.nodeLookup);
  const x1 = Math.min(placed?.x1 ?? Infinity, vx);
  const y1 = Math.min(placed?.y1 ?? Infinity, vy);
  const x2 = Math.max(placed?.x2 ?? -Infinity, vx + s.width / zoom);
  const y2 = Math.max(placed?.y2 ?? -Infinity, vy + s.height / zoom);
  const scale = Math.max((x2 - x1) / (width - 2 * OFFSET), (y2 - y1) / (height - 2 * OFFSET)) || 1;
  return { x: (x1 + x2) / 2 - (width / 2) * scale, y: (y1 + y2) / 2 - (height / 2) * scale, scale };
}

/** The view in minimap pixels. */
function viewRect(s: State, f: Frame) {
  const [tx, ty, zoom] = s.transform;
  return { x: (-tx / zoom - f.x) / f.scale, y: (-ty / zoom - f.y) / f.scale, width: s.width / zoom / f.scale, height: s.height / zoom / f.scale };
}

const sameFrame = (a: Frame, b: Frame) => a.x === b.x && a.y === b.y && a.scale === b.scale;

export function PaintedMiniMap({ width, height, nodeColor, ariaLabel = 'Minimap' }: { width: number; height: number; nodeColor: (n: Node) => string; ariaLabel?: string }) {
  const flowStore = useStoreApi<StepNode, Edge>();
  const flow = useReactFlow<StepNode, Edge>();
  const steps = useRef<HTMLCanvasElement>(null);
  const view = useRef<HTMLDivElement>(null);
  const frame = useRef<Frame | null>(null);
  /** The steps changed since they were last painted. */
  const dirty = useRef(true);
  const paint = useCallback(() => {
    const s = flowStore.getState();
    const f = frameOf(s, width, height);
    const canvas = steps.current;
    const box = view.current;
    if (!canvas || !box) return;
    if (dirty.current || !frame.current || !sameFrame(frame.current, f)) {
      frame.current = f;
      dirty.current = false;
      const ratio = window.devicePixelRatio || 1;
      canvas.width = width * ratio;
      canvas.height = height * ratio;
      const g = canvas.getContext('2d');
      if (g) {
        g.setTransform(ratio, 0, 0, ratio, 0, 0);
        g.clearRect(0, 0, width, height);
        for (const n of s.nodeLookup.values()) {
          if (n.hidden) continue;
          const { x, y } = n.internals.positionAbsolute;
          const w = (n.measured.width ?? n.initialWidth ?? 0) / f.scale;
          const h = (n.measured.height ?? n.initialHeight ?? 0) / f.scale;
          g.fillStyle = nodeColor(n.internals.userNode);
          g.fillRect((x - f.x) / f.scale, (y - f.y) / f.scale, Math.max(w, 1), Math.max(h, 1));
        }
      }
    }
    const r = viewRect(s, f);
    box.style.transform = `translate(${r.x}px, ${r.y}px)`;
    box.style.width = `${r.width}px`;
    box.style.height = `${r.height}px`;
  }, [flowStore, width, height, nodeColor]);

  // Repaints the steps when they change (React Flow is given a new array of nodes for any change of a
  // step, a measurement included) and moves the view's rectangle when the view changes; both at most
  // once a frame.
  useEffect(() => {
    let pending = 0;
    let nodes: State['nodes'] | null = null;
    let transform: State['transform'] | null = null;
    const schedule = () => {
      if (!pending) {
        pending = requestAnimationFrame(() => {
          pending = 0;
          paint();
        });
      }
    };
    const unsubscribe = flowStore.subscribe((s) => {
      if (s.nodes !== nodes) {
        nodes = s.nodes;
        dirty.current = true;
        schedule();
      } else if (s.transform !== transform) {
        transform = s.transform;
        schedule();
      }
    });
    schedule();
    return () => {
      unsubscribe();
      cancelAnimationFrame(pending);
    };
  }, [flowStore, paint]);

  /** Centres the view on the minimap point under the pointer. */
  const moveTo = useCallback(
    (e: { clientX: number; clientY: number; currentTarget: Element }) => {
      const f = frame.current;
      if (!f) return;
      const r = e.currentTarget.getBoundingClientRect();
      void flow.setCenter(f.x + (e.clientX - r.left) * f.scale, f.y + (e.clientY - r.top) * f.scale, { zoom: flow.getZoom() });
    },
    [flow],
  );
  const onPointerDown = useCallback(
    (e: ReactPointerEvent<HTMLDivElement>) => {
      e.currentTarget.setPointerCapture(e.pointerId);
      moveTo(e);
    },
    [moveTo],
  );
  const onPointerMove = useCallback(
    (e: ReactPointerEvent<HTMLDivElement>) => {
      if (e.currentTarget.hasPointerCapture(e.pointerId)) moveTo(e);
    },
    [moveTo],
  );
  const onWheel = useCallback(
    (e: ReactWheelEvent<HTMLDivElement>) => {
      const { minZoom, maxZoom, transform: t } = flowStore.getState();
      const zoom = Math.min(maxZoom, Math.max(minZoom, t[2] * Math.pow(2, -e.deltaY / 500)));
      void flow.zoomTo(zoom);
    },
    [flow, flowStore],
  );

  return (
    <Panel position="bottom-right" className="react-flow__minimap fg-canvas-minimap" style={{ width: width, height: height }}>
      <div
        className="fg-canvas-minimap-surface"
        role="img"
        aria-label={ariaLabel}
        data-testid="canvas-minimap"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onWheel={onWheel}
      >
        <canvas ref={steps} style={{ width: width, height: height }} />
        <div ref={view} className="fg-canvas-minimap-view" />
      </div>
    </Panel>
  );
}
