// The open workflow and its undo history. Every change goes through `commit`, which decides how
// it lands in history: one step per edit, one step per burst of typing (same coalesce key within
// COALESCE_MS), one step per node drag. Only the workflow is recorded (partialize).
import { createStore } from 'zustand/vanilla';
import { temporal } from 'zundo';
import type { Workflow } from '../../../shared/model/schema';

export const HISTORY_LIMIT = 200;
export const COALESCE_MS = 1000;

export interface DocumentState {
  workflow: Workflow | null;
  /** The workflow, except during a node drag, when it keeps the pre-drag version (for views that show no positions). */
  settled: Workflow | null;
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;

export function createDocumentStore(now: () => number = Date.now) {
  const store = createStore<DocumentState>()(
    temporal<DocumentState, [], [], Pick<DocumentState, 'workflow'>>(() => ({ workflow: null, settled: null }), {
      partialize: (s) => ({ workflow: s.workflow }),
      equality: (a, b) => a.workflow === b.workflow,
      limit: HISTORY_LIMIT,
    }),
  );
  const history = store.temporal;
  let lastCoalesce: { key: string; at: number } | null = null;
  let preDrag: Workflow | null = null;

  const settle = () => {
    const s = store.getState();
    if (!preDrag && s.settled !== s.workflow) untracked(() => store.setState({ settled: s.workflow }));
  };
  store.subscribe(settle);

  /** Runs a state change that is not recorded, keeping any pause already in place. */
  function untracked(fn: () => void) {
    const tracking = history.getState().isTracking;
    history.getState().pause();
    try {
      fn();
    } finally {
      if (tracking) history.getState().resume();
    }
  }

  const doc = {
    store,
    history,
    get workflow() {
      return store.getState().workflow;
    },

    /** Replaces the document (open, new, reopen) and starts a fresh history. */
    load(workflow: Workflow | null) {
      untracked(() => store.setState({ workflow }));
      history.getState().clear();
      lastCoalesce = null;
      preDrag = null;
    },

    /** Applies an edited document. Same coalesceKey within COALESCE_MS of the last one → same undo step. */
    commit(next: Workflow, coalesceKey?: string) {
      const current = store.getState().workflow;
      if (!current || next === current) return;
      const t = now();
      if (coalesceKey && lastCoalesce?.key === coalesceKey && t - lastCoalesce.at < COALESCE_MS && !preDrag) {
        untracked(() => store.setState({ workflow: next }));
      } else {
        store.setState({ workflow: next });
      }
      lastCoalesce = coalesceKey ? { key: coalesceKey, at: t } : null;
    },

    /** Applies a pure edit function to the current document. */
    edit(fn: (wf: Workflow) => Workflow, coalesceKey?: string) {
      const current = store.getState().workflow;
      if (current) doc.commit(fn(current), coalesceKey);
    },

    /** Node drags: positions change on every frame, but the whole drag is one undo step. */
    beginDrag() {
      if (preDrag || !store.getState().workflow) return;
      preDrag = store.getState().workflow;
      lastCoalesce = null;
      history.getState().pause();
    },
    dragTo(fn: (wf: Workflow) => Workflow) {
      const current = store.getState().workflow;
      if (!current) return;
      if (preDrag) store.setState({ workflow: fn(current) });
      else doc.commit(fn(current));
    },
    endDrag() {
      const before = preDrag;
      if (!before) return;
      preDrag = null;
      history.getState().resume();
      settle();
      if (store.getState().workflow === before) return;
      const past = history.getState().pastStates;
      const trimmed = past.length >= HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT + 1) : past;
      history.setState({ pastStates: [...trimmed, { workflow: before }], futureStates: [] });
    },
    get dragging() {
      return preDrag !== null;
    },

    undo() {
      if (preDrag) doc.endDrag();
      lastCoalesce = null;
      history.getState().undo();
    },
    redo() {
      if (preDrag) doc.endDrag();
      lastCoalesce = null;
      history.getState().redo();
    },
    canUndo: () => history.getState().pastStates.length > 0,
    canRedo: () => history.getState().futureStates.length > 0,
  };
  return doc;
}
