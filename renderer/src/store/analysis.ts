// The analysis of the open document, kept up to date without slowing down typing or dragging:
// it follows the document's `settled` version (which stays put during a node drag), waits until
// edits pause (DEBOUNCE_MS, but never longer than MAX_WAIT_MS while typing goes on), skips edits
// that only move steps (positions do not affect findings), and remembers results by document
// identity, so undo and redo show theirs at once.
import { createStore } from 'zustand/vanilla';
import { createIncrementalAnalyzer } from '../../../shared/analysis/incremental';
import type { AnalysisResult, AnalyzeOptions } from '../../../shared/analysis/types';
import type { Workflow } from '../../../shared/model/schema';
import { buildFindingIndex, EMPTY_INDEX, type FindingIndex } from '../analysis/findingIndex';
import type { DocumentStore } from './document';

export const DEBOUNCE_MS = 150;
export const MAX_WAIT_MS = 1000;

export interface AnalysisState {
  result: AnalysisResult;
  index: FindingIndex;
  /**
   * The document the result was computed from. Views that only read (the Problems panel's names
   * and fix titles) use it, so they redraw when the result changes, not on every keystroke; edits
   * always start from the current document instead.
   */
  workflow: Workflow | null;
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
}

export function createAnalysisStore(doc: DocumentStore, opts: AnalysisStoreOptions = {}) {
  const delayMs = opts.delayMs ?? DEBOUNCE_MS;
  const maxWaitMs = opts.maxWaitMs ?? MAX_WAIT_MS;
  const store = createStore<AnalysisState>()(() => ({ result: EMPTY_RESULT, index: EMPTY_INDEX, workflow: null }));
  let cache = new WeakMap<Workflow, AnalysisResult>();
  // Reruns only what an edit touched (shared/analysis/incremental.ts): a few milliseconds at 10,000 steps.
  const analyzer = createIncrementalAnalyzer();
  /** The document the current result describes (up to positions). */
  let current: Workflow | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let waitingSince: number | null = null;
  let runs = 0;

  function publish(wf: Workflow | null, result: AnalysisResult) {
    current = wf;
    const prev = store.getState();
    if (prev.result === result) return;
    store.setState({ result, index: wf ? buildFindingIndex(result, prev.index) : EMPTY_INDEX, workflow: wf });
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
    let result = cache.get(wf);
    if (!result) {
      result = analyzer.analyze(wf, opts.analyzeOptions?.() ?? {});
      runs++;
      cache.set(wf, result);
    }
    publish(wf, result);
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
    // Moving steps changes nothing the rules look at; the result stays, now describing `wf`.
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
      current = null;
      run();
    },
    /** Analyses the document now if an edit is waiting (after a quick fix, on opening a file). */
    flush() {
      if (timer !== null || doc.store.getState().settled !== current) run();
    },
    /** Whether an edit is waiting for the analysis. */
    get pending() {
      return timer !== null;
    },
    /** How many times analyze() actually ran (cache hits and skipped moves do not count). */
    get runs() {
      return runs;
    },
    dispose() {
      cancel();
      unsubscribe();
    },
  };
}
