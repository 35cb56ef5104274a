// View state that is not part of the document and never undone: selection, panels, theme,
// dialogs, toasts and the canvas's refusal banner.
import { createStore } from 'zustand/vanilla';
import { SEVERITIES, type Severity } from '../../../shared/analysis/types';
import type { ReadinessTarget } from '../../../shared/readiness/types';
import type { QuickFindChoice } from '../quick-find/types';
import type { Theme } from './theme';

export type PanelTab = 'inspector' | 'connections' | 'properties' | 'simulation';
export type ToastTone = 'info' | 'ok' | 'warn' | 'error';

export interface Toast {
  id: number;
  tone: ToastTone;
  text: string;
}

export type UnsavedChoice = 'save' | 'discard' | 'cancel';
export type ConflictChoice = 'overwrite' | 'reopen' | 'keep';
/** Crash recovery at start: restore or discard one entry (by key), or decide later (null). */
export type RestoreChoice = { action: 'restore' | 'discard'; key: string } | null;
export type RestoreEntry = { key: string; name: string; path: string | null; updatedAt: string };

/** The one modal dialog that can be open; each resolves the promise its opener awaits. */
export type Dialog =
  | { kind: 'saveAs'; suggested: string; resolve(name: string | null): void }
  | { kind: 'open'; resolve(path: string | null): void }
  | { kind: 'unsaved'; name: string; action: string; resolve(choice: UnsavedChoice): void }
  | { kind: 'conflict'; path: string; resolve(choice: ConflictChoice): void }
  /** A file that is not a workflow Flowgate can open: what it is (`lead`), then the details and where. */
  | { kind: 'importError'; fileName: string; lead: string; detail: string | null; path: string; resolve(v: null): void }
  | { kind: 'settings'; resolve(v: null): void }
  | { kind: 'shortcuts'; resolve(v: null): void }
  | { kind: 'restore'; entries: RestoreEntry[]; resolve(choice: RestoreChoice): void }
  | { kind: 'fileChanged'; path: string; resolve(choice: 'reload' | 'keep'): void }
  | { kind: 'notFound'; path: string; resolve(choice: 'remove' | 'keep'): void }
  | { kind: 'rule'; ruleId: string; resolve(v: null): void }
  /** The readiness checklists; answers the place an open item is fixed when its link is clicked. */
  | { kind: 'readiness'; resolve(target: ReadinessTarget | null): void }
  /** Draft from a description (renderer/src/drafting). */
  | { kind: 'draft'; resolve(v: null): void }
  /** Export to another engine (renderer/src/export); answers a step to show when a warning's link is clicked. */
  | { kind: 'engineExport'; target: string; resolve(nodeId: string | null): void }
  /** Quick find (renderer/src/quick-find): answers the step, kind or command chosen. */
  | { kind: 'quickFind'; resolve(choice: QuickFindChoice | null): void };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type DialogInput = DistributiveOmit<Dialog, 'resolve'>;
type DialogResult<K extends Dialog['kind']> = Parameters<Extract<Dialog, { kind: K }>['resolve']>[0];

/** What a dialog answers when it is dismissed (Escape, close button, replaced by another). */
const DISMISSED: { [K in Dialog['kind']]: DialogResult<K> } = {
  saveAs: null,
  open: null,
  unsaved: 'cancel',
  conflict: 'keep',
  importError: null,
  settings: null,
  shortcuts: null,
  restore: null,
  fileChanged: 'keep',
  notFound: 'keep',
  rule: null,
  readiness: null,
  draft: null,
  engineExport: null,
  quickFind: null,
};

export interface UiState {
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  tab: PanelTab;
  focusConnectionId: string | null;
  minimap: boolean;
  theme: Theme;
  dialog: Dialog | null;
  toasts: Toast[];
  /** The Problems panel (below the canvas): open or folded to its header, its height, its filter. */
  problems: { open: boolean; height: number; text: string; severities: ReadonlySet<Severity> };
  /** Why the last connection attempt was refused; shown by the canvas. */
  refusal: { text: string; id: number } | null;
  zoom: number;
}

export type UiStore = ReturnType<typeof createUiStore>;

const EMPTY_SET: ReadonlySet<string> = new Set();
/** The Problems panel's height when first opened, in pixels. */
export const PROBLEMS_HEIGHT = 240;
/** How long the "connection refused" banner stays when nothing else dismisses it. */
export const REFUSAL_MS = 6000;

