// The log comparison on the canvas as React Flow gets it (renderer/src/conformance/overlay.tsx): links
// by the share of cases that took them, an unchanged decoration keeping its object (so React Flow
// re-renders only what changed), the deviations as arcs on lanes that do not overlap, and steps no
// case reached dimmed.
import { readFileSync } from 'node:fs';
import type { Edge, Node } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { arcLift, arcPath } from '../../../renderer/src/conformance/DeviationEdge';
import { analyzeLog, type LogView } from '../../../renderer/src/conformance/log-view';
import { arcLanes, createLogEdgeDecorator, createLogNodeDecorator, deviationEdges, deviationText, logLevel, takenText } from '../../../renderer/src/conformance/overlay';
import { ROOT, SUPPORT, template } from '../conformance/helpers';

const wf = template(SUPPORT);
const analysis = analyzeLog(wf, readFileSync(`${ROOT}resources/sample-logs/support-ticket-triage.csv`, 'utf8'), 'log.csv');
const view = (analysis as { view: LogView }).view;
const edges: Edge[] = wf.edges.map((e) => ({ id: e.id, source: e.source, sourceHandle: e.sourceHandle, target: e.target }));
const at = new Map(wf.nodes.map((n) => [n.id, n.position]));

describe('links by the share of cases that took them', () => {
  it('has five levels: none, up to 5 %, to 20 %, to 50 %, more', () => {
    expect([0, 1, 10, 11, 40, 41, 100, 101, 200].map((n) => logLevel(n, 200))).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(logLevel(5, 0)).toBe(0);
    expect(takenText(1234, 2000)).toBe('1,234 of 2,000 cases took this link');
  });

  it('classes and labels each design link, and keeps the objects of unchanged ones', () => {
    const decorate = createLogEdgeDecorator();
    const once = decorate(edges, view, null);
    const intake = once.find((e) => e.id === 'e1')!;
    expect(intake.className).toBe('log-edge log-l4');
    expect(intake.ariaLabel).toBe('200 of 200 cases took this link');
    expect(once.find((e) => e.id === 'e4')!.className).toBe('log-edge log-l0');
    expect(once.find((e) => e.id === 'e4')!.label).toBeUndefined();
    expect(decorate(edges, view, null)).toEqual(once);
    decorate(edges, view, null).forEach((e, i) => expect(e).toBe(once[i]));
    // Showing a case changes the classes of the links, each once.
    const withCase = decorate(edges, view, new Set(view.casePaths['C-0009'].edges));
    expect(withCase.find((e) => e.id === 'e1')!.className).toBe('log-edge log-l4 log-in-case');
    // Approved by 69 of 200 cases: over 20 %, up to 50 %.
    expect(withCase.find((e) => e.id === 'e14')!.className).toBe('log-edge log-l3 log-off-case');
  });
});

describe('the deviations as arcs', () => {
  it('draws each between steps on the canvas, with what happened and its cases', () => {
    const arcs = deviationEdges(view, (id) => at.get(id), null);
    const skipped = arcs.find((e) => e.id === '~log:n7>n9')!;
    expect(skipped).toMatchObject({ source: 'n7', sourceHandle: 'ok', target: 'n9', type: 'deviation', className: 'log-deviation', selectable: false, deletable: false });
    expect(skipped.ariaLabel).toBe('Off the design: skipped Supervisor approves reply (cases C-0009)');
    expect(deviationText({ what: ['skipped A', 'B out of turn'], cases: ['1', '2'] })).toBe('skipped A (+1 more) · 2 cases');
    // Steps that are not on the canvas (removed since) take their arcs with them.
    expect(deviationEdges(view, (id) => (id === 'n9' ? undefined : at.get(id)), null).map((e) => e.id)).not.toContain('~log:n7>n9');
  });

  it('lifts arcs over the same stretch to different lanes, shorter ones lower', () => {
    const pos = (x: number) => ({ x, y: 0 });
    const positions: Record<string, { x: number; y: number }> = { a: pos(0), b: pos(300), c: pos(600), d: pos(900), e: pos(1500) };
    const lanes = arcLanes(
      [
        { id: 'long', source: 'a', target: 'd' },
        { id: 'short', source: 'a', target: 'b' },
        { id: 'next', source: 'c', target: 'd' },
        { id: 'far', source: 'e', target: 'e' },
      ],
      (id) => positions[id],
    );
    expect(Object.fromEntries(lanes)).toEqual({ short: 0, next: 0, far: 0, long: 1 });
    expect(arcLift(1, 0)).toBeGreaterThan(arcLift(0, 0));
    // The arc rises above both ends; its label sits on it half-way.
    // 400 apart: lifted 96 + 400 × 0.06 = 120 above them; the label three quarters of the way up.
    const { path, x, y } = arcPath(0, 100, 400, 100, 0);
    expect(path).toBe('M 0,100 C 100,-20 300,-20 400,100');
    expect([x, y]).toEqual([200, 10]);
  });
});

describe('steps', () => {
  it('dims the steps no case reached and marks those of the case shown', () => {
    const nodes: Node[] = wf.nodes.map((n) => ({ id: n.id, position: n.position, data: {} }));
    const decorate = createLogNodeDecorator();
    const visited = new Set(view.visited.filter((id) => id !== 'n13'));
    const shown = decorate(nodes, visited, null);
    expect(shown.filter((n) => n.className).map((n) => [n.id, n.className])).toEqual([['n13', 'log-unvisited']]);
    // Untouched steps keep their objects.
    expect(shown[0]).toBe(nodes[0]);
    expect(decorate(nodes, visited, null)[12]).toBe(shown[12]);
    const inCase = decorate(nodes, visited, new Set(view.casePaths['C-0009'].nodes));
    expect(inCase.find((n) => n.id === 'n8')!.className).toBe('log-off-case');
    expect(inCase.find((n) => n.id === 'n9')!.className).toBe('log-in-case');
  });
});
