// The heat map's scale: levels from the values, the figure each step wears, object reuse so that only
// steps whose heat changed re-render, link widths, and the legend's scale.
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { edgeHeats, heatLevel, heatScale, HEAT_LEVELS, nodeHeats, NO_HEAT, type NodeHeat } from '../../../renderer/src/batch/heat';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Edge } from '@xyflow/react';
import { createEdgeWidener, heatNodeClass, traversalText } from '../../../renderer/src/batch/hooks';
import type { BatchMetrics } from '../../../shared/simulation/metrics-schema';

function metrics(nodeVisits: Record<string, number>, nodeMeanSeconds: Record<string, number>, edgeTraversals: Record<string, number> = {}): BatchMetrics {
  return {
    runs: 100,
    outcomes: {},
    stopped: {},
    completedWithoutHuman: 0,
    reviewed: 0,
    escalated: 0,
    deniedCalls: 0,
    failedCalls: 0,
    errors: 0,
    deniedCallsByNode: {},
    errorsByNode: {},
    cycleTimeMinutes: { mean: 0, p50: 0, p90: 0, p95: 0, max: 0 },
    slaMinutes: null,
    slaBreaches: null,
    reviewerWorkload: {},
    steps: 0,
    nodeVisits,
    nodeMeanSeconds,
    edgeTraversals,
  };
}

const NONE: ReadonlyMap<string, NodeHeat> = new Map();

describe('heatLevel', () => {
  it('is 0 for nothing and 1…5 on a linear scale, the maximum at 5', () => {
    expect(heatLevel(0, 100)).toBe(0);
    expect(heatLevel(5, 0)).toBe(0);
    expect(heatLevel(100, 100)).toBe(HEAT_LEVELS);
    expect(heatLevel(20, 100)).toBe(1);
    expect(heatLevel(21, 100)).toBe(2);
    expect(heatLevel(60, 100)).toBe(3);
    expect(heatLevel(61, 100)).toBe(4);
    // A step that was used never looks unused.
    expect(heatLevel(0.001, 1_000_000)).toBe(1);
  });

  it('never decreases as the value grows, and stays within 1…5 for values above zero', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const max = b;
        const la = heatLevel(a, max);
        const lb = heatLevel(b, max);
        return la >= 1 && lb === HEAT_LEVELS && la <= lb;
      }),
    );
  });
});

describe('nodeHeats', () => {
  const m = metrics({ a: 200, b: 50, c: 0 }, { a: 0.5, b: 7200, c: 0 }, { e1: 200, e2: 50, e3: 0 });

  it('colours steps by visits, with the count as their figure, and marks unreached steps', () => {
    const heats = nodeHeats(m, 'visits', NONE);
    expect(heats.get('a')).toMatchObject({ level: 5, reached: true, text: '200' });
    expect(heats.get('a')!.title).toBe('Items entered this step 200 times in 100 items.');
    expect(heats.get('b')).toMatchObject({ level: 2, reached: true, text: '50' });
    expect(heats.get('c')).toMatchObject({ level: 0, reached: false, text: '0' });
  });

  it('colours steps by mean time, written as a duration', () => {
    const heats = nodeHeats(m, 'time', NONE);
    expect(heats.get('b')).toMatchObject({ level: 5, text: '2 h' });
    expect(heats.get('a')).toMatchObject({ level: 1, text: '0.5 s' });
    expect(heats.get('c')).toMatchObject({ reached: false });
  });

  it('keeps the objects of unchanged steps, and the map itself when nothing changed', () => {
    const first = nodeHeats(m, 'visits', NONE);
    expect(nodeHeats(m, 'visits', first)).toBe(first);
    const more = metrics({ a: 200, b: 60, c: 0 }, m.nodeMeanSeconds);
    const next = nodeHeats(more, 'visits', first);
    expect(next).not.toBe(first);
    expect(next.get('a')).toBe(first.get('a'));
    expect(next.get('c')).toBe(first.get('c'));
    expect(next.get('b')).not.toBe(first.get('b'));
    expect(next.get('b')).toMatchObject({ level: 2, text: '60' });
  });

  it('is empty when off or without a batch, reusing the empty map', () => {
    const on = nodeHeats(m, 'visits', NONE);
    const off = nodeHeats(m, 'off', on);
    expect(off.size).toBe(0);
    expect(nodeHeats(null, 'visits', off)).toBe(off);
  });
});

describe('edgeHeats and the legend', () => {
  const m = metrics({ a: 10 }, { a: 90 }, { e1: 200, e2: 50, e3: 0 });

  it('widens links by traversals and keeps an unchanged map', () => {
    const edges = edgeHeats(m, 'visits', new Map());
    expect([...edges]).toEqual([
      ['e1', 5],
      ['e2', 2],
      ['e3', 0],
    ]);
    expect(edgeHeats(m, 'time', edges)).toBe(edges);
    expect(edgeHeats(m, 'off', edges).size).toBe(0);
  });

  it('gives the hottest value and the busiest link for the legend', () => {
    expect(heatScale(m, 'visits')).toEqual({ mode: 'visits', maxText: '10 visits', edgeMax: 200, edgeMaxText: '200 items' });
    expect(heatScale(m, 'time').maxText).toBe('1 min 30 s on average');
  });

  it('gives steps their classes: none while off, a level, or unreached', () => {
    const heats = nodeHeats(metrics({ a: 10, b: 0 }, { a: 1, b: 0 }), 'visits', NONE);
    expect(heatNodeClass(NO_HEAT)).toBe('');
    expect(heatNodeClass(heats.get('a')!)).toBe(' heat heat-l5');
    expect(heatNodeClass(heats.get('b')!)).toBe(' heat heat-unreached');
  });
});

describe('the widened links', () => {
  const edges: Edge[] = [
    { id: 'e1', source: 'a', target: 'b' },
    { id: 'e2', source: 'b', target: 'c', label: 'error' },
    { id: 'e3', source: 'b', target: 'd' },
  ];
  const levels = new Map([
    ['e1', 5],
    ['e2', 1],
    ['e3', 0],
  ]);
  const counts = { e1: 1234, e2: 1, e3: 0 };
  const text = (label: ReactNode) => renderToStaticMarkup(createElement('svg', null, createElement('text', null, label)));

  it('say how many items followed them, as a label with a tooltip and to screen readers', () => {
    const [e1, e2, e3] = createEdgeWidener()(edges, levels, counts);
    expect(traversalText(1234)).toBe('1,234 items followed this link');
    expect(e1).toMatchObject({ className: 'heat-edge heat-w5', ariaLabel: '1,234 items followed this link' });
    expect(text(e1.label)).toBe('<svg><text><title>1,234 items followed this link</title>1,234</text></svg>');
    // A link's own label stays, with the count after it.
    expect(e2.ariaLabel).toBe('error: 1 item followed this link');
    expect(text(e2.label)).toBe('<svg><text><title>1 item followed this link</title>error · 1</text></svg>');
    // A link nobody followed gets no label: a big canvas stays light.
    expect(e3).toMatchObject({ ariaLabel: '0 items followed this link' });
    expect(e3.label).toBeUndefined();
  });

  it('keep their objects while level and count stay, and leave links alone while the heat map is off', () => {
    const widen = createEdgeWidener();
    const first = widen(edges, levels, counts);
    expect(widen(edges, levels, counts)).toEqual(first);
    expect(widen(edges, levels, counts)[0]).toBe(first[0]);
    expect(widen(edges, levels, { ...counts, e1: 1300 })[0]).not.toBe(first[0]);
    expect(widen(edges, new Map(), null)).toBe(edges);
  });
});
