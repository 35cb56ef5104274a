// "Compare with a log": the log the user chose, the comparison with the workflow on the canvas (run in
// a Web Worker, see analyzer.ts), the case picked in the table, and the two edits it offers — the
// activity mapping and "Calibrate simulation", each one undo step. The comparison follows the
// document: an edit (a mapping changed, a step added, an undo) compares the same log again.
import { createStore } from 'zustand/vanilla';
import { calibrateSimulation, mapActivity } from '../../../shared/model/edits/conformance';
import type { Workflow } from '../../../shared/model/schema';
import { errorText, thousands } from '../../../shared/text';
import type { DocumentStore } from '../store/document';
import type { SessionStore } from '../store/session';
import type { UiStore } from '../store/ui';
import type { Analyze } from './analyzer';
import { MAX_LOG_BYTES } from './limits';
import type { ColumnsNeeded, LogColumns, LogView } from './log-view';

export type LogStatus = 'empty' | 'reading' | 'columns' | 'ready' | 'failed';

export interface LogState {
  status: LogStatus;
  fileName: string | null;
  /** The comparison shown (kept while a new one is worked out after an edit). */
  view: LogView | null;
  /** A CSV log whose columns the user must name. */
  columnsNeeded: ColumnsNeeded | null;
  error: string | null;
  /** Whether comparing again could help (the failure came from the comparison, not from the file). */
  retryable: boolean;
  /** A comparison is being worked out. */
  busy: boolean;
  /** The document changed since `view` was worked out (a new comparison follows). */
  stale: boolean;
  /** Whether the canvas shows the comparison. */
  overlay: boolean;
  /** The case whose path the canvas shows. */
  selectedCase: string | null;
  /** File → Compare with a Log… asked for the file chooser; the panel opens it (mounted or not yet) and takes the request. */
  pickPending: boolean;
}

const INITIAL: LogState = {
  status: 'empty',
  fileName: null,
  view: null,
  columnsNeeded: null,
  error: null,
  retryable: false,
  busy: false,
  stale: false,
  overlay: true,
  selectedCase: null,
  pickPending: false,
};

/** How long the comparison waits after an edit before it runs again (typing in a label is many edits). */
export const RECOMPARE_MS = 400;

export interface LogStoreDeps {
  doc: DocumentStore;
  session: SessionStore;
  ui: UiStore;
  analyze: Analyze;
  /** Shows the Run tab's log panel. */
  showPanel(): void;
  /** Scrolls a step into view. */
  reveal(nodeId: string): void;
  /** The clock (tests move it by hand). */
  schedule?: (fn: () => void, ms: number) => unknown;
  unschedule?: (handle: unknown) => void;
}

export type LogStore = ReturnType<typeof createLogStore>;

