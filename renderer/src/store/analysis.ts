// The analysis of the open document, kept up to date without slowing down typing or dragging:
// it follows the document's `settled` version (which stays put during a node drag), waits until
// edits pause (DEBOUNCE_MS, but never longer than MAX_WAIT_MS while typing goes on), skips edits
// that only move steps (positions do not affect findings), and remembers results by document
// identity, so undo and redo show theirs at once.
//
// A large document just opened (more than AWAY_FROM steps) is analysed first somewhere else (a Web
// Worker: ../analysis/worker-analysis.ts, sent once the page is idle) so that its first view and the
// first click do not wait for it; meanwhile the state says `checking`. When the answer comes (and the
// document changed at most in positions), it is shown, and the incremental analyzer is seeded with a
// full analysis of the same document when the page is idle, so that later edits are analysed
// incrementally in the page as ever.
import { createStore } from 'zustand/vanilla';
import { createIncrementalAnalyzer } from '../../../shared/analysis/incremental';
import type { AnalysisResult, AnalyzeOptions } from '../../../shared/analysis/types';
import type { Workflow } from '../../../shared/model/schema';
import { buildFindingIndex, EMPTY_INDEX, type FindingIndex } from '../analysis/findingIndex';
import type { DocumentStore } from './document';

export const DEBOUNCE_MS = 150;
export const MAX_WAIT_MS = 1000;
/** Above this many steps, an opened document's first analysis is done away from the page (when it can be). */
export const AWAY_FROM = 1000;

export interface AnalysisState {
  result: AnalysisResult;
  index: FindingIndex;
  /**
   * The document the result was computed from. Views that only read (the Problems panel's names
   * and fix titles) use it, so they redraw when the result changes, not on every keystroke; edits
   * always start from the current document instead.
   */
  workflow: Workflow | null;
  /** The document's first analysis is under way elsewhere: `result` describes nothing yet. */
  checking: boolean;
}

export type AnalysisStore = ReturnType<typeof createAnalysisStore>;

export const EMPTY_RESULT: AnalysisResult = { findings: [], suppressed: [], counts: { error: 0, warn: 0, info: 0, suppressed: 0 } };

/** True when `b` differs from `a` at most in the steps' positions. */
export function onlyPositionsDiffer(a: Workflow, b: Workflow): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k !== 'nodes' && (a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  }
  if (a.nodes === b.nodes) return true;
  if (a.nodes.length !== b.nodes.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i] as Record<string, unknown>;
    const y = b.nodes[i] as Record<string, unknown>;
    if (x === y) continue;
    const nodeKeys = Object.keys(x);
    if (nodeKeys.length !== Object.keys(y).length) return false;
    for (const k of nodeKeys) if (k !== 'position' && x[k] !== y[k]) return false;
  }
  return true;
}

export interface AnalysisStoreOptions {
  delayMs?: number;
  maxWaitMs?: number;
  /** Options for analyze() (e.g. a local AI provider); read at each run. */
  analyzeOptions?: () => AnalyzeOptions;
  /** analyze() away from the page (a Web Worker); absent: every analysis runs in the page. */
  analyzeAway?: (wf: Workflow, options: AnalyzeOptions) => Promise<AnalysisResult>;
  /**
   * Runs work when the page is idle, or after `timeoutMs` at the latest (default: requestIdleCallback
   * where the page has it, else a timer).
   */
  whenIdle?: (work: () => void, timeoutMs: number) => void;
}

function idle(work: () => void, timeoutMs: number) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: timeoutMs });
  else setTimeout(work, 0);
}

/** The document goes to the worker once the page is idle (its first view drawn), within this time. */
const SEND_WITHIN_MS = 1000;
/** The page's analyzer is seeded once the page is idle, within this time. */
const SEED_WITHIN_MS = 5000;

