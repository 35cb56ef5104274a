// The first analysis of a large document just opened runs away from the page (a Web Worker in the app,
// store/analysis.ts): meanwhile the store says `checking`; the answer is shown when it comes, equal to
// analyze()'s, and edits after it are analysed in the page (seeded on idle) and stay equal to analyze().
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import type { AnalysisResult, AnalyzeOptions } from '../../../shared/analysis/types';
import { moveNodes, removeElements } from '../../../shared/model/edits/graph';
import { setLabel } from '../../../shared/model/edits/node-config';
import { updateConnection } from '../../../shared/model/edits/connections';
import type { Workflow } from '../../../shared/model/schema';
import { AWAY_FROM, createAnalysisStore, DEBOUNCE_MS } from '../../../renderer/src/store/analysis';
import { createDocumentStore } from '../../../renderer/src/store/document';
import { generateWorkflow } from '../../fixtures/generate-workflow';
import { template } from './analysis-fixtures';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A generated workflow with findings of many rules, over AWAY_FROM steps. */
const large = (seed = 3): Workflow => generateWorkflow({ nodes: AWAY_FROM + 200, variant: 'flawed', seed });

/** Lets the promise callbacks waiting on a settled promise run. */
async function settle() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

interface Ask {
  wf: Workflow;
  options: AnalyzeOptions;
  answer(): Promise<void>;
  fail(): Promise<void>;
}

function setup(opts: { analyzeOptions?: () => AnalyzeOptions } = {}) {
  const asks: Ask[] = [];
  const idle: (() => void)[] = [];
  const doc = createDocumentStore();
  const analysis = createAnalysisStore(doc, {
    ...opts,
    analyzeAway: (wf, options) =>
      new Promise<AnalysisResult>((resolve, reject) => {
        asks.push({
          wf,
          options,
          // Through a structured clone, as a worker's answer arrives.
          answer: async () => (resolve(structuredClone(analyze(wf, options))), settle()),
          fail: async () => (reject(new Error('no worker')), settle()),
        });
      }),
    whenIdle: (work) => idle.push(work),
  });
  const runIdle = () => idle.splice(0).forEach((w) => w());
  /** Opens a document; `send` runs the idle work that sends it away, as a page idle at once does. */
  const open = (wf: Workflow | null, send = true) => {
    doc.load(wf);
    analysis.opened();
    if (send) runIdle();
  };
  return { doc, analysis, asks, open, runIdle };
}