export function createLogStore({ doc, session, ui, analyze, showPanel, reveal, schedule = setTimeout, unschedule = (h) => clearTimeout(h as ReturnType<typeof setTimeout>) }: LogStoreDeps) {
  const store = createStore<LogState>()(() => INITIAL);
  const get = store.getState;
  /** The log's text stays out of the state: nothing renders it. */
  let text: string | null = null;
  let columns: LogColumns = {};
  let sequence = 0;
  let analyzed: Workflow | null = null;
  let timer: unknown = null;

  const cancelTimer = () => {
    if (timer !== null) unschedule(timer);
    timer = null;
  };

  async function compare(): Promise<void> {
    cancelTimer();
    const workflow = doc.store.getState().settled;
    if (text === null || !workflow) return;
    const fileName = get().fileName ?? 'log';
    const mine = ++sequence;
    store.setState({ busy: true });
    try {
      const analysis = await analyze(workflow, text, fileName, columns);
      if (mine !== sequence) return;
      if (analysis.kind === 'columns') {
        analyzed = null;
        store.setState({ status: 'columns', columnsNeeded: analysis.columns, view: null, error: null, busy: false, stale: false, selectedCase: null });
        return;
      }
      analyzed = workflow;
      const view = analysis.view;
      const selectedCase = get().selectedCase;
      const stillThere = selectedCase !== null && view.casePaths[selectedCase] !== undefined;
      const stale = doc.store.getState().settled !== workflow;
      store.setState({ status: 'ready', view, columnsNeeded: null, error: null, busy: false, stale, selectedCase: stillThere ? selectedCase : null });
      // The document changed while this one was worked out: compare again.
      if (stale) timer = schedule(() => void compare(), RECOMPARE_MS);
    } catch (e) {
      if (mine !== sequence) return;
      analyzed = null;
      store.setState({ status: 'failed', error: errorText(e), retryable: true, view: null, busy: false, stale: false, selectedCase: null });
    }
  }

  // The comparison follows the document; another document (open, new, close) forgets the log.
  doc.store.subscribe((s, prev) => {
    if (s.settled === prev.settled || text === null) return;
    if (!s.settled) {
      reset();
      return;
    }
    if (get().status !== 'ready' && get().status !== 'failed') return;
    store.setState({ stale: s.settled !== analyzed });
    cancelTimer();
    timer = schedule(() => void compare(), RECOMPARE_MS);
  });
  session.store.subscribe((s, prev) => {
    if (s.generation !== prev.generation) reset();
  });

  function reset() {
    cancelTimer();
    sequence++;
    text = null;
    columns = {};
    analyzed = null;
    store.setState({ ...INITIAL, overlay: get().overlay, pickPending: get().pickPending });
  }

  return {
    store,
    get state() {
      return get();
    },
    /** Shows the panel and asks it to open the file chooser (File → Compare with a Log…). */
    requestPick() {
      showPanel();
      store.setState({ pickPending: true });
    },
    /** Takes the pending request for the file chooser: true once per request. */
    takePick(): boolean {
      if (!get().pickPending) return false;
      store.setState({ pickPending: false });
      return true;
    },
    /** Reads a file the user chose and compares it; a file too large or unreadable says why. */
    async openFile(file: { name: string; size: number; text(): Promise<string> }) {
      // The log shown so far goes, whatever comes of this one.
      cancelTimer();
      sequence++;
      text = null;
      analyzed = null;
      if (file.size > MAX_LOG_BYTES) {
        store.setState({ status: 'failed', fileName: file.name, error: `"${file.name}" is ${thousands(Math.round(file.size / 1024 / 1024))} MB; Flowgate reads logs up to ${MAX_LOG_BYTES / 1024 / 1024} MB. Export a shorter period, or compare it with \`flowgate conform\` on the command line.`, retryable: false, view: null });
        return;
      }
      store.setState({ status: 'reading', fileName: file.name, error: null, view: null, columnsNeeded: null, selectedCase: null, stale: false });
      let content: string;
      try {
        content = await file.text();
      } catch (e) {
        store.setState({ status: 'failed', error: `"${file.name}" could not be read: ${errorText(e)}`, retryable: false });
        return;
      }
      await this.load(file.name, content);
    },
    /** Compares a log given as text (a chosen file's content). */
    async load(fileName: string, content: string, named: LogColumns = {}) {
      text = content;
      columns = named;
      store.setState({ status: 'reading', fileName, error: null, view: null, columnsNeeded: null, selectedCase: null, stale: false });
      await compare();
    },
    /** The columns the user named for a CSV log Flowgate could not read by itself. */
    async setColumns(named: LogColumns) {
      columns = named;
      store.setState({ status: 'reading', columnsNeeded: null });
      await compare();
    },
    /** Maps an activity to a step, or back to automatic (null): one undo step; the comparison follows. */
    mapActivity(activity: string, nodeId: string | null) {
      const workflow = doc.workflow;
      if (workflow) doc.commit(mapActivity(workflow, activity, nodeId));
    },
    /**
     * Writes the log's numbers into the simulation section (one undo step), so batches follow the log.
     * Refused while the comparison is older than the document. Answers what was written, in words.
     */
    calibrate(): string | null {
      const { view, stale, busy } = get();
      const workflow = doc.workflow;
      if (!view || stale || busy || !workflow || workflow !== analyzed) return null;
      let next: Workflow;
      try {
        next = calibrateSimulation(workflow, view.calibration);
      } catch (e) {
        ui.toast('error', `The simulation could not be calibrated: ${errorText(e)}`);
        return null;
      }
      const said = calibrationSummary(view);
      if (next === workflow) {
        ui.toast('info', 'The simulation already has these numbers from the log.');
        return said;
      }
      doc.commit(next);
      ui.toast('ok', `Batches now follow ${view.fileName}: ${said}.`);
      return said;
    },
    /** Shows a case's path on the canvas (selecting its steps and links), or none. */
    selectCase(caseId: string | null) {
      const path = caseId === null ? undefined : get().view?.casePaths[caseId];
      store.setState({ selectedCase: path ? caseId : null, overlay: path ? true : get().overlay });
      if (!path) return;
      ui.select(path.nodes, path.edges);
      if (path.firstDeviation) reveal(path.firstDeviation);
    },
    setOverlay(overlay: boolean) {
      store.setState({ overlay });
    },
    /** Forgets the log. */
    close: reset,
    /** Compares again now (a comparison that failed, after the user fixed the file's cause elsewhere). */
    retry: () => compare(),
  };
}

/** What calibrating writes, in words: "outputs of 6 steps, times of 9 steps and 1 reviewer profile". */
export function calibrationSummary(view: Pick<LogView, 'calibration'>): string {
  const c = view.calibration;
  const parts: string[] = [];
  const steps = (n: number) => `${thousands(n)} ${n === 1 ? 'step' : 'steps'}`;
  const handles = Object.keys(c.handles).length;
  const durations = Object.keys(c.durations).length;
  const reviewers = Object.keys(c.reviewers).length;
  if (handles) parts.push(`outputs of ${steps(handles)}`);
  if (durations) parts.push(`times of ${steps(durations)}`);
  if (reviewers) parts.push(`${thousands(reviewers)} reviewer ${reviewers === 1 ? 'profile' : 'profiles'}`);
  if (!parts.length) return 'nothing the log could say';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
