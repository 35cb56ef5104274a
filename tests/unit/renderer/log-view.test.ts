// What the app draws of a log compared with the design (renderer/src/conformance/log-view.ts): the
// links cases took and how often, the steps they reached, the deviations as links between the steps
// where they happened (checked by hand on the worked example of docs/CONFORMANCE.md), each case's
// path, and the CSV whose columns the user must name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrationOf } from '../../../shared/conformance/calibrate';
import { conform } from '../../../shared/conformance/conform';
import { readLog } from '../../../shared/conformance/read';
import { analyzeLog, type LogView } from '../../../renderer/src/conformance/log-view';
import { example, logOf, ROOT, SUPPORT, template } from '../conformance/helpers';

const T0 = Date.UTC(2024, 5, 3, 9, 0, 0);

/** A log as CSV text, one event a minute in each case. */
function csvOf(cases: Record<string, string[]>): string {
  const rows = ['case,activity,time'];
  Object.entries(cases).forEach(([id, activities], c) => activities.forEach((a, i) => rows.push(`${id},${a},${new Date(T0 + c * 3_600_000 + i * 60_000).toISOString()}`)));
  return `${rows.join('\n')}\n`;
}

function viewOf(analysis: ReturnType<typeof analyzeLog>): LogView {
  if (analysis.kind !== 'view') throw new Error('expected a comparison');
  return analysis.view;
}

const byId = (view: LogView) => Object.fromEntries(view.deviationEdges.map((d) => [d.id, { from: `${d.source}:${d.sourceHandle}`, cases: d.cases, what: d.what }]));

describe('the worked example on the canvas', () => {
  const cases = {
    '1': ['Receive', 'Draft', 'Approve', 'Send'],
    '2': ['Receive', 'Draft', 'Send'],
    '3': ['Receive', 'Approve', 'Draft', 'Send'],
    '4': ['Receive', 'Draft', 'Approve', 'Call customer', 'Send'],
    '5': ['Receive', 'Draft', 'By hand'],
  };
  const view = viewOf(analyzeLog(example(), csvOf(cases), 'five.csv'));

  it('puts each deviation between the steps the case really did', () => {
    expect(byId(view)).toEqual({
      // Case 2 skipped the approval: from the draft straight to sending.
      '~log:d>s': { from: 'd:ok', cases: ['2', '3'], what: ['skipped Approve', 'Approve done earlier'] },
      // Case 3 approved before drafting: to the approval out of turn, back to the draft, on to sending.
      '~log:r>a': { from: 'r:out', cases: ['3'], what: ['Approve out of turn'] },
      '~log:a>d': { from: 'a:approved', cases: ['3'], what: ['Approve out of turn'] },
      // Case 4 phoned the customer between approving and sending.
      '~log:a>s': { from: 'a:approved', cases: ['4'], what: ['Call customer (not in the design)'] },
    });
  });

  it('counts the links the cases took along their replays, and the steps they reached', () => {
    // Receive → Draft (e1): all five. Draft → Approve (e2) and Approve → Send (e5): cases 1 and 4 — case
    // 2 skipped the approval, and case 3 did it before drafting, so neither took these links. Send →
    // Sent (e8): cases 1–4. Draft unsure → By hand (e3) and on to Handled (e10): case 5.
    expect(view.edgeCounts).toEqual({ e1: 5, e2: 2, e3: 1, e4: 0, e5: 2, e6: 0, e7: 0, e8: 4, e9: 0, e10: 1 });
    expect(view.visited).toEqual(['r', 'd', 'a', 's', 'sent', 'h', 'handled']);
  });

  it("keeps each deviating case's path: the steps it did, the design links it took, its extra links", () => {
    expect(view.casePaths['2']).toEqual({ nodes: ['r', 'd', 's', 'sent'], edges: ['e1', 'e8'], deviationEdges: ['~log:d>s'], firstDeviation: 'a' });
    expect(view.casePaths['3']).toEqual({ nodes: ['r', 'd', 's', 'sent', 'a'], edges: ['e1', 'e8'], deviationEdges: ['~log:r>a', '~log:a>d', '~log:d>s'], firstDeviation: 'a' });
    expect(Object.keys(view.casePaths).sort()).toEqual(['2', '3', '4']);
  });

  it('lists every activity with its events and how it was matched, the unmatched first', () => {
    expect(view.activities.map((a) => [a.activity, a.events, a.nodeId, a.by])).toEqual([
      ['Call customer', 1, null, null],
      ['Receive', 5, 'r', 'label'],
      ['Draft', 5, 'd', 'label'],
      ['Approve', 3, 'a', 'label'],
      ['Send', 4, 's', 'label'],
      ['By hand', 1, 'h', 'label'],
    ]);
  });

  it('carries the calibration the command line would write', () => {
    const wf = example();
    const log = readLog(csvOf(cases), { fileName: 'five.csv' });
    expect(view.calibration).toEqual(calibrationOf(wf, conform(wf, log), 'five.csv'));
  });
});