describe('the first analysis of a large document, away from the page', () => {
  it('says "checking" until the answer, then shows findings equal to analyze()', async () => {
    const { doc, analysis, asks, open, runIdle } = setup();
    const wf = large();
    // Sent once the page is idle (its first view drawn).
    open(wf, false);
    expect(analysis.state.checking).toBe(true);
    expect(asks).toHaveLength(0);
    runIdle();
    expect(asks).toHaveLength(1);
    expect(asks[0].wf).toBe(wf);
    expect(analysis.state.checking).toBe(true);
    expect(analysis.checking).toBe(true);
    expect(analysis.state.result.findings).toEqual([]);
    expect(analysis.state.workflow).toBeNull();
    expect(analysis.runs).toBe(0);

    await asks[0].answer();
    const expected = analyze(wf);
    expect(expected.findings.length).toBeGreaterThan(0);
    expect(analysis.state.checking).toBe(false);
    expect(analysis.state.result).toEqual(expected);
    expect(analysis.state.workflow).toBe(doc.workflow);
    // The badges' index is built from it too.
    expect(analysis.state.index.nodes.size).toBeGreaterThan(0);
    expect(analysis.runs).toBe(0);
  });

  it('keeps findings equal to analyze() over edits after the answer, seeded on idle or not', async () => {
    for (const seeded of [true, false]) {
      const { doc, analysis, asks, open, runIdle } = setup();
      open(large(5));
      await asks[0].answer();
      if (seeded) runIdle();
      const steps = doc.workflow!.nodes;
      const edits: ((wf: Workflow) => Workflow)[] = [
        (wf) => setLabel(wf, steps[10].id, 'Renamed step'),
        (wf) => removeElements(wf, [steps[20].id]),
        (wf) => updateConnection(wf, wf.connections[0].id, { grants: [] }),
        (wf) => removeElements(wf, [], [wf.edges[5].id]),
      ];
      for (const edit of edits) {
        doc.commit(edit(doc.workflow!));
        vi.advanceTimersByTime(DEBOUNCE_MS);
        expect(analysis.state.checking).toBe(false);
        expect(analysis.state.workflow).toBe(doc.workflow);
        expect(analysis.state.result).toEqual(analyze(doc.workflow!));
      }
      expect(analysis.runs).toBe(edits.length);
    }
  });

  it('shows the answer for a document whose steps were moved while it was awaited', async () => {
    const { doc, analysis, asks, open } = setup();
    const wf = large();
    open(wf);
    doc.commit(moveNodes(doc.workflow!, { [wf.nodes[0].id]: { x: -500, y: -500 } }));
    vi.advanceTimersByTime(5 * DEBOUNCE_MS);
    expect(analysis.state.checking).toBe(true);
    expect(analysis.runs).toBe(0);
    await asks[0].answer();
    expect(analysis.state.workflow).toBe(doc.workflow);
    expect(analysis.state.result).toEqual(analyze(wf));
    expect(analysis.runs).toBe(0);
  });

  it('analyses in the page an edit made while the answer was awaited, and drops the late answer', async () => {
    const { doc, analysis, asks, open } = setup();
    const wf = large();
    open(wf);
    doc.commit(setLabel(doc.workflow!, wf.nodes[3].id, ''));
    expect(analysis.state.checking).toBe(true);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(analysis.state.checking).toBe(false);
    const edited = doc.workflow!;
    expect(analysis.state.workflow).toBe(edited);
    expect(analysis.state.result).toEqual(analyze(edited));
    const shown = analysis.state.result;
    await asks[0].answer();
    expect(analysis.state.result).toBe(shown);
    expect(analysis.state.workflow).toBe(edited);
    // Undo comes back to the opened document: its answer was kept, no analysis runs for it.
    doc.undo();
    expect(analysis.state.workflow).toBe(wf);
    expect(analysis.state.result).toEqual(analyze(wf));
    expect(analysis.runs).toBe(1);
  });

  it('sends nothing when the document was analysed in the page before the page was idle', () => {
    const { analysis, asks, open, runIdle } = setup();
    const wf = large();
    open(wf, false);
    analysis.flush();
    runIdle();
    expect(asks).toHaveLength(0);
    expect(analysis.state.result).toEqual(analyze(wf));
  });

  it('analyses at once when a command needs the findings before the answer (flush)', async () => {
    const { analysis, asks, open } = setup();
    const wf = large();
    open(wf);
    analysis.flush();
    expect(analysis.state.checking).toBe(false);
    expect(analysis.state.result).toEqual(analyze(wf));
    const shown = analysis.state.result;
    await asks[0].answer();
    expect(analysis.state.result).toBe(shown);
    expect(analysis.runs).toBe(1);
  });

  it('analyses in the page when the worker fails', async () => {
    const { analysis, asks, open } = setup();
    const wf = large();
    open(wf);
    await asks[0].fail();
    expect(analysis.state.checking).toBe(false);
    expect(analysis.state.result).toEqual(analyze(wf));
    expect(analysis.runs).toBe(1);
  });

  it('forgets an answer asked with other options', async () => {
    let local = false;
    const { analysis, asks, open } = setup({ analyzeOptions: () => ({ externalProviderIsLocal: local }) });
    const wf = large();
    open(wf);
    local = true;
    analysis.optionsChanged();
    expect(analysis.state.result).toEqual(analyze(wf, { externalProviderIsLocal: true }));
    await asks[0].answer();
    expect(analysis.state.result).toEqual(analyze(wf, { externalProviderIsLocal: true }));
  });

  it('shows the next document opened, not the answer about the one before', async () => {
    const { doc, analysis, asks, open } = setup();
    open(large(3));
    const second = large(4);
    open(second);
    expect(asks.map((a) => a.wf)).toEqual([expect.anything(), second]);
    await asks[0].answer();
    expect(analysis.state.checking).toBe(true);
    await asks[1].answer();
    expect(analysis.state.workflow).toBe(doc.workflow);
    expect(analysis.state.result).toEqual(analyze(second));
    open(null);
    expect(analysis.state.checking).toBe(false);
    expect(analysis.state.result.findings).toEqual([]);
  });

  it('analyses a small document in the page at once, as before', () => {
    const { analysis, asks, open } = setup();
    const wf = template('risky-support-bot');
    open(wf);
    expect(asks).toHaveLength(0);
    expect(analysis.state.checking).toBe(false);
    expect(analysis.state.result).toEqual(analyze(wf));
  });
});
