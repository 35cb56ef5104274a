// What the open document is on disk: its path, the mtime we last saw, and the version last saved
// (or opened). Dirty means the document differs from that version; undoing back to it is clean
// again, because undo restores the very same object.
import { createStore } from 'zustand/vanilla';
import type { Workflow } from '../../../shared/model/schema';
import type { DocumentStore } from './document';

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'error';

export interface SessionState {
  /** File path; null for a workflow that was never saved (new, template, import). */
  path: string | null;
  mtimeMs: number | null;
  /** The document as last saved or opened. */
  saved: Workflow | null;
  dirty: boolean;
  /** Autosave / save progress. */
  status: SaveStatus;
  /** Why the last save failed, shown in the status bar. */
  error: string | null;
  /** Autosave stays off after a conflict until the user has chosen what to do. */
  conflict: boolean;
  /** Counts opened documents, so views that belong to one document (the canvas) start afresh. */
  generation: number;
}

export type SessionStore = ReturnType<typeof createSessionStore>;

const EMPTY: Omit<SessionState, 'generation'> = { path: null, mtimeMs: null, saved: null, dirty: false, status: 'idle', error: null, conflict: false };

export function createSessionStore(doc: DocumentStore) {
  const store = createStore<SessionState>()(() => ({ ...EMPTY, generation: 0 }));
  const dirtyOf = (saved: Workflow | null) => doc.workflow !== null && doc.workflow !== saved;

  doc.store.subscribe((s, prev) => {
    if (s.workflow === prev.workflow) return;
    const dirty = dirtyOf(store.getState().saved);
    if (dirty !== store.getState().dirty) store.setState({ dirty });
  });

  return {
    store,
    get state() {
      return store.getState();
    },
    /**
     * A document was opened or created: `saved` is what it looked like at that moment. `unsaved`:
     * restored from the crash-recovery journal, so it differs from any saved version.
     */
    opened(workflow: Workflow | null, path: string | null, mtimeMs: number | null, unsaved = false) {
      const restored = unsaved && workflow !== null;
      store.setState({ ...EMPTY, path, mtimeMs, saved: restored ? null : workflow, dirty: restored, generation: store.getState().generation + 1 });
    },
    /** `workflow` was written to `path`; the document may have changed meanwhile. */
    saved(workflow: Workflow, path: string, mtimeMs: number) {
      store.setState({ path, mtimeMs, saved: workflow, dirty: dirtyOf(workflow), status: 'idle', error: null, conflict: false });
    },
    setStatus(status: SaveStatus, error: string | null = null) {
      store.setState({ status, error });
    },
    setConflict(conflict: boolean) {
      store.setState({ conflict });
    },
    /** The file on disk holds the same bytes under a new mtime (a touch, a sync tool). */
    setMtime(mtimeMs: number) {
      store.setState({ mtimeMs });
    },
  };
}