export function createUiStore() {
  const store = createStore<UiState>()(() => ({
    selectedNodes: EMPTY_SET,
    selectedEdges: EMPTY_SET,
    tab: 'properties',
    focusConnectionId: null,
    minimap: true,
    theme: 'system',
    dialog: null,
    toasts: [],
    problems: { open: false, height: PROBLEMS_HEIGHT, text: '', severities: new Set(SEVERITIES) },
    refusal: null,
    zoom: 1,
  }));
  let seq = 0;
  let refusalTimer: ReturnType<typeof setTimeout> | null = null;

  const ui = {
    store,
    get state() {
      return store.getState();
    },

    select(nodes: Iterable<string>, edges: Iterable<string> = []) {
      const selectedNodes = new Set(nodes);
      const selectedEdges = new Set(edges);
      const s = store.getState();
      if (sameSet(s.selectedNodes, selectedNodes) && sameSet(s.selectedEdges, selectedEdges)) return;
      // The Simulation tab stays open while steps are clicked: the replay and the approval prompt stay in view.
      const opensInspector = selectedNodes.size + selectedEdges.size > 0 && s.tab !== 'simulation';
      store.setState({ selectedNodes, selectedEdges, ...(opensInspector ? { tab: 'inspector' as const } : {}) });
      // The user has moved on: a refusal about the last drag no longer needs saying.
      if (s.refusal) ui.clearRefusal();
    },
    /** Applies React Flow's per-element select changes as one update. */
    applySelectChanges(kind: 'nodes' | 'edges', changes: { id: string; selected: boolean }[]) {
      if (!changes.length) return;
      const s = store.getState();
      const next = new Set(kind === 'nodes' ? s.selectedNodes : s.selectedEdges);
      for (const c of changes) {
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      }
      if (kind === 'nodes') ui.select(next, s.selectedEdges);
      else ui.select(s.selectedNodes, next);
    },
    clearSelection() {
      ui.select([], []);
    },

    setTab(tab: PanelTab) {
      store.setState({ tab, ...(tab !== 'connections' ? { focusConnectionId: null } : {}) });
    },
    focusConnection(id: string) {
      store.setState({ tab: 'connections', focusConnectionId: id });
    },
    setProblems(patch: Partial<UiState['problems']>) {
      store.setState({ problems: { ...store.getState().problems, ...patch } });
    },
    toggleMinimap() {
      store.setState({ minimap: !store.getState().minimap });
    },
    setTheme(theme: Theme) {
      store.setState({ theme });
    },
    setZoom(zoom: number) {
      if (Math.abs(zoom - store.getState().zoom) > 0.001) store.setState({ zoom });
    },

    /** Opens a dialog and waits for its answer. A dialog already open is dismissed first. */
    ask<K extends Dialog['kind']>(spec: Extract<DialogInput, { kind: K }>): Promise<DialogResult<K>> {
      ui.dismissDialog();
      return new Promise((resolve) => {
        const dialog = {
          ...spec,
          resolve: (v: DialogResult<K>) => {
            if (store.getState().dialog === dialog) store.setState({ dialog: null });
            resolve(v);
          },
        } as unknown as Dialog;
        store.setState({ dialog });
      });
    },
    dismissDialog() {
      const d = store.getState().dialog;
      if (!d) return;
      (d.resolve as (v: unknown) => void)(DISMISSED[d.kind]);
      store.setState({ dialog: null });
    },

    toast(tone: ToastTone, text: string) {
      const id = ++seq;
      store.setState({ toasts: [...store.getState().toasts.slice(-4), { id, tone, text }] });
      return id;
    },
    dismissToast(id: number) {
      store.setState({ toasts: store.getState().toasts.filter((t) => t.id !== id) });
    },
    /** Says why a connection was refused, until the next refusal, a successful link, a new selection or REFUSAL_MS. */
    refuse(text: string) {
      if (refusalTimer !== null) clearTimeout(refusalTimer);
      const id = ++seq;
      store.setState({ refusal: { text, id } });
      refusalTimer = setTimeout(() => {
        refusalTimer = null;
        if (store.getState().refusal?.id === id) store.setState({ refusal: null });
      }, REFUSAL_MS);
    },
    clearRefusal() {
      if (refusalTimer !== null) clearTimeout(refusalTimer);
      refusalTimer = null;
      if (store.getState().refusal) store.setState({ refusal: null });
    },
  };
  return ui;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>) {
  if (a.size !== b.size) return false;
  for (const v of a) if (!b.has(v)) return false;
  return true;
}
