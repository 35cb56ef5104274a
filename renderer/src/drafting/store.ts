// "Draft from a description…": the dialog's state (the description typed, the model in use, the
// draft running in the backend and its rounds), followed every 300 ms through draft.progress until
// it finishes or is cancelled, as batches are. A finished draft opens as a new, unsaved workflow
// (through `open`, which asks about unsaved changes first), and its summary stays with it (`notes`)
// until another document is shown or the user closes it.
import { createStore } from 'zustand/vanilla';
import { ApiError, type Api, type Result } from '../../../shared/api/contract';
import type { DraftProblem } from '../../../shared/drafting/problems';
import type { DraftProgress, DraftResult } from '../../../shared/drafting/result';
import type { SessionStore } from '../store/session';
import type { UiStore } from '../store/ui';

/** How often a running draft is asked for its progress. */
export const POLL_MS = 300;

type AiView = Result<'ai.getSettings'>;

/** The model drafts go to, as the dialog shows it; `null` while Settings → AI choose none. */
export interface DraftModelInfo {
  name: string;
  host: string;
  local: boolean;
}

export type DraftPhase = 'idle' | 'starting' | 'running' | 'cancelling' | 'failed' | 'cancelled' | 'ready';

export interface DraftingState {
  description: string;
  /** Undefined until the AI settings were read; null when no model is set up. */
  model: DraftModelInfo | null | undefined;
  phase: DraftPhase;
  draftId: string | null;
  progress: DraftProgress | null;
  /** Why the draft failed or could not start. */
  error: string | null;
  /** The error is that no model is set up: the dialog offers Settings. */
  needsSetup: boolean;
  /** The last reply's problems, when no usable draft came back. */
  problems: DraftProblem[];
  /** A finished draft not opened yet (the user kept the open document). */
  result: DraftResult | null;
  /** The summary shown with the opened draft, for the session generation it was opened in. */
  notes: { generation: number; result: DraftResult; model: string } | null;
}

export interface DraftingDeps {
  api: Api;
  ui: UiStore;
  session: SessionStore;
  /** Shows the draft as a new, unsaved workflow; false when the user kept what was open. */
  open(result: DraftResult): Promise<boolean>;
  schedule?: (fn: () => void, ms: number) => unknown;
  unschedule?: (handle: unknown) => void;
}

export type DraftingStore = ReturnType<typeof createDrafting>;

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** The model of Settings → AI that drafts would go to, or null while none is set up. */
export function modelOf(view: AiView): DraftModelInfo | null {
  if (view.provider !== 'openai-compatible' || !view.model.trim()) return null;
  return { name: view.model.trim(), host: hostOf(view.baseUrl), local: view.baseUrlIsLocal };
}

