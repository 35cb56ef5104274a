// A report's size is bounded whatever the workflow: a 16 MB workflow once gave a 105 MB HTML report
// (each label repeats in the diagram, its tooltips, the findings and the tables). Texts are cut, long
// tables and lists are cut, a diagram too large to read is left out — and the report says so.
// The shapes are 6 to 8 MB (each gave 40 MB or more before the limits), to keep the test quick.
import { describe, expect, it } from 'vitest';
import { blankWorkflow } from '../../../shared/model/edits/workflow';
import { loadWorkflowValue, serializeWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { renderHtml, reportHtml } from '../../../shared/report/html';
import { REPORT_LIMITS } from '../../../shared/report/limits';
import { renderMarkdown } from '../../../shared/report/markdown';
import { buildReport } from '../../../shared/report/model';
import type { BatchResult } from '../../../shared/simulation/metrics-schema';
import { runBatch } from '../../../shared/simulation/batch';
import { loadSampleData } from '../../../cli/commands/simulate';

const MB = 1024 * 1024;
/** The most a report may weigh, whatever the workflow (the 16 MB workflow gave 105 MB). */
const MAX_REPORT_BYTES = 10 * MB;

/** A chain of `n` steps (an intake, then integrations on one connection), labels `labelChars` long. */
function chain(n: number, labelChars: number): Workflow {
  const label = 'Step '.padEnd(labelChars, 'x');
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `n${i}`,
    kind: i === 0 ? 'intake' : i === n - 1 ? 'end' : 'integration',
    label: `${label} ${i}`,
    position: { x: (i % 100) * 260, y: Math.floor(i / 100) * 100 },
    config: i === 0 ? { source: 'manual' } : i === n - 1 ? { outcome: 'resolved' } : { connection: 'desk', action: 'tickets.reply' },
  }));
  const edges = Array.from({ length: n - 1 }, (_, i) => ({ id: `e${i}`, source: `n${i}`, sourceHandle: i === 0 ? 'out' : 'ok', target: `n${i + 1}` }));
  const connections = [{ id: 'desk', connector: 'helpdesk', label: 'Help desk', identity: 'svc', grants: ['tickets.read'], logging: false, maintainer: '', revocation: '' }];
  return loadWorkflowValue({ ...blankWorkflow('big', 'Big'), nodes, edges, connections }).workflow;
}

function shapes(): [string, Workflow][] {
  const grants = chain(3, 10);
  grants.connections = Array.from({ length: 200 }, (_c, c) => ({ ...grants.connections[0], id: `c${c}`, label: `Connection ${c}`, grants: Array.from({ length: 300 }, (_g, g) => `scope.${'g'.repeat(60)}.${g}`) })) as Workflow['connections'];
  const outcomes = chain(3, 10);
  const ends = Array.from({ length: 2_000 }, (_, i) => ({ id: `end${i}`, kind: 'end', label: `End ${i}`, position: { x: 600, y: i * 90 }, config: { outcome: `outcome-${i}-${'o'.repeat(200)}` } }));
  return [
    ['3,000 steps with 2,500-character labels', chain(3_000, 2_500)],
    ['20 steps with 300,000-character labels', chain(20, 300_000)],
    ['200 connections of 300 grants', grants],
    ['2,000 outcomes', { ...outcomes, nodes: [...outcomes.nodes, ...ends] } as Workflow],
    ['a 15 MB description', { ...chain(3, 10), description: 'd'.repeat(15 * MB) }],
  ];
}

describe('report size', () => {
  it('stays under the limit for every shape of a large workflow, and says what it left out', () => {
    for (const [shape, wf] of shapes()) {
      const inputBytes = serializeWorkflow(wf).length;
      const model = buildReport({ workflow: wf, generatedAt: '2024-06-03' });
      const html = renderHtml(model);
      const md = renderMarkdown(model);
      expect(html.length, `${shape}: HTML of ${(html.length / MB).toFixed(1)} MB from ${(inputBytes / MB).toFixed(1)} MB`).toBeLessThan(MAX_REPORT_BYTES);
      expect(md.length, `${shape}: Markdown of ${(md.length / MB).toFixed(1)} MB`).toBeLessThan(MAX_REPORT_BYTES);
      expect(html, shape).toContain('What this report leaves out');
      expect(md, shape).toContain('What this report leaves out');
    }
  }, 120_000);

  it('names each cut: the diagram left out, tables cut short, long texts shortened', () => {
    const big = buildReport({ workflow: chain(REPORT_LIMITS.diagramSteps + 1, 10) });
    expect(big.diagramSvg).toBe('');
    expect(big.omissions).toContainEqual(expect.stringContaining(`The diagram is left out: ${(REPORT_LIMITS.diagramSteps + 1).toLocaleString('en')} steps`));
    expect(big.omissions).toContainEqual(expect.stringMatching(/Only the first 300 of [\d,]+ errors are listed/));
    const long = buildReport({ workflow: chain(5, REPORT_LIMITS.text + 50) });
    expect(long.omissions).toContainEqual(expect.stringContaining(`Texts longer than ${REPORT_LIMITS.text} characters are cut`));
    expect(long.diagramSvg).not.toBe('');
  });

  it('leaves nothing out of a workflow of ordinary size', () => {
    const model = buildReport({ workflow: chain(40, 30) });
    expect(model.omissions).toEqual([]);
    expect(reportHtml({ workflow: chain(40, 30) })).not.toContain('What this report leaves out');
  });

  it('cuts a batch with more outcomes than a table holds', () => {
    const wf = shapes()[3][1];
    const batch: BatchResult = runBatch(wf, loadSampleData(), { runs: 50, seed: 1 });
    const fake = { ...batch, metrics: { ...batch.metrics, outcomes: Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`outcome ${i} ${'o'.repeat(300)}`, 1])) } };
    const html = reportHtml({ workflow: wf, batch: fake });
    expect(html.length).toBeLessThan(MAX_REPORT_BYTES);
    expect(buildReport({ workflow: wf, batch: fake }).omissions).toContainEqual(expect.stringMatching(/Only the 300 most frequent of 5,000 outcomes are shown/));
  });
});
