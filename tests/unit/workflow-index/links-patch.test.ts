// A link edit patches each side's rows (links.ts: reuseLinks, patchSide): the links removed taken out,
// the links added put in at the end of their rows. The rows must be exactly those a fresh layout of the
// new list gives — the same order in every row, the same link indices — for removals anywhere in the
// list, additions at its end, steps added at the end of the table, and steps deleted with their links.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorkflowEdge, WorkflowNode } from '../../../shared/model/schema';
import { buildLinks, reuseLinks, type Links } from '../../../shared/workflow-index/links';
import { buildNodeTable, reuseNodeTable } from '../../../shared/workflow-index/positions';

const step = (id: string): WorkflowNode => ({ id, kind: 'end', label: id, position: { x: 0, y: 0 }, config: {} }) as WorkflowNode;
const link = (id: string, s: string, t: string): WorkflowEdge => ({ id, source: s, sourceHandle: 'out', target: t });

/** The typed rows of both sides and the slots of each link, as plain lists. */
const rows = (l: Links) => ({
  src: [...l.src],
  tgt: [...l.tgt],
  out: { start: [...l.out.start], ends: [...l.out.ends], link: [...l.out.link] },
  in: { start: [...l.in.start], ends: [...l.in.ends], link: [...l.in.link] },
  edges: l.edges,
});

const editArb = fc.record({
  steps: fc.integer({ min: 1, max: 30 }),
  links: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 60 }),
  edits: fc.array(
    fc.record({
      remove: fc.array(fc.nat(), { maxLength: 5 }),
      add: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 }),
      newSteps: fc.integer({ min: 0, max: 2 }),
      deleteStep: fc.option(fc.nat(), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 8 },
  ),
});

describe('link rows patched after a link edit', () => {
  it('equal the rows laid out afresh, edit after edit', () => {
    let patched = 0;
    fc.assert(
      fc.property(editArb, ({ steps, links, edits }) => {
        let nodes = Array.from({ length: steps }, (_, i) => step(`n${i}`));
        let edges = links.map(([a, b], k) => link(`e${k}`, `n${a % steps}`, `n${b % steps}`));
        let table = buildNodeTable(nodes);
        let current = buildLinks(edges, table);
        let fresh = 0;
        for (const edit of edits) {
          const nextNodes = [...nodes, ...Array.from({ length: edit.newSteps }, () => step(`s${fresh++}`))];
          let nextEdges = edges.filter((_, k) => !edit.remove.some((r) => edges.length && r % edges.length === k));
          let deleted: string | undefined;
          if (edit.deleteStep !== undefined && nextNodes.length > 1) {
            deleted = nextNodes[edit.deleteStep % nextNodes.length].id;
            nextEdges = nextEdges.filter((e) => e.source !== deleted && e.target !== deleted);
          }
          const kept = deleted ? nextNodes.filter((n) => n.id !== deleted) : nextNodes;
          nextEdges = [...nextEdges, ...edit.add.map(([a, b], k) => link(`a${fresh}-${k}`, kept[a % kept.length].id, kept[b % kept.length].id))];
          const changes = reuseNodeTable(table, kept, 1000);
          if (!changes) throw new Error('the table should be reused');
          const got = reuseLinks(current, nextEdges, changes.table, changes.removed, 1000);
          if (!got) throw new Error('the links should be reused');
          expect(rows(got.links)).toEqual(rows(buildLinks(nextEdges, changes.table)));
          if (got.removed.length + got.added.length) patched++;
          nodes = kept;
          edges = nextEdges;
          table = changes.table;
          current = got.links;
        }
      }),
      { numRuns: 150 },
    );
    expect(patched).toBeGreaterThan(0);
  });
});
