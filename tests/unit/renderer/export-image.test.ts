// The diagram exports draw the document's picture: every step and link, with the findings' badges,
// whatever the canvas has drawn; PNGs are twice the picture's size unless that exceeds MAX_SIDE.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { loadWorkflow } from '../../../shared/model/load';
import { MAX_SIDE, diagramForExport, rasterSize } from '../../../renderer/src/canvas/exportImage';
import { generateWorkflow } from '../../fixtures/generate-workflow';
import { blankWorkflow } from '../../../shared/model/edits/workflow';
import { readFileSync } from 'node:fs';

describe('diagram export', () => {
  it('draws every step and link of the document with a badge on each step with a finding', () => {
    const wf = loadWorkflow(readFileSync('resources/templates/risky-support-bot.flowgate.json', 'utf8')).workflow;
    const findings = analyze(wf).findings;
    const svg = diagramForExport(wf, findings);
    expect(svg.match(/<g class="node" /g)?.length).toBe(wf.nodes.length);
    expect(svg.match(/marker-end="url\(#/g)?.length).toBe(wf.edges.length);
    const flagged = new Set(findings.flatMap((f) => (f.nodeId ? [f.nodeId] : [])));
    expect(flagged.size).toBeGreaterThan(0);
    expect(svg.match(/<circle /g)?.length).toBe(flagged.size);
  });

  it('refuses an empty workflow with a reason', () => {
    expect(() => diagramForExport(blankWorkflow('x'), [])).toThrow('no steps to draw');
  });

  it('draws a 1,000-step workflow whole', () => {
    const wf = generateWorkflow({ nodes: 1000, variant: 'clean', seed: 3 });
    expect(diagramForExport(wf, []).match(/<g class="node" /g)?.length).toBe(1000);
  });

  it('rasterises at twice the size, scaled down to fit MAX_SIDE', () => {
    expect(rasterSize(400, 300)).toEqual({ width: 800, height: 600 });
    expect(rasterSize(20_000, 1_000)).toEqual({ width: MAX_SIDE, height: MAX_SIDE / 20 });
    expect(rasterSize(3_000, 5_000)).toEqual({ width: 4_800, height: MAX_SIDE });
  });
});
