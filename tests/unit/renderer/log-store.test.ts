// The "Compare with a log" store against the real comparison and a clock the test moves: a log read
// and compared, the mapping and the calibration as one undo step each (the comparison following the
// document), a case's path selected on the canvas, a stale answer dropped, files it refuses, and the
// log forgotten when another workflow opens.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSimulationSection } from '../../../shared/simulation/scenario';
import type { Workflow } from '../../../shared/model/schema';
import { analyzeInPage, type Analyze } from '../../../renderer/src/conformance/analyzer';
import { MAX_LOG_BYTES, type LogAnalysis } from '../../../renderer/src/conformance/log-view';
import { calibrationSummary, createLogStore, RECOMPARE_MS } from '../../../renderer/src/conformance/store';
import { createDocumentStore } from '../../../renderer/src/store/document';
import { createSessionStore } from '../../../renderer/src/store/session';
import { createUiStore } from '../../../renderer/src/store/ui';
import { ROOT, SUPPORT, template } from '../conformance/helpers';

const SAMPLE = readFileSync(`${ROOT}resources/sample-logs/support-ticket-triage.csv`, 'utf8');
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(analyze: Analyze = analyzeInPage, wf: Workflow = template(SUPPORT)) {
  const doc = createDocumentStore();
  const session = createSessionStore(doc);
  const ui = createUiStore();
  doc.load(wf);
  let pending: { fn: () => void; ms: number } | null = null;
  const revealed: string[] = [];
  let shown = 0;
  const log = createLogStore({
    doc,
    session,
    ui,
    analyze,
    showPanel: () => void shown++,
    reveal: (id) => void revealed.push(id),
    schedule: (fn, ms) => (pending = { fn, ms }),
    unschedule: (h) => {
      if (pending === h) pending = null;
    },
  });
  return {
    doc,
    session,
    ui,
    log,
    revealed,
    get shown() {
      return shown;
    },
    get pendingMs() {
      return pending?.ms ?? null;
    },
    /** Fires the pending comparison and waits for it. */
    async fire() {
      const p = pending;
      pending = null;
      p?.fn();
      await flush();
      return p !== null;
    },
  };
}

