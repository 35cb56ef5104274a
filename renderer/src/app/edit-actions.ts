// Edit actions: adding and linking steps, the next step after an output, sticky notes, delete,
// cut/copy/paste, duplicate, select all, auto-layout, quick fixes and going to a finding. Each change is
// a pure edit of shared/model/edits/ committed to the document store as one undo step. Steps added by
// a click or a key, and pasted copies, go to a free place (shared/model/placement.ts).
import { applyFix as applyFixTo } from '../../../shared/analysis/fixes';
import type { Finding } from '../../../shared/analysis/types';
import type { ConnectionRequest } from '../../../shared/model/connect';
import { extractFragment, pasteFragment, pasteOffset, type Fragment } from '../../../shared/model/edits/fragments';
import { addNode, connect, moveNodes, removeElements } from '../../../shared/model/edits/graph';
import { addNote as addNoteTo, removeNotes } from '../../../shared/model/edits/notes';
import { addNextStep as addNextStepTo, setOutputTarget } from '../../../shared/model/edits/outputs';
import { elkFits, ELK_STEP_LIMIT } from '../../../shared/model/elk-layout';
import { noteSize, notesOf, NOTE_SIZE } from '../../../shared/model/notes';
import { NEXT_STEP_GAP, occupancyOf, placeAfter, placeNear, type Box, type Size } from '../../../shared/model/placement';
import type { NodeKind, Workflow, WorkflowNode } from '../../../shared/model/schema';
import { errorText, thousands } from '../../../shared/text';
import { targetOf } from '../analysis/problems';
import { inputOffset, newStepSize, outputHandleOffset, stepSize } from '../canvas/next-step/geometry';
import { noteIdsOf, noteKey } from '../canvas/notes/keys';
import { routesOf } from '../canvas/routing/routes';
import type { Routing } from '../canvas/routing/routing';
import { focusWhenShown } from '../readiness/fix-targets';
import { fragmentFromText, type Clipboard } from '../store/clipboard';
import type { ActionDeps } from './action-deps';
import { autoLayout } from './layout';

/** An Auto-Layout that takes longer than this says that it is working. */
const SLOW_LAYOUT_MS = 400;

export interface EditActionDeps extends ActionDeps {
  clipboard: Clipboard;
  /** ELK's layout and the routes of links around steps (canvas/routing/). */
  routing: Routing;
}

export type EditActions = ReturnType<typeof createEditActions>;

