// When the canvas draws a link along its ELK route: while both its steps stay where the layout put them
// and no step lies across it. A file laid out with ELK gets its routes back when opened again, also
// when the whole workflow was moved. Drawing: ends on the handles, rounded corners.
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { elkLayout, type ElkLike } from '../../../shared/model/elk-layout';
import { moveNodes } from '../../../shared/model/edits/graph';
import type { Workflow } from '../../../shared/model/schema';
import { estimatedSize } from '../../../renderer/src/canvas/firstView';
import { stepPorts } from '../../../renderer/src/canvas/next-step/geometry';
import { createRouteApplier } from '../../../renderer/src/canvas/routing/useRouting';
import { midpoint, roundedPath, snappedRoute } from '../../../renderer/src/canvas/routing/RoutedEdge';
import { matchingRoutes, routesOf, validRoutes } from '../../../renderer/src/canvas/routing/routes';
import { template } from './analysis-fixtures';

const elk = new ELK() as unknown as ElkLike;

async function laidOut() {
  const wf = template('support-ticket-triage');
  const layout = await elkLayout(elk, wf, estimatedSize, stepPorts);
  const placed = moveNodes(wf, layout.positions);
  return { layout, placed, routes: routesOf(layout, placed, estimatedSize) };
}
const valid = (routes: ReturnType<typeof routesOf>, wf: Workflow) => validRoutes(routes, wf.nodes, estimatedSize, wf.edges);

describe('routes after an ELK layout', () => {
  it('all hold while the steps stay where the layout put them', async () => {
    const { placed, routes } = await laidOut();
    expect([...valid(routes, placed).keys()].sort()).toEqual(placed.edges.map((e) => e.id).sort());
  });

  it('a moved step takes its own links off their routes, and a step moved across a route takes that one', async () => {
    const { placed, routes } = await laidOut();
    const triage = placed.nodes.find((n) => n.label === 'Human triage')!;
    const moved = moveNodes(placed, { [triage.id]: { x: triage.position.x + 5, y: triage.position.y } });
    const still = valid(routes, moved);
    const own = placed.edges.filter((e) => e.source === triage.id || e.target === triage.id).map((e) => e.id);
    expect(own.length).toBeGreaterThan(3);
    for (const id of own) expect(still.has(id), id).toBe(false);
    expect(still.size).toBe(placed.edges.length - own.length);
    // The step back where it was: its routes hold again (undo).
    expect(valid(routes, placed).size).toBe(placed.edges.length);

    // "Resolved" dropped onto the middle of a route that does not touch it.
    const [id, points] = [...valid(routes, placed)].find(([edgeId, p]) => p.length > 3 && !own.includes(edgeId))!;
    const resolved = placed.nodes.find((n) => n.label === 'Resolved')!;
    const mid = midpoint(points);
    const onTop = moveNodes(placed, { [resolved.id]: { x: Math.round(mid.x - 50), y: Math.round(mid.y - 20) } });
    expect(valid(routes, onTop).has(id)).toBe(false);
  });

  it('come back for a file laid out with ELK, wherever the whole workflow was moved to', async () => {
    const { layout, placed } = await laidOut();
    const shifted = moveNodes(placed, Object.fromEntries(placed.nodes.map((n) => [n.id, { x: n.position.x + 400, y: n.position.y - 120 }])));
    const again = matchingRoutes(layout, shifted, estimatedSize);
    expect(valid(again, shifted).size).toBe(placed.edges.length);
    // The template as shipped was not laid out with ELK: few steps sit where it would put them.
    const original = template('support-ticket-triage');
    expect(valid(matchingRoutes(layout, original, estimatedSize), original).size).toBeLessThan(original.edges.length / 2);
  });

  it('are none for a workflow far beyond the size ELK lays out', async () => {
    const { placed, routes } = await laidOut();
    const huge = { ...placed, nodes: [...placed.nodes, ...Array.from({ length: 700 }, (_, i) => ({ ...placed.nodes[1], id: `x${i}`, position: { x: -5000 - i * 300, y: 0 } }))] };
    expect(valid(routes, huge).size).toBe(0);
  });
});

describe('routed links on the canvas', () => {
  it('become the routed type with their route, keeping findings, and stay the same objects while unchanged', () => {
    const apply = createRouteApplier();
    const route = [{ x: 0, y: 0 }, { x: 10, y: 0 }];
    const edges = [
      { id: 'e1', source: 'a', target: 'b' },
      { id: 'e2', source: 'b', target: 'c', type: 'flagged', data: { findings: { severity: 'error' } } },
      { id: 'e3', source: 'c', target: 'd' },
    ];
    const out = apply(edges, new Map([['e1', route], ['e2', route]]));
    expect(out[0]).toMatchObject({ id: 'e1', type: 'routed', data: { route } });
    expect(out[1]).toMatchObject({ id: 'e2', type: 'routed', data: { route, findings: { severity: 'error' } } });
    expect(out[2]).toBe(edges[2]);
    expect(apply(edges, new Map([['e1', route], ['e2', route]]))[0]).toBe(out[0]);
    expect(apply(edges, new Map())).toBe(edges);
  });

  it('end on the handles, keeping the first and last runs level, with rounded corners', () => {
    const route = [{ x: 240, y: 90 }, { x: 260, y: 90 }, { x: 260, y: 300 }, { x: 400, y: 300 }];
    const snapped = snappedRoute(route, { x: 245, y: 91 }, { x: 396, y: 302 });
    expect(snapped).toEqual([{ x: 245, y: 91 }, { x: 260, y: 91 }, { x: 260, y: 302 }, { x: 396, y: 302 }]);
    // The first run is 15 px long: its corner is rounded by half of it.
    expect(roundedPath(snapped)).toBe('M245,91 L252.5,91 Q260,91 260,98.5 L260,294 Q260,302 268,302 L396,302');
    // A straight link whose ends are not level steps in the middle instead of slanting.
    expect(snappedRoute([{ x: 0, y: 0 }, { x: 100, y: 0 }], { x: 0, y: 0 }, { x: 100, y: 6 })).toEqual([{ x: 0, y: 0 }, { x: 50, y: 0 }, { x: 50, y: 6 }, { x: 100, y: 6 }]);
    expect(midpoint([{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 100 }])).toEqual({ x: 100, y: 0 });
  });
});