export function createDrafting(deps: DraftingDeps) {
  const { api, ui, session } = deps;
  const schedule = deps.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  const unschedule = deps.unschedule ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const store = createStore<DraftingState>()(() => ({
    description: '',
    model: undefined,
    phase: 'idle',
    draftId: null,
    progress: null,
    error: null,
    needsSetup: false,
    problems: [],
    result: null,
    notes: null,
  }));
  const get = () => store.getState();
  const running = () => ['starting', 'running', 'cancelling'].includes(get().phase);
  let timer: unknown = null;
  /** Bumped for each draft started, so answers about an earlier one are dropped. */
  let epoch = 0;

  async function readModel(): Promise<void> {
    try {
      store.setState({ model: modelOf(await api['ai.getSettings']({})) });
    } catch (e) {
      store.setState({ model: null, error: `The AI settings could not be read: ${(e as Error).message}` });
    }
  }

  /** Shows the dialog (reading which model is in use) and waits until it is closed. */
  async function openDialog(): Promise<void> {
    if (!running()) {
      // A draft that failed or was cancelled is behind us; a finished one waits to be opened.
      if (get().phase !== 'ready') store.setState({ phase: 'idle', error: null, needsSetup: false, problems: [], progress: null });
      store.setState({ model: undefined });
      void readModel();
    }
    await ui.ask({ kind: 'draft' });
    // Escape or the close button while a draft runs means: stop it.
    if (running()) await cancel();
  }

  /** Settings → AI from the dialog; the dialog comes back afterwards, with the text kept. */
  async function openSettings(): Promise<void> {
    await ui.ask({ kind: 'settings' });
    void openDialog();
  }

  function setDescription(description: string) {
    store.setState({ description });
  }

  async function start(): Promise<boolean> {
    const description = get().description.trim();
    if (!description || running()) return false;
    const mine = ++epoch;
    store.setState({ phase: 'starting', error: null, needsSetup: false, problems: [], progress: null, result: null, draftId: null });
    try {
      const started = await api['draft.start']({ description });
      if (mine !== epoch) return false;
      store.setState({ phase: 'running', draftId: started.draftId, model: { name: started.model, host: started.host, local: started.local } });
      timer = schedule(() => void poll(started.draftId, mine), POLL_MS);
      return true;
    } catch (e) {
      if (mine !== epoch) return false;
      const needsSetup = e instanceof ApiError && e.code === 'unavailable';
      store.setState({ phase: 'failed', error: (e as Error).message, needsSetup });
      if (needsSetup) store.setState({ model: null });
      return false;
    }
  }

  async function poll(draftId: string, mine: number): Promise<void> {
    timer = null;
    let p: Result<'draft.progress'>;
    try {
      p = await api['draft.progress']({ draftId });
    } catch (e) {
      if (mine === epoch) store.setState({ phase: 'failed', error: `Flowgate lost track of the draft: ${(e as Error).message}` });
      return;
    }
    if (mine !== epoch) return;
    store.setState({ progress: p.progress });
    if (!p.finished) {
      timer = schedule(() => void poll(draftId, mine), POLL_MS);
      return;
    }
    if (p.state === 'done' && p.result) {
      store.setState({ phase: 'ready', result: p.result });
      await openResult();
      return;
    }
    const failure = p.failure;
    store.setState({
      phase: p.state === 'cancelled' ? 'cancelled' : 'failed',
      error: p.state === 'cancelled' ? null : (failure?.message ?? 'Drafting failed.'),
      problems: failure?.problems ?? [],
    });
  }

  /** Opens the finished draft; when the user keeps the open document instead, the dialog comes back with it. */
  async function openResult(): Promise<void> {
    const result = get().result;
    if (!result) return;
    const model = get().model?.name ?? 'the model';
    if (!(await deps.open(result))) {
      void openDialog();
      return;
    }
    store.setState({ phase: 'idle', result: null, progress: null, description: '', draftId: null, notes: { generation: session.state.generation, result, model } });
    if (ui.state.dialog?.kind === 'draft') ui.dismissDialog();
    if (result.counts.error + result.counts.warn > 0) ui.setProblems({ open: true });
  }

  async function cancel(): Promise<void> {
    const { draftId, phase } = get();
    if (phase === 'starting') {
      // Nothing to stop in the backend yet: forget the answer when it comes.
      epoch++;
      store.setState({ phase: 'cancelled' });
      return;
    }
    if (phase !== 'running' || !draftId) return;
    store.setState({ phase: 'cancelling' });
    try {
      await api['draft.cancel']({ draftId });
    } catch {
      // Gone already (finished, or the app restarted): the next poll says what happened.
    }
  }

  function closeNotes() {
    store.setState({ notes: null });
  }

  /** Stops following a draft (the app is closing or tests end). */
  function dispose() {
    epoch++;
    if (timer !== null) unschedule(timer);
    timer = null;
  }

  return {
    store,
    get state() {
      return get();
    },
    openDialog,
    openSettings,
    setDescription,
    start,
    cancel,
    openResult,
    closeNotes,
    dispose,
  };
}
