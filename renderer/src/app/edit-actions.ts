// Edit actions: adding and linking steps, delete, cut/copy/paste, duplicate, select all, auto-layout,
// quick fixes and going to a finding. Each change is a pure edit of shared/model/edits/ committed to
// the document store as one undo step.
import { applyFix as applyFixTo } from '../../../shared/analysis/fixes';
import type { Finding } from '../../../shared/analysis/types';
import type { ConnectionRequest } from '../../../shared/model/connect';
import { extractFragment, pasteFragment, type Fragment } from '../../../shared/model/edits/fragments';
import { addNode, connect, moveNodes, removeElements } from '../../../shared/model/edits/graph';
import type { NodeKind, Workflow } from '../../../shared/model/schema';
import { targetOf } from '../analysis/problems';
import { focusWhenShown } from '../readiness/fix-targets';
import { fragmentFromText, type Clipboard } from '../store/clipboard';
import type { ActionDeps } from './action-deps';
import { autoLayout } from './layout';

export interface EditActionDeps extends ActionDeps {
  clipboard: Clipboard;
}

export type EditActions = ReturnType<typeof createEditActions>;

export function createEditActions(deps: EditActionDeps) {
  const { platform, doc, ui, analysis, clipboard } = deps;

  function selectionIds() {
    const wf = doc.workflow;
    if (!wf) return { nodes: [] as string[], edges: [] as string[] };
    const s = ui.state;
    return {
      nodes: wf.nodes.filter((n) => s.selectedNodes.has(n.id)).map((n) => n.id),
      edges: wf.edges.filter((e) => s.selectedEdges.has(e.id)).map((e) => e.id),
    };
  }

  function addNodeAt(kind: NodeKind, position: { x: number; y: number }) {
    const wf = doc.workflow;
    if (!wf) return null;
    const { workflow, id } = addNode(wf, kind, position);
    doc.commit(workflow);
    ui.select([id]);
    return id;
  }

  function addNodeAtCentre(kind: NodeKind) {
    const c = deps.canvas()?.centre() ?? { x: 0, y: 0 };
    // Nudge each new step so several clicks do not stack them exactly.
    const n = doc.workflow?.nodes.length ?? 0;
    return addNodeAt(kind, { x: c.x - 120 + (n % 5) * 24, y: c.y - 50 + (n % 5) * 24 });
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
    const { nodes, edges } = selectionIds();
    if (!nodes.length && !edges.length) return;
    doc.edit((wf) => removeElements(wf, nodes, edges));
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

  /** Without `offset`, each paste of the same fragment lands one step further along. */
  function pasteFrom(fragment: Fragment, offset?: { x: number; y: number }) {
    const wf = doc.workflow;
    if (!wf) return;
    const pasted = pasteFragment(wf, fragment, offset ?? clipboard.nextOffset(fragment));
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
    if (wf) ui.select(wf.nodes.map((n) => n.id), wf.edges.map((e) => e.id));
  }

  function layout() {
    const wf = doc.workflow;
    if (!wf || !wf.nodes.length) return;
    doc.commit(moveNodes(wf, autoLayout(wf, deps.canvas()?.sizes() ?? new Map())));
    // Let React Flow take the new positions before fitting.
    setTimeout(() => deps.canvas()?.fitView(), 30);
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
