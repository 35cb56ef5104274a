// The A* alignment against an exhaustive search on small random workflows (loops, dead ends, shared
// targets) and random cases: the same least cost every time, and moves that really explain the case.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conform, ConformanceError } from '../../../shared/conformance/conform';
import { outputsOf } from '../../../shared/kinds/registry';
import type { Workflow } from '../../../shared/model/schema';
import { ai, approval, decision, end, escalation, integration, intake, workflow } from '../simulation/build';
import { logOf } from './helpers';

const KINDS = ['ai', 'integration', 'decision', 'approval', 'escalation', 'end'] as const;

function build(kinds: number[], targets: number[][]): Workflow {
  const nodes = kinds.map((k, i) => {
    const id = `s${i}`;
    if (i === 0) return intake(id);
    switch (KINDS[k]) {
      case 'ai':
        return ai(id, { task: 'classify' });
      case 'integration':
        return integration(id, 'none', 'none');
      case 'decision':
        return decision(id, [{ id: 'r1', when: { all: [] } }]);
      case 'approval':
        return approval(id);
      case 'escalation':
        return escalation(id);
      default:
        return end(id);
    }
  });
  const wf = workflow({ nodes, edges: [] });
  const edges: [string, string, string][] = [];
  wf.nodes.forEach((node, i) => {
    outputsOf(node).forEach((h, j) => {
      const t = targets[i][j % targets[i].length];
      if (t >= 0 && t < wf.nodes.length) edges.push([node.id, h.id, `s${t}`]);
    });
  });
  return workflow({ nodes, edges });
}

/** Least alignment cost by brute force: layer by layer over events, model moves relaxed to a fixed point. */
function reference(wf: Workflow, activities: string[], outcomes: (string | undefined)[]): number {
  const recorded = new Set(activities.filter((a) => wf.nodes.some((n) => n.id === a)));
  const ids = wf.nodes.map((n) => n.id);
  const cost = (id: string) => (recorded.has(id) ? 1 : 0);
  // A state is "start", or "<node>|<handle or empty>".
  const next = (state: string): string[] => {
    if (state === 'start') return wf.nodes.filter((n) => n.kind === 'intake').map((n) => n.id);
    const [id, handle] = state.split('|');
    const node = wf.nodes.find((n) => n.id === id)!;
    const out: string[] = [];
    for (const h of outputsOf(node)) {
      if (handle && h.id !== handle) continue;
      const edge = wf.edges.find((e) => e.source === id && e.sourceHandle === h.id);
      if (edge && !out.includes(edge.target)) out.push(edge.target);
    }
    return out;
  };
  const stateAfter = (id: string, outcome: string | undefined) => {
    const node = wf.nodes.find((n) => n.id === id)!;
    return `${id}|${outcome && outputsOf(node).some((h) => h.id === outcome) ? outcome : ''}`;
  };
  let layer = new Map<string, number>([['start', 0]]);
  const count = activities.length;
  for (let i = 0; i <= count; i++) {
    for (let changed = true; changed; ) {
      changed = false;
      for (const [s, g] of [...layer]) {
        for (const v of next(s)) {
          const t = `${v}|`;
          if (g + cost(v) < (layer.get(t) ?? Infinity)) {
            layer.set(t, g + cost(v));
            changed = true;
          }
        }
      }
    }
    if (i === count) break;
    const following = new Map<string, number>();
    const put = (s: string, g: number) => {
      if (g < (following.get(s) ?? Infinity)) following.set(s, g);
    };
    for (const [s, g] of layer) {
      put(s, g + 1);
      if (ids.includes(activities[i]) && next(s).includes(activities[i])) put(stateAfter(activities[i], outcomes[i]), g);
    }
    layer = following;
  }
  // A case may finish after a step without outputs, or one it may leave by an output with no edge.
  const canFinish = (state: string): boolean => {
    if (state === 'start') return false;
    const [id, handle] = state.split('|');
    const node = wf.nodes.find((n) => n.id === id)!;
    const handles = outputsOf(node).filter((h) => !handle || h.id === handle);
    return !outputsOf(node).length || handles.some((h) => !wf.edges.some((e) => e.source === id && e.sourceHandle === h.id));
  };
  let best = Infinity;
  for (const [s, g] of layer) if (canFinish(s)) best = Math.min(best, g);
  return best;
}

const OUTCOMES = [undefined, 'ok', 'error', 'approved', 'rejected', 'timeout', 'r1', 'else', 'low_confidence'];

describe('optimal alignment', () => {
  it('finds the least cost an exhaustive search finds, with moves that explain the case', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }).chain((size) =>
          fc.record({
            kinds: fc.array(fc.integer({ min: 0, max: KINDS.length - 1 }), { minLength: size, maxLength: size }),
            targets: fc.array(fc.array(fc.integer({ min: -1, max: size - 1 }), { minLength: 1, maxLength: 3 }), { minLength: size, maxLength: size }),
            events: fc.array(fc.record({ at: fc.integer({ min: 0, max: size }), outcome: fc.integer({ min: 0, max: OUTCOMES.length - 1 }) }), { minLength: 1, maxLength: 7 }),
          }),
        ),
        ({ kinds, targets, events }) => {
          const wf = build(kinds, targets);
          const activities = events.map((e) => (e.at < wf.nodes.length ? wf.nodes[e.at].id : 'not a step'));
          const outcomes = events.map((e) => OUTCOMES[e.outcome]);
          const expected = reference(wf, activities, outcomes);
          const entries = activities.map((a, i) => (outcomes[i] ? `${a}=${outcomes[i]}` : a));
          let result;
          try {
            result = conform(wf, logOf({ c: entries }));
          } catch (e) {
            // Only a workflow no case can finish on is refused.
            expect(e).toBeInstanceOf(ConformanceError);
            expect(expected).toBe(Infinity);
            return;
          }
          const replay = result.replays[0];
          expect(replay.cost).toBe(expected);
          // Every event is used once, in order; the moves cost what the alignment says.
          const used = replay.moves.filter((m) => m.kind !== 'model').map((m) => (m as { event: number }).event);
          expect(used).toEqual(activities.map((_, i) => i));
          const paid = replay.moves.reduce((sum, m) => sum + (m.kind === 'log' ? 1 : m.kind === 'model' ? result.model.cost[m.node] : 0), 0);
          expect(paid).toBe(expected);
          // A synchronous move does the event's own step.
          for (const m of replay.moves) if (m.kind === 'sync') expect(wf.nodes[m.node].id).toBe(activities[m.event]);
          expect(replay.fitness).toBeGreaterThanOrEqual(0);
          expect(replay.fitness).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 400 },
    );
  });
});