export function createAnalysisStore(doc: DocumentStore, opts: AnalysisStoreOptions = {}) {
  const delayMs = opts.delayMs ?? DEBOUNCE_MS;
  const maxWaitMs = opts.maxWaitMs ?? MAX_WAIT_MS;
  const store = createStore<AnalysisState>()(() => ({ result: EMPTY_RESULT, index: EMPTY_INDEX, workflow: null, checking: false }));
  let cache = new WeakMap<Workflow, AnalysisResult>();
  // Reruns only what an edit touched (shared/analysis/incremental.ts): a few milliseconds at 10,000 steps.
  const analyzer = createIncrementalAnalyzer();
  /** The document the current result describes (up to positions). */
  let current: Workflow | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let waitingSince: number | null = null;
  let runs = 0;
  /** The document last given to the page's analyzer: what it can analyse the next one from. */
  let seeded: Workflow | null = null;
  /** The analysis under way elsewhere: the document sent, and the one it will describe (moves since then). */
  let away: { sent: Workflow; describes: Workflow } | null = null;
  /** Changes with the analyze options (and on dispose): an answer asked before is not kept. */
  let generation = 0;
  const whenIdle = opts.whenIdle ?? idle;

  function publish(wf: Workflow | null, result: AnalysisResult) {
    current = wf;
    away = null;
    const prev = store.getState();
    if (prev.result === result && !prev.checking) return;
    store.setState({ result, index: wf ? buildFindingIndex(result, prev.index) : EMPTY_INDEX, workflow: wf, checking: false });
  }

  function analyzeHere(wf: Workflow): AnalysisResult {
    const result = analyzer.analyze(wf, opts.analyzeOptions?.() ?? {});
    seeded = wf;
    runs++;
    cache.set(wf, result);
    return result;
  }

  /** Sends the document away; true when it went (the page then shows `checking`). */
  function sendAway(wf: Workflow): boolean {
    const analyzeAway = opts.analyzeAway;
    if (!analyzeAway || wf.nodes.length <= AWAY_FROM || cache.has(wf)) return false;
    cancel();
    const asked = { sent: wf, describes: wf };
    const gen = generation;
    away = asked;
    current = null;
    store.setState({ result: EMPTY_RESULT, index: EMPTY_INDEX, workflow: null, checking: true });
    // Sent once the page is idle: on a busy machine the worker's work would otherwise share the
    // processor with drawing the first view.
    whenIdle(() => {
      if (gen !== generation || away !== asked) return;
      analyzeAway(wf, opts.analyzeOptions?.() ?? {}).then(
        (result) => {
          if (gen !== generation) return;
          cache.set(asked.sent, result);
          if (away !== asked) return; // an edit, or a flush, analysed in the page since
          if (doc.store.getState().settled !== asked.describes) return run();
          cache.set(asked.describes, result);
          publish(asked.describes, result);
          whenIdle(seed, SEED_WITHIN_MS);
        },
        () => {
          // The worker failed: analyse in the page, as for a small document.
          if (gen === generation && away === asked) run();
        },
      );
    }, SEND_WITHIN_MS);
    return true;
  }

  /** Gives the page's analyzer the document shown, so that the next edit is analysed from it. */
  function seed() {
    if (!current || seeded === current || away) return;
    const options = opts.analyzeOptions?.() ?? {};
    analyzer.analyze(current, options);
    seeded = current;
  }

  function cancel() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    waitingSince = null;
  }

  function run() {
    cancel();
    const wf = doc.store.getState().settled;
    if (!wf) return publish(null, EMPTY_RESULT);
    if (wf === current) return;
    publish(wf, cache.get(wf) ?? analyzeHere(wf));
  }

  function changed(wf: Workflow | null) {
    if (wf === current) {
      cancel();
      return;
    }
    if (!wf) {
      cancel();
      return publish(null, EMPTY_RESULT);
    }
    // Moving steps changes nothing the rules look at; the result stays, now describing `wf` (or the
    // answer awaited will).
    if (away && onlyPositionsDiffer(away.describes, wf)) {
      cancel();
      away.describes = wf;
      return;
    }
    if (current && onlyPositionsDiffer(current, wf)) {
      cancel();
      current = wf;
      cache.set(wf, store.getState().result);
      return;
    }
    // Undo and redo come back to documents already analysed.
    const known = cache.get(wf);
    if (known) {
      cancel();
      return publish(wf, known);
    }
    const now = Date.now();
    waitingSince ??= now;
    if (timer !== null) clearTimeout(timer);
    const wait = Math.max(0, Math.min(delayMs, waitingSince + maxWaitMs - now));
    timer = setTimeout(run, wait);
  }

  function flush() {
    if (timer !== null || doc.store.getState().settled !== current) run();
  }

  const unsubscribe = doc.store.subscribe((s, prev) => {
    if (s.settled !== prev.settled) changed(s.settled);
  });

  return {
    store,
    get state() {
      return store.getState();
    },
    /** Analyses again from scratch: the analyze options changed (Settings → AI), so remembered results are stale. */
    optionsChanged() {
      cache = new WeakMap();
      analyzer.reset();
      seeded = null;
      current = null;
      generation++;
      run();
    },
    /**
     * Analyses a document just opened: a large one away from the page when it can (the state says
     * `checking` until the answer), else at once like flush().
     */
    opened() {
      const wf = doc.store.getState().settled;
      if (wf && wf !== current && sendAway(wf)) return;
      flush();
    },
    /** Analyses the document now if an edit is waiting (after a quick fix, on opening a file). */
    flush,
    /** Whether an edit is waiting for the analysis. */
    get pending() {
      return timer !== null;
    },
    /** How many times analyze() actually ran (cache hits and skipped moves do not count). */
    get runs() {
      return runs;
    },
    /** Whether a document's first analysis is under way away from the page. */
    get checking() {
      return away !== null;
    },
    dispose() {
      cancel();
      generation++;
      away = null;
      unsubscribe();
    },
  };
}
