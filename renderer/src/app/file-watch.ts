// Notices when another program (git, a sync tool, an editor) changes or removes the open file:
// asks the backend on window focus and every few seconds while the page is visible. A clean
// document is reloaded; unsaved changes pause autosave and ask once per new version on disk; a
// missing file shows a banner. Kept free of React and the DOM so it runs in tests with fake timers.
import { createStore } from 'zustand/vanilla';
import type { Api, Result } from '../../../shared/api/contract';
import { displayText } from '../../../shared/model/display-text';
import type { DocumentStore } from '../store/document';
import type { SessionStore } from '../store/session';
import type { UiStore } from '../store/ui';
import { baseName } from './files';

export const FILE_WATCH_MS = 5000;

export interface FileWatchDeps {
  api: Api;
  doc: DocumentStore;
  session: SessionStore;
  ui: UiStore;
  /** Loads the file from disk, replacing the document (no unsaved-changes question). */
  reload(path: string): Promise<boolean>;
  /** Stops a pending autosave (the document is in conflict now). */
  pauseAutosave(): void;
  intervalMs?: number;
}

export interface FileWatchState {
  /** The open file's path when the last check found it gone; null otherwise. */
  missing: string | null;
}

export type FileWatch = ReturnType<typeof createFileWatch>;

export function createFileWatch({ api, doc, session, ui, reload, pauseAutosave, intervalMs = FILE_WATCH_MS }: FileWatchDeps) {
  const store = createStore<FileWatchState>()(() => ({ missing: null }));
  /** Counts saves started, so an answer overtaken by a save is dropped (the save knows better). */
  let saves = 0;
  let checking = false;
  /** The disk mtime already asked about (or reloaded): each new version is handled once. */
  let handled: { path: string; mtimeMs: number | null } | null = null;
  /** Autosave was paused because the file was missing; resumed if it comes back unchanged. */
  let pausedForMissing = false;
  let timer: ReturnType<typeof setInterval> | null = null;

  session.store.subscribe((s, prev) => {
    if (s.status === 'saving' && prev.status !== 'saving') saves++;
    // Another document, or the file written again: what was seen about the old one no longer holds.
    if (s.generation !== prev.generation || s.path !== prev.path || (s.mtimeMs !== prev.mtimeMs && s.status !== 'saving')) {
      if (store.getState().missing !== null) store.setState({ missing: null });
      if (s.generation !== prev.generation || s.path !== prev.path) {
        handled = null;
        pausedForMissing = false;
      }
    }
    if (!s.conflict) pausedForMissing = false;
    // The conflict was settled (saved, overwritten): versions asked about before no longer matter.
    if (prev.conflict && !s.conflict) handled = null;
  });

  async function check(): Promise<void> {
    const s = session.state;
    const path = s.path;
    // Not while a save runs (its answer is newer) or while a dialog waits for the user.
    if (!path || !doc.workflow || s.status === 'saving' || checking || ui.state.dialog) return;
    const sent = { saves, generation: s.generation, mtimeMs: s.mtimeMs };
    checking = true;
    let answer: Result<'workflow.stat'>;
    try {
      answer = await api['workflow.stat']({ path, expectedMtimeMs: s.mtimeMs });
    } catch {
      // A check that fails (backend busy, path refused) says nothing about the file; try again later.
      return;
    } finally {
      checking = false;
    }
    const now = session.state;
    if (saves !== sent.saves || now.status === 'saving' || now.generation !== sent.generation || now.path !== path || now.mtimeMs !== sent.mtimeMs) return;
    // A dialog opened meanwhile: never replace it; the next check brings the news again.
    if (ui.state.dialog) return;
    await handle(path, answer);
  }

  async function handle(path: string, answer: Result<'workflow.stat'>): Promise<void> {
    if (!answer.exists) {
      if (store.getState().missing !== path) store.setState({ missing: path });
      // Autosave would silently write the file back where it was, even if it was moved on purpose.
      if (!session.state.conflict) {
        session.setConflict(true);
        pauseAutosave();
        pausedForMissing = true;
      }
      return;
    }
    if (store.getState().missing !== null) store.setState({ missing: null });
    if (!answer.changed) {
      if (pausedForMissing) {
        pausedForMissing = false;
        session.setConflict(false);
      }
      // Same bytes under a new mtime (a touch, a sync tool): take the new mtime, say nothing.
      if (answer.mtimeMs !== null && answer.mtimeMs !== session.state.mtimeMs) session.setMtime(answer.mtimeMs);
      return;
    }
    if (handled && handled.path === path && handled.mtimeMs === answer.mtimeMs) return;
    // Already in conflict (a refused save, a restore over a changed file): the next save asks about
    // this version anyway; only a newer one after that is worth a question.
    const alreadyKnown = session.state.conflict && !pausedForMissing && handled === null;
    handled = { path, mtimeMs: answer.mtimeMs };
    const file = baseName(path);
    if (!session.state.dirty) {
      if (await reload(path)) {
        const name = displayText(doc.workflow?.name ?? '', 80, file);
        ui.toast('info', `Reloaded ${name}: it was changed by another program`);
      }
      return;
    }
    if (alreadyKnown) return;
    pausedForMissing = false;
    session.setConflict(true);
    pauseAutosave();
    const choice = await ui.ask({ kind: 'fileChanged', path });
    // "Keep mine": the conflict stays set, so autosave stays off and the next save asks before it overwrites.
    if (choice === 'reload' && session.state.path === path) await reload(path);
  }

  return {
    store,
    check,
    /** Checks every few seconds while `isVisible()`; idempotent. */
    start(isVisible: () => boolean = () => true) {
      if (timer === null) timer = setInterval(() => isVisible() && void check(), intervalMs);
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