describe('the support template and the shipped sample log', () => {
  const wf = template(SUPPORT);
  const text = readFileSync(`${ROOT}resources/sample-logs/support-ticket-triage.csv`, 'utf8');
  const view = viewOf(analyzeLog(wf, text, 'support-ticket-triage.csv'));

  it('finds the four deliberate deviations where they happened', () => {
    expect(Object.keys(byId(view)).sort()).toEqual(['~log:n10>n11', '~log:n2>n7', '~log:n6>n8', '~log:n7>n6', '~log:n7>n9', '~log:n9>n11']);
    expect(byId(view)['~log:n7>n9']).toEqual({ from: 'n7:ok', cases: ['C-0009'], what: ['skipped Supervisor approves reply'] });
    expect(byId(view)['~log:n9>n11']).toEqual({ from: 'n9:ok', cases: ['C-0006'], what: ['skipped Close ticket'] });
    // The approval C-0009 skipped is not on its path; what it did instead is.
    expect(view.casePaths['C-0009'].nodes).not.toContain('n8');
    expect(view.casePaths['C-0009'].deviationEdges).toEqual(['~log:n7>n9']);
  });

  it('counts the links like the command line counts outputs', () => {
    const { handleCounts } = view.result;
    for (const e of wf.edges) {
      const first = wf.edges.find((o) => o.source === e.source && o.sourceHandle === e.sourceHandle)!;
      if (first !== e) continue;
      // A link is taken as often as its step was left by its output, less the skipped steps' ways.
      expect(view.edgeCounts[e.id], e.id).toBeLessThanOrEqual(handleCounts[e.source]?.[e.sourceHandle] ?? 0);
    }
    expect(view.edgeCounts.e1).toBe(200);
    expect(view.edgeCounts.e4).toBe(0);
  });
});

describe('a CSV export with columns Flowgate cannot tell', () => {
  const text = 'Ref;What;When;Result\nT-1;Receive;2024-06-03 09:00;\nT-1;Draft;2024-06-03 09:01;ok\n';

  it('asks for them, offering the headers and what it guessed', () => {
    const analysis = analyzeLog(example(), text, 'export.csv');
    expect(analysis).toEqual({
      kind: 'columns',
      columns: { fileName: 'export.csv', headers: ['Ref', 'What', 'When', 'Result'], guessed: { outcome: 'Result' }, missing: ['case id', 'activity', 'timestamp'] },
    });
  });

  it('reads the log once they are named', () => {
    const view = viewOf(analyzeLog(example(), text, 'export.csv', { caseId: 'Ref', activity: 'What', time: 'When' }));
    expect(view.result.cases).toBe(1);
    expect(view.result.events).toBe(2);
  });

  it('still says what is wrong with a log it cannot read', () => {
    expect(() => analyzeLog(example(), 'case,activity,time\na,Receive,yesterday\n', 'bad.csv')).toThrow('Row 2: "yesterday" in column "time" is not a date and time Flowgate can read.');
  });

  it('reads XES without asking', () => {
    const xes = readFileSync(`${ROOT}resources/sample-logs/support-ticket-triage.xes`, 'utf8');
    expect(viewOf(analyzeLog(template(SUPPORT), xes, 'log.xes')).result.fittingCases).toBe(196);
  });
});

it('the worked example log reads the same through logOf', () => {
  // A guard that the CSV above is the example's log: the fitness of docs/CONFORMANCE.md.
  const wf = example();
  const view = viewOf(analyzeLog(wf, csvOf({ '1': ['Receive', 'Draft', 'Approve', 'Send'] }), 'one.csv'));
  expect(view.result.fitness).toBe(conform(wf, logOf({ '1': ['Receive', 'Draft', 'Approve', 'Send'] })).result.fitness);
});

describe('the sample log offered in the panel', () => {
  it('names activities of the shipped sample, and is offered for the support template only', async () => {
    const { SAMPLE_ACTIVITIES, sampleFits } = await import('../../../renderer/src/conformance/sample-log');
    const text = readFileSync(`${ROOT}resources/sample-logs/support-ticket-triage.csv`, 'utf8');
    const activities = new Set(text.split(/\r?\n/).slice(1).filter(Boolean).map((row) => row.split(',')[1]));
    for (const a of SAMPLE_ACTIVITIES) expect(activities.has(a), a).toBe(true);
    expect(sampleFits(template(SUPPORT))).toBe(true);
    expect(sampleFits(example())).toBe(false);
    expect(sampleFits(template('resources/templates/invoice-approval.flowgate.json'))).toBe(false);
  });
});
