// ELK's layered layout of a workflow: steps apart from each other, and every link routed with straight
// runs and right angles from its output to its input, never across a step. Checked on the templates,
// the support template above all (its many links into "Human triage").
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { elkFits, elkGraph, elkLayout, ELK_STEP_LIMIT, type ElkLike } from '../../../shared/model/elk-layout';
import { overlaps, type Box, type Point } from '../../../shared/model/placement';
import type { Workflow } from '../../../shared/model/schema';
import { estimatedSize } from '../../../renderer/src/canvas/firstView';
import { stepPorts } from '../../../renderer/src/canvas/next-step/geometry';
import { template } from '../renderer/analysis-fixtures';

const elk = new ELK() as unknown as ElkLike;
const layout = (wf: Workflow) => elkLayout(elk, wf, estimatedSize, stepPorts);

const distance = (p: Point, q: Point) => Math.hypot(p.x - q.x, p.y - q.y);

function boxes(wf: Workflow, positions: Record<string, Point>): Map<string, Box> {
  return new Map(wf.nodes.map((n) => [n.id, { ...positions[n.id], ...estimatedSize(n) }]));
}

describe.each(['support-ticket-triage', 'invoice-approval', 'risky-support-bot'] as const)('ELK layout of %s', (name) => {
  const wf = template(name);

  it('places every step, none on another', async () => {
    const { positions } = await layout(wf);
    const all = [...boxes(wf, positions).entries()];
    expect(all).toHaveLength(wf.nodes.length);
    for (const [i, [a, p]] of all.entries()) for (const [b, q] of all.slice(i + 1)) expect(overlaps(p, q), `${a} and ${b}`).toBe(false);
  });

  it('routes every link from its output to its input, in straight runs and right angles, across no step', async () => {
    const { positions, routes } = await layout(wf);
    const at = boxes(wf, positions);
    expect([...routes.keys()].sort()).toEqual(wf.edges.map((e) => e.id).sort());
    for (const e of wf.edges) {
      const route = routes.get(e.id)!;
      const source = wf.nodes.find((n) => n.id === e.source)!;
      const from = at.get(e.source)!;
      const to = at.get(e.target)!;
      const ports = stepPorts(source, from);
      // Whole pixels: a port half way down an odd height is rounded.
      expect(distance(route[0], { x: from.x + from.width, y: from.y + ports.outputs.get(e.sourceHandle)! }), e.id).toBeLessThanOrEqual(0.5);
      expect(distance(route.at(-1)!, { x: to.x, y: to.y + to.height / 2 }), e.id).toBeLessThanOrEqual(0.5);
      for (let i = 1; i < route.length; i++) {
        const [p, q] = [route[i - 1], route[i]];
        expect(p.x === q.x || p.y === q.y, `${e.id} runs slanted from ${JSON.stringify(p)} to ${JSON.stringify(q)}`).toBe(true);
        const run = { x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), width: Math.abs(p.x - q.x), height: Math.abs(p.y - q.y) };
        for (const [id, b] of at) expect(overlaps(run, b, -1), `${e.id} runs across ${id}`).toBe(false);
      }
    }
  });
});

describe('ELK layout', () => {
  it('lays the same workflow out the same way every time', async () => {
    const wf = template('support-ticket-triage');
    const [a, b] = [await layout(wf), await layout(wf)];
    expect(a.positions).toEqual(b.positions);
    expect([...a.routes]).toEqual([...b.routes]);
  });

  it('leaves out links a file holds from an output the step does not have', () => {
    const wf = template('support-ticket-triage');
    const odd = { ...wf, edges: [...wf.edges, { id: 'x1', source: 'n1', sourceHandle: 'nope', target: 'n2' }] };
    expect(elkGraph(odd, estimatedSize, stepPorts).edges.map((e) => e.id)).not.toContain('x1');
  });

  it('is for workflows of up to a few hundred steps', () => {
    const wf = template('support-ticket-triage');
    expect(elkFits(wf)).toBe(true);
    const many = { ...wf, nodes: Array.from({ length: ELK_STEP_LIMIT + 1 }, (_, i) => ({ ...wf.nodes[1], id: `n${i}` })) };
    expect(elkFits(many)).toBe(false);
  });
});