export function createEditActions(deps: EditActionDeps) {
  const { platform, doc, ui, analysis, clipboard } = deps;

  function selectionIds() {
    const wf = doc.workflow;
    if (!wf) return { nodes: [] as string[], edges: [] as string[], notes: [] as string[] };
    const s = ui.state;
    const notes = new Set(noteIdsOf(s.selectedNodes));
    return {
      nodes: wf.nodes.filter((n) => s.selectedNodes.has(n.id)).map((n) => n.id),
      edges: wf.edges.filter((e) => s.selectedEdges.has(e.id)).map((e) => e.id),
      notes: notesOf(wf).filter((n) => notes.has(n.id)).map((n) => n.id),
    };
  }

  /** A step's size as drawn (measured by the canvas), or as estimated when it is not drawn. */
  function sizer(): (node: WorkflowNode) => Size {
    const sizes = deps.canvas()?.sizes() ?? new Map<string, Size>();
    return (node) => stepSize(sizes, node);
  }

  function addNodeAt(kind: NodeKind, position: { x: number; y: number }) {
    const wf = doc.workflow;
    if (!wf) return null;
    const { workflow, id } = addNode(wf, kind, position);
    doc.commit(workflow);
    ui.select([id]);
    return id;
  }

  /** The box around the selected steps and notes, or null when nothing is selected. */
  function selectionBox(wf: Workflow, sizeOf: (node: WorkflowNode) => Size): Box | null {
    const s = ui.state.selectedNodes;
    const boxes: Box[] = [
      ...wf.nodes.filter((n) => s.has(n.id)).map((n) => ({ x: n.position.x, y: n.position.y, ...sizeOf(n) })),
      ...notesOf(wf).filter((n) => s.has(noteKey(n.id))).map((n) => ({ x: n.position.x, y: n.position.y, ...noteSize(n) })),
    ];
    if (!boxes.length) return null;
    let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const b of boxes) {
      x1 = Math.min(x1, b.x);
      y1 = Math.min(y1, b.y);
      x2 = Math.max(x2, b.x + b.width);
      y2 = Math.max(y2, b.y + b.height);
    }
    return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
  }

  /** A free place for something of `size`: right of the selection, or else near the middle of the view. */
  function freePlace(wf: Workflow, size: Size): { x: number; y: number } {
    const sizeOf = sizer();
    const occupancy = occupancyOf(wf, sizeOf);
    const selected = selectionBox(wf, sizeOf);
    if (selected) return placeAfter(occupancy, size, { x: selected.x + selected.width + NEXT_STEP_GAP, y: selected.y });
    const c = deps.canvas()?.centre() ?? { x: 0, y: 0 };
    return placeNear(occupancy, size, { x: c.x - size.width / 2, y: c.y - size.height / 2 });
  }

  /** Adds a step (palette click, quick find) in a free place near the selection or the middle of the view. */
  function addNodeAtCentre(kind: NodeKind) {
    const wf = doc.workflow;
    if (!wf) return null;
    return addNodeAt(kind, freePlace(wf, newStepSize(kind)));
  }

  /**
   * Adds a step of `kind` after output `handle` of `source`, linked from it, right of it and level with
   * the output, in a free place: one undo step. The new step is selected. Null (and the reason on the
   * canvas) when the link is refused.
   */
  function addNextStep(source: string, handle: string, kind: NodeKind): string | null {
    const wf = doc.workflow;
    const from = wf?.nodes.find((n) => n.id === source);
    if (!wf || !from) return null;
    const sizeOf = sizer();
    const size = sizeOf(from);
    const wanted = {
      x: from.position.x + size.width + NEXT_STEP_GAP,
      y: from.position.y + outputHandleOffset(from, handle, size.height) - inputOffset(newStepSize(kind)),
    };
    const position = placeAfter(occupancyOf(wf, sizeOf), newStepSize(kind), wanted);
    const result = addNextStepTo(wf, source, handle, kind, position);
    if (!result.ok) {
      ui.refuse(result.reason);
      return null;
    }
    doc.commit(result.workflow);
    ui.clearRefusal();
    ui.select([result.id!]);
    return result.id!;
  }

  /** Points an output at another step (or at none): one undo step; a refusal is said on the canvas. */
  function setOutput(source: string, handle: string, target: string | null): boolean {
    const wf = doc.workflow;
    if (!wf) return false;
    const result = setOutputTarget(wf, source, handle, target);
    if (!result.ok) {
      ui.refuse(result.reason);
      return false;
    }
    doc.commit(result.workflow);
    ui.clearRefusal();
    return true;
  }

  /** Adds an empty sticky note in a free place near the selection or the middle of the view, selected. */
  function addNote(): string | null {
    const wf = doc.workflow;
    if (!wf) return null;
    const { workflow, id } = addNoteTo(wf, freePlace(wf, NOTE_SIZE));
    doc.commit(workflow);
    ui.select([noteKey(id)]);
    return id;
  }

  function tryConnect(req: ConnectionRequest) {
    const wf = doc.workflow;
    if (!wf) return false;
    const result = connect(wf, req);
    if (!result.ok) {
      ui.refuse(result.reason);
      return false;
    }
    doc.commit(result.workflow);
    ui.clearRefusal();
    return true;
  }

  function deleteSelection() {
    const { nodes, edges, notes } = selectionIds();
    if (!nodes.length && !edges.length && !notes.length) return;
    doc.edit((wf) => removeNotes(removeElements(wf, nodes, edges), notes));
    ui.clearSelection();
  }

  function copySelection(): Fragment | null {
    const wf = doc.workflow;
    const { nodes } = selectionIds();
    if (!wf || !nodes.length) return null;
    const fragment = extractFragment(wf, nodes);
    clipboard.set(fragment);
    void platform.writeClipboard(clipboard.text);
    return fragment;
  }

  function cut() {
    if (copySelection()) deleteSelection();
  }

  /**
   * Pastes in the free place nearest to `wanted` (an offset from where the steps were copied); without
   * it, each paste of the same fragment is wanted one step further along.
   */
  function pasteFrom(fragment: Fragment, wanted?: { x: number; y: number }) {
    const wf = doc.workflow;
    if (!wf) return;
    const offset = pasteOffset(wf, fragment, wanted ?? clipboard.nextOffset(fragment), sizer());
    const pasted = pasteFragment(wf, fragment, offset);
    doc.commit(pasted.workflow);
    ui.select(pasted.nodeIds);
  }

  /** Pastes clipboard text when it holds a fragment, else the app's own clipboard. */
  function pasteText(text: string | null) {
    const fragment = (text && fragmentFromText(text)) || clipboard.fragment;
    if (fragment) pasteFrom(fragment);
  }

  async function paste() {
    const text = await platform.readClipboard().catch(() => null);
    pasteText(text);
  }

  function duplicate() {
    const wf = doc.workflow;
    const { nodes } = selectionIds();
    if (wf && nodes.length) pasteFrom(extractFragment(wf, nodes), { x: 40, y: 40 });
  }

  function selectAll() {
    const wf = doc.workflow;
    if (wf) ui.select([...wf.nodes.map((n) => n.id), ...notesOf(wf).map((n) => noteKey(n.id))], wf.edges.map((e) => e.id));
  }

  /**
   * Auto-Layout: ELK's layered layout, which routes every link around the steps (the routes are drawn
   * while the steps stay where it put them), or dagre's with simple links. ELK works in a worker; an
   * edit made meanwhile wins over its answer. Above ELK's size limit, dagre lays the workflow out.
   */
  async function layout(engine: 'elk' | 'dagre' = 'elk') {
    const wf = doc.workflow;
    if (!wf || !wf.nodes.length) return;
    const sizeOf = sizer();
    let laidOut = false;
    if (engine === 'elk' && elkFits(wf)) laidOut = await layoutWithElk(wf, sizeOf);
    else if (engine === 'elk') ui.toast('info', `Links are routed around steps in workflows of up to ${thousands(ELK_STEP_LIMIT)} steps; this one is laid out with simple links.`);
    if (!laidOut) {
      if (doc.workflow !== wf) return;
      doc.commit(moveNodes(wf, autoLayout(wf, deps.canvas()?.sizes() ?? new Map())));
    }
    // Let React Flow take the new positions before fitting.
    setTimeout(() => deps.canvas()?.fitView(), 30);
  }

  /**
   * ELK's layout and routes, committed together; true when done (or dropped because the document changed
   * meanwhile), false when ELK failed and dagre should lay the workflow out instead. A layout that takes
   * a moment says so.
   */
  async function layoutWithElk(wf: Workflow, sizeOf: (node: WorkflowNode) => Size): Promise<boolean> {
    let working: number | null = null;
    const slow = setTimeout(() => (working = ui.toast('info', 'Laying the workflow out…')), SLOW_LAYOUT_MS);
    try {
      const result = await deps.routing.layout(wf, sizeOf);
      if (doc.workflow !== wf) {
        ui.toast('info', 'The workflow changed while it was being laid out, so the layout was not applied. Lay it out again when you are ready.');
        return true;
      }
      const next = moveNodes(wf, result.positions);
      doc.commit(next);
      deps.routing.routes.set(routesOf(result, next, sizeOf));
      return true;
    } catch (e) {
      ui.toast('warn', `Links could not be routed around steps (${errorText(e)}); the workflow is laid out with simple links.`);
      return false;
    } finally {
      clearTimeout(slow);
      if (working !== null) ui.dismissToast(working);
    }
  }

  // ---- analysis ----

  /**
   * Applies a finding's quick fix as one undo step, re-planned on the document as it is now. A fix
   * that inserted an approval selects it and puts the cursor in its Reviewer field, the one thing
   * the fix leaves for the user.
   */
  function applyFix(finding: Finding, index: number) {
    const before = doc.workflow;
    doc.edit((wf) => applyFixTo(wf, finding, index));
    analysis.flush();
    const after = doc.workflow;
    if (!before || !after || after === before) return;
    const known = new Set(before.nodes.map((n) => n.id));
    const gate = after.nodes.find((n) => !known.has(n.id) && n.kind === 'approval');
    if (!gate) return;
    ui.select([gate.id]);
    ui.setTab('inspector');
    deps.canvas()?.reveal({ nodeId: gate.id });
    focusWhenShown('field-reviewer');
  }

  /** An edit made from the analysis UI (rule settings, suppressions): its effect shows at once. */
  function commitAnalysisEdit(next: Workflow) {
    doc.commit(next);
    analysis.flush();
  }

  /** Shows what a finding is about: selects and centres the step or link, or opens the connection. */
  function revealFinding(finding: Finding) {
    const target = targetOf(finding);
    const wf = doc.workflow;
    if (!wf || target.id === null) return;
    if (target.kind === 'connection') {
      if (wf.connections.some((c) => c.id === target.id)) ui.focusConnection(target.id);
      return;
    }
    if (target.kind === 'node' && wf.nodes.some((n) => n.id === target.id)) {
      ui.select([target.id]);
      deps.canvas()?.reveal({ nodeId: target.id });
    } else if (target.kind === 'edge' && wf.edges.some((e) => e.id === target.id)) {
      ui.select([], [target.id]);
      deps.canvas()?.reveal({ edgeId: target.id });
    }
  }

  return {
    addNodeAt,
    addNodeAtCentre,
    addNextStep,
    setOutput,
    addNote,
    tryConnect,
    deleteSelection,
    copySelection,
    cut,
    pasteText,
    paste,
    duplicate,
    selectAll,
    layout,
    applyFix,
    commitAnalysisEdit,
    revealFinding,
  };
}
