// The "+" buttons of the selected step (one on the step, one on each output that leads nowhere) and
// the next-step picker they open (NextStepPicker.tsx), which the Add Next Step command (Alt+Enter)
// opens too. Rendered inside React Flow: the buttons sit in the viewport (they pan and zoom with the
// step), the picker in the page at the button's place on screen (it keeps its size).
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './next-step.css';
import { useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { useStore as useFlowStore, useInternalNode, useReactFlow, ViewportPortal, type InternalNode } from '@xyflow/react';
import { useStore } from 'zustand';
import { KINDS, outputsOf } from '../../../../shared/kinds/registry';
import { displayText } from '../../../../shared/model/display-text';
import { freeOutputs } from '../../../../shared/model/edits/outputs';
import type { NodeKind } from '../../../../shared/model/schema';
import { useApp, useDoc, useUi } from '../../app/context';
import { commandTitle } from '../../chrome/commandText';
import { Icon } from '../../chrome/icons';
import type { StepData } from '../derive';
import { focusCanvasItem } from '../focus';
import { NextStepPicker } from './NextStepPicker';

/** The screen size of a "+" button, kept readable at any zoom. */
const BUTTON = 20;
/** How far right of a handle its "+" sits (canvas pixels). */
const OFFSET = 16;
/** The picker's width (app.css `.next-step-picker`), to keep it inside the window. */
const PICKER_WIDTH = 340;

/** The one step selected (not a note, not several), or null. */
function useSelectedStep(): string | null {
  return useUi((s) => {
    if (s.selectedNodes.size !== 1 || s.selectedEdges.size) return null;
    const [id] = s.selectedNodes;
    return id;
  });
}

type Anchor = { x: number; y: number };

/** Where the step's own "+" and each free output's "+" go, in canvas coordinates. */
function anchors(node: InternalNode, free: ReadonlySet<string>): { step: Anchor; outputs: { id: string; at: Anchor }[] } {
  const { x, y } = node.internals.positionAbsolute;
  const width = node.measured.width ?? 240;
  const handles = node.internals.handleBounds?.source ?? [];
  return {
    // Level with the kind's name at the top right: clear of the output handles below.
    step: { x: x + width + OFFSET + BUTTON / 2, y: y + 18 },
    outputs: handles.filter((h) => h.id && free.has(h.id)).map((h) => ({ id: h.id!, at: { x: x + h.x + h.width + OFFSET, y: y + h.y + h.height / 2 } })),
  };
}

function PlusButton({ at, label, onClick, testId, scale }: { at: Anchor; label: string; onClick(): void; testId: string; scale: number }) {
  const style = { transform: `translate(${at.x}px, ${at.y}px) translate(-50%, -50%) scale(${scale})` } as CSSProperties;
  return (
    <button
      type="button"
      className="next-step-plus nodrag nopan"
      style={style}
      title={label}
      aria-label={label}
      data-testid={testId}
      // Not a click on the canvas: the selection stays.
      onPointerDown={(e) => e.stopPropagation()}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
    >
      <Icon name="plus" size={12} />
    </button>
  );
}

/**
 * The "+" buttons of one step, while it is the only one selected. The step comes from React Flow's
 * node (it carries the document's step) and the links from the document's list of links, which a drag
 * leaves alone: dragging the step costs no search through the workflow.
 */
function StepButtons({ nodeId }: { nodeId: string }) {
  const app = useApp();
  const internal = useInternalNode(nodeId);
  const edges = useDoc((s) => s.workflow?.edges);
  const zoom = useFlowStore((s) => s.transform[2]);
  const node = (internal?.internals.userNode.data as Partial<StepData> | undefined)?.node;
  const outputs = useMemo(() => (node ? outputsOf(node) : []), [node]);
  const free = useMemo(() => {
    const used = new Set((edges ?? []).filter((e) => e.source === nodeId).map((e) => e.sourceHandle));
    return new Set(outputs.filter((h) => !used.has(h.id)).map((h) => h.id));
  }, [edges, nodeId, outputs]);
  if (!internal || !node || !outputs.length) return null;
  const { step, outputs: anchored } = anchors(internal, free);
  const name = displayText(node.label, 60) || KINDS[node.kind].label;
  const scale = Math.min(2.5, Math.max(1, 1 / zoom));
  const labels = new Map(outputs.map((h) => [h.id, displayText(h.label, 40, h.id)]));
  return (
    <ViewportPortal>
      <PlusButton at={step} scale={scale} label={commandTitle('edit.addNext', `Add the next step after "${name}"`)} onClick={() => app.nextStep.open(nodeId, null)} testId="next-step-plus" />
      {anchored.map((o) => (
        <PlusButton
          key={o.id}
          at={o.at}
          scale={scale}
          label={`Add a step after "${labels.get(o.id) ?? o.id}" of "${name}"`}
          onClick={() => app.nextStep.open(nodeId, o.id)}
          testId={`next-step-plus-${o.id}`}
        />
      ))}
    </ViewportPortal>
  );
}

/** Room kept between a step brought into view and the edge of the canvas (screen pixels). */
const VIEW_MARGIN = 48;

/**
 * Pans the canvas just enough for a step (new, off to the right) to be in view, keeping the zoom: the
 * keyboard user adding step after step sees each one arrive. Nothing moves when it is in view already.
 */
function useKeepInView() {
  const flow = useReactFlow();
  const app = useApp();
  return useCallback(
    (nodeId: string) => {
      const pane = document.querySelector<HTMLElement>('[data-testid="canvas"]')?.getBoundingClientRect();
      const node = app.doc.workflow?.nodes.find((n) => n.id === nodeId);
      if (!pane || !node) return;
      const measured = flow.getInternalNode(nodeId)?.measured;
      const size = { width: measured?.width ?? 240, height: measured?.height ?? 120 };
      const { x, y, zoom } = flow.getViewport();
      const left = node.position.x * zoom + x;
      const top = node.position.y * zoom + y;
      const right = left + size.width * zoom;
      const bottom = top + size.height * zoom;
      const dx = right > pane.width - VIEW_MARGIN ? pane.width - VIEW_MARGIN - right : left < VIEW_MARGIN ? VIEW_MARGIN - left : 0;
      const dy = bottom > pane.height - VIEW_MARGIN ? pane.height - VIEW_MARGIN - bottom : top < VIEW_MARGIN ? VIEW_MARGIN - top : 0;
      if (dx || dy) void flow.setViewport({ x: x + dx, y: y + dy, zoom }, { duration: 200 });
    },
    [flow, app],
  );
}

/** The open picker, at its step's "+" on screen, until a choice, Escape or a click elsewhere. */
function OpenPicker({ nodeId, handle }: { nodeId: string; handle: string | null }) {
  const app = useApp();
  const flow = useReactFlow();
  const workflow = useDoc((s) => s.workflow);
  const internal = useInternalNode(nodeId);
  // Follows the view: the picker stays by its step while the canvas pans or zooms.
  useFlowStore((s) => s.transform);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => app.nextStep.close(), [app]);
  const keepInView = useKeepInView();

  useEffect(() => {
    const onPointerDown = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) close();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [close]);

  if (!workflow || !internal) return null;
  const free = new Set(freeOutputs(workflow, nodeId).map((h) => h.id));
  const { step, outputs } = anchors(internal, free);
  const at = flow.flowToScreenPosition((handle && outputs.find((o) => o.id === handle)?.at) || step);
  const left = Math.max(8, Math.min(at.x + BUTTON, window.innerWidth - PICKER_WIDTH - 8));
  const top = Math.max(8, Math.min(at.y - 24, window.innerHeight - 360));
  const done = (key: string | null) => {
    close();
    if (key) focusCanvasItem(key);
  };
  return createPortal(
    <div className="next-step-popover" style={{ left, top }} ref={ref}>
      <NextStepPicker
        workflow={workflow}
        nodeId={nodeId}
        handle={handle}
        onAdd={(h: string, kind: NodeKind) => {
          const id = app.addNextStep(nodeId, h, kind);
          if (id) keepInView(id);
          done(id);
        }}
        onConnect={(h: string, target: string) => done(app.setOutput(nodeId, h, target) ? nodeId : null)}
        onClose={() => done(nodeId)}
      />
    </div>,
    document.body,
  );
}

/** Everything the next step needs on the canvas; one element in Canvas.tsx's React Flow. */
export function NextStepLayer() {
  const app = useApp();
  const selected = useSelectedStep();
  const request = useStore(app.nextStep.store, (s) => s.request);
  const exists = useDoc((s) => !!request && !!s.workflow?.nodes.some((n) => n.id === request.nodeId));
  // A picker whose step is gone (undone, deleted) or no longer the selection closes.
  const stale = !!request && (!exists || (selected !== null && selected !== request.nodeId));
  useEffect(() => {
    if (stale) app.nextStep.close();
  }, [stale, app]);
  const dialogOpen = useUi((s) => s.dialog !== null);
  return (
    <>
      {selected && !request ? <StepButtons nodeId={selected} /> : null}
      {request && !stale && !dialogOpen ? <OpenPicker nodeId={request.nodeId} handle={request.handle} /> : null}
    </>
  );
}
