// A large workflow hands React Flow only the links that may be in view (canvas/useEdgesInView.ts): for
// any view inside the area they were chosen for, every link React Flow itself would draw is among them.
import { isEdgeVisible, type InternalNodeBase, type Transform } from '@xyflow/system';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visibleRect } from '../../../renderer/src/canvas/firstView';
import { contains, coveringArea, edgesMeeting } from '../../../renderer/src/canvas/useEdgesInView';

interface Placed {
  id: string;
  position: { x: number; y: number };
  measured?: { width: number; height: number };
  initialWidth?: number;
  initialHeight?: number;
}

/** The node as React Flow holds it, for its own visibility test. */
const internal = (n: Placed) =>
  ({ id: n.id, position: n.position, data: {}, measured: n.measured ?? {}, initialWidth: n.initialWidth, initialHeight: n.initialHeight, internals: { positionAbsolute: n.position, z: 0, userNode: n } }) as unknown as InternalNodeBase;

const graph = fc
  .array(
    fc.record({
      x: fc.integer({ min: -20_000, max: 20_000 }),
      y: fc.integer({ min: -20_000, max: 20_000 }),
      width: fc.integer({ min: 40, max: 400 }),
      height: fc.integer({ min: 40, max: 400 }),
      measured: fc.boolean(),
    }),
    { minLength: 2, maxLength: 80 },
  )
  .chain((raw) => {
    const nodes: Placed[] = raw.map((r, i) => ({
      id: `n${i}`,
      position: { x: r.x, y: r.y },
      ...(r.measured ? { measured: { width: r.width, height: r.height } } : { initialWidth: r.width, initialHeight: r.height }),
    }));
    const edge = fc.record({ source: fc.integer({ min: 0, max: nodes.length - 1 }), target: fc.integer({ min: 0, max: nodes.length - 1 }) });
    return fc.record({ nodes: fc.constant(nodes), edges: fc.array(edge, { maxLength: 200 }).map((es) => es.map((e, i) => ({ id: `e${i}`, source: `n${e.source}`, target: `n${e.target}` }))) });
  });

const pane = { width: 1600, height: 1000 };

describe('the links handed to React Flow in a large workflow', () => {
  it('hold every link React Flow draws, for any view inside their area', () => {
    fc.assert(
      fc.property(
        graph,
        fc.record({ x: fc.integer({ min: -30_000, max: 30_000 }), y: fc.integer({ min: -30_000, max: 30_000 }), zoom: fc.double({ min: 0.1, max: 2.5, noNaN: true }) }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        ({ nodes, edges }, vp, dx, dy) => {
          const view = visibleRect(vp, pane);
          const area = coveringArea(view);
          const handed = edgesMeeting(edges, nodes, area);
          // Only links of the list, in its order.
          const order = new Map(edges.map((e, i) => [e, i]));
          for (let i = 1; i < handed.length; i++) expect(order.get(handed[i])!).toBeGreaterThan(order.get(handed[i - 1])!);
          // A view panned by up to (nearly) half its size each way stays inside the area.
          const moved = { ...vp, x: vp.x + dx * 0.49 * pane.width, y: vp.y + dy * 0.49 * pane.height };
          expect(contains(area, visibleRect(moved, pane))).toBe(true);
          const byId = new Map(nodes.map((n) => [n.id, internal(n)]));
          const set = new Set(handed);
          for (const v of [vp, moved]) {
            const transform: Transform = [v.x, v.y, v.zoom];
            for (const e of edges) {
              if (isEdgeVisible({ sourceNode: byId.get(e.source)!, targetNode: byId.get(e.target)!, width: pane.width, height: pane.height, transform })) expect(set.has(e)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leave out links far from the area, and links to a step that is not there', () => {
    const nodes: Placed[] = [
      { id: 'a', position: { x: 0, y: 0 }, measured: { width: 100, height: 50 } },
      { id: 'b', position: { x: 300, y: 0 }, initialWidth: 100, initialHeight: 50 },
      { id: 'far', position: { x: 50_000, y: 50_000 }, measured: { width: 100, height: 50 } },
      { id: 'far2', position: { x: 60_000, y: 50_000 }, measured: { width: 100, height: 50 } },
    ];
    const edges = [
      { id: 'near', source: 'a', target: 'b' },
      { id: 'across', source: 'a', target: 'far' },
      { id: 'away', source: 'far', target: 'far2' },
      { id: 'dangling', source: 'a', target: 'gone' },
    ];
    expect(edgesMeeting(edges, nodes, { x: -100, y: -100, width: 1000, height: 1000 }).map((e) => e.id)).toEqual(['near', 'across']);
  });
});