describe('comparing a log', () => {
  it('reads, compares and shows the result; File → Compare asks the panel for the chooser', async () => {
    const t = setup();
    t.log.requestPick();
    expect(t.shown).toBe(1);
    expect(t.log.takePick()).toBe(true);
    expect(t.log.takePick()).toBe(false);
    await t.log.openFile({ name: 'support-ticket-triage.csv', size: SAMPLE.length, text: async () => SAMPLE });
    const s = t.log.state;
    expect(s.status).toBe('ready');
    expect(s.view!.result.fittingCases).toBe(196);
    expect(s.view!.result.violations.map((v) => v.caseId)).toEqual(['C-0009', 'C-0009']);
    expect(s.stale).toBe(false);
    expect(calibrationSummary(s.view!)).toBe('outputs of 6 steps, times of 9 steps and 1 reviewer profile');
  });

  it('maps an activity in one undo step, and compares again after the edit', async () => {
    const t = setup();
    await t.log.load('log.csv', SAMPLE);
    t.log.mapActivity('Call customer', 'n15');
    expect((t.doc.workflow as { conformance?: unknown }).conformance).toEqual({ activities: { 'Call customer': 'n15' } });
    expect(t.log.state.stale).toBe(true);
    expect(t.pendingMs).toBe(RECOMPARE_MS);
    // Calibrating from a comparison older than the document is refused.
    expect(t.log.calibrate()).toBeNull();
    await t.fire();
    expect(t.log.state.stale).toBe(false);
    expect(t.log.state.view!.result.fittingCases).toBe(197);
    expect(t.log.state.view!.activities.find((a) => a.activity === 'Call customer')).toMatchObject({ nodeId: 'n15', by: 'map' });
    t.doc.undo();
    expect((t.doc.workflow as { conformance?: unknown }).conformance).toBeUndefined();
    expect(t.doc.canUndo()).toBe(false);
    await t.fire();
    expect(t.log.state.view!.result.fittingCases).toBe(196);
  });

  it('calibrates in one undo step; calibrating again changes nothing', async () => {
    const t = setup();
    await t.log.load('support-ticket-triage.csv', SAMPLE);
    const before = t.doc.workflow!;
    expect(t.log.calibrate()).toBe('outputs of 6 steps, times of 9 steps and 1 reviewer profile');
    const section = parseSimulationSection(t.doc.workflow!.simulation);
    expect(section.calibration).toEqual({ log: 'support-ticket-triage.csv', cases: 200, events: 961 });
    expect(section.handles!.n3).toEqual({ billing: 0.2464, else: 0.7536 });
    expect(section.durations!.n15).toEqual({ median: 22.26, p90: 222.36 });
    expect(t.ui.state.toasts.at(-1)).toMatchObject({ tone: 'ok', text: 'Batches now follow support-ticket-triage.csv: outputs of 6 steps, times of 9 steps and 1 reviewer profile.' });
    await t.fire();
    const after = t.doc.workflow;
    t.log.calibrate();
    expect(t.doc.workflow).toBe(after);
    t.doc.undo();
    expect(t.doc.workflow).toBe(before);
  });

  it("selects a case's path on the canvas and scrolls to where it left the design", async () => {
    const t = setup();
    await t.log.load('log.csv', SAMPLE);
    t.log.setOverlay(false);
    t.log.selectCase('C-0009');
    expect(t.log.state.selectedCase).toBe('C-0009');
    // Showing a case shows the comparison.
    expect(t.log.state.overlay).toBe(true);
    expect([...t.ui.state.selectedNodes]).toEqual(expect.arrayContaining(['n1', 'n2', 'n7', 'n9', 'n10', 'n11']));
    expect(t.ui.state.selectedNodes.has('n8')).toBe(false);
    expect(t.revealed).toEqual(['n8']);
    t.log.selectCase('C-0001');
    expect(t.log.state.selectedCase).toBeNull();
  });

  it('drops an answer that a later comparison overtook', async () => {
    const waiting: (() => Promise<void>)[] = [];
    const analyze: Analyze = (wf, text, name, columns) =>
      new Promise<LogAnalysis>((resolve, reject) => waiting.push(() => analyzeInPage(wf, text, name, columns).then(resolve, reject)));
    const t = setup(analyze);
    const first = t.log.load('first.csv', SAMPLE);
    const second = t.log.load('second.csv', SAMPLE);
    // The second comparison answers first; the first answers late and is not shown.
    await waiting[1]();
    await second;
    expect(t.log.state.view!.fileName).toBe('second.csv');
    await waiting[0]();
    await first;
    expect(t.log.state.view!.fileName).toBe('second.csv');
  });

  it('refuses a file over the size limit and says why, keeping nothing of the last log', async () => {
    const t = setup();
    await t.log.load('log.csv', SAMPLE);
    await t.log.openFile({ name: 'huge.csv', size: MAX_LOG_BYTES + 1, text: async () => '' });
    expect(t.log.state).toMatchObject({ status: 'failed', view: null, retryable: false });
    expect(t.log.state.error).toBe('"huge.csv" is 64 MB; Flowgate reads logs up to 64 MB. Export a shorter period, or compare it with `flowgate conform` on the command line.');
    // An edit does not bring the old log back.
    t.doc.edit((wf) => ({ ...wf, name: 'Renamed' }));
    expect(t.pendingMs).toBeNull();
  });

  it('says why a workflow cannot be compared, and compares again once it can', async () => {
    const wf = template(SUPPORT);
    const t = setup(analyzeInPage, { ...wf, nodes: wf.nodes.map((n) => (n.kind === 'intake' ? { ...n, kind: 'end', config: { outcome: 'x' } } : n)) as Workflow['nodes'] });
    await t.log.load('log.csv', SAMPLE);
    expect(t.log.state).toMatchObject({ status: 'failed', retryable: true, error: 'The workflow has no intake step, so a case has nowhere to start.' });
    t.doc.commit(wf);
    await t.fire();
    expect(t.log.state.status).toBe('ready');
  });

  it('forgets the log when another workflow opens', async () => {
    const t = setup();
    await t.log.load('log.csv', SAMPLE);
    t.session.opened(template(SUPPORT), null, null);
    expect(t.log.state.status).toBe('empty');
    expect(t.log.state.view).toBeNull();
  });
});
