// Fitness against values computed by hand: the worked example of docs/CONFORMANCE.md, and small logs
// that each show one rule of the definition.
import { describe, expect, it } from 'vitest';
import { conform } from '../../../shared/conformance/conform';
import { example, logOf } from './helpers';

const fitnessOf = (result: ReturnType<typeof conform>, caseId: string) => result.replays.find((r) => r.id === caseId)!.fitness;

describe('fitness', () => {
  it('matches the worked example of docs/CONFORMANCE.md', () => {
    const c = conform(
      example(),
      logOf({
        '1': ['Receive', 'Draft', 'Approve', 'Send'],
        '2': ['Receive', 'Draft', 'Send'],
        '3': ['Receive', 'Approve', 'Draft', 'Send'],
        '4': ['Receive', 'Draft', 'Approve', 'Call customer', 'Send'],
        '5': ['Receive', 'Draft', 'By hand'],
      }),
    );
    // m₀ = 3: Receive → Draft → By hand (recorded) → Handled (never recorded, free).
    expect(c.replays.map((r) => r.cost)).toEqual([0, 1, 2, 1, 0]);
    expect(fitnessOf(c, '1')).toBe(1);
    expect(fitnessOf(c, '2')).toBeCloseTo(1 - 1 / 6, 10);
    expect(fitnessOf(c, '3')).toBeCloseTo(1 - 2 / 7, 10);
    expect(fitnessOf(c, '4')).toBeCloseTo(1 - 1 / 8, 10);
    // Σ cost 4 over Σ (|σ| + 3) = 7 + 6 + 7 + 8 + 6 = 34.
    expect(c.result.fitness).toBeCloseTo(1 - 4 / 34, 4);
    expect(c.result.fittingCases).toBe(2);
    expect(c.result.deviatingCases).toEqual([
      { caseId: '2', fitness: 0.8333, deviations: [{ kind: 'skipped', activity: 'Approve', nodeId: 'a' }] },
      { caseId: '3', fitness: 0.7143, deviations: [{ kind: 'wrong-order', activity: expect.stringMatching(/^(Approve|Draft)$/), nodeId: expect.stringMatching(/^(a|d)$/) }] },
      { caseId: '4', fitness: 0.875, deviations: [{ kind: 'not-in-design', activity: 'Call customer' }] },
    ]);
  });

  it('gives cases 1–4 alone the fitness the document computes: without By hand in the log, m₀ is 2', () => {
    const c = conform(
      example(),
      logOf({
        '1': ['Receive', 'Draft', 'Approve', 'Send'],
        '2': ['Receive', 'Draft', 'Send'],
        '3': ['Receive', 'Approve', 'Draft', 'Send'],
        '4': ['Receive', 'Draft', 'Approve', 'Call customer', 'Send'],
        '5': ['Receive', 'Draft', 'By hand'],
      }),
    );
    const without5 = conform(example(), logOf({ '1': ['Receive', 'Draft', 'Approve', 'Send'], '2': ['Receive', 'Draft', 'Send'], '3': ['Receive', 'Approve', 'Draft', 'Send'], '4': ['Receive', 'Draft', 'Approve', 'Call customer', 'Send'] }));
    // Without "By hand" in the log, the cheapest run is Receive → Draft → (By hand, free) → Handled: m₀ = 2.
    expect(without5.replays.map((r) => r.cost)).toEqual([0, 1, 2, 1]);
    expect(without5.result.fitness).toBeCloseTo(1 - 4 / (6 + 5 + 6 + 7), 4);
    expect(c.result.fitness).not.toBe(without5.result.fitness);
  });

  it('charges nothing for steps the log never records, and 1 for each one it does', () => {
    // Nobody logs the approval here: skipping it is not a deviation (the approval check still sees it).
    const unrecorded = conform(example(), logOf({ x: ['Receive', 'Draft', 'Send'] }));
    expect(unrecorded.replays[0].cost).toBe(0);
    expect(unrecorded.result.fitness).toBe(1);
    expect(unrecorded.result.unrecordedSteps).toEqual(['a', 'sent', 'h', 'handled']);
    const recorded = conform(example(), logOf({ x: ['Receive', 'Draft', 'Send'], y: ['Receive', 'Draft', 'Approve', 'Send'] }));
    expect(recorded.replays[0].cost).toBe(1);
  });

  it('gives 0 to a case the design explains not at all', () => {
    const c = conform(example(), logOf({ ok: ['Receive', 'Draft', 'By hand'], lost: ['Lunch break'] }));
    // Recorded: Receive, Draft, By hand. The cheapest run is Receive → Draft → Approve → Send → Sent,
    // of which only Receive and Draft are recorded (m₀ = 2). Lunch break log-only (1) + those two = 3.
    expect(c.replays[1].cost).toBe(3);
    expect(c.replays[1].fitness).toBe(0);
    expect(c.result.fitness).toBeCloseTo(1 - 3 / (3 + 2 + (1 + 2)), 4);
  });

  it('makes the token leave a step by the outcome the log gives', () => {
    const cases = { x: ['Receive', 'Draft', 'Approve=rejected', 'Send'], y: ['Receive', 'Draft', 'By hand'] };
    const c = conform(example(), logOf(cases));
    // Rejected leads to By hand, so Send cannot follow: one log-only and one model-only move.
    expect(c.replays[0].cost).toBe(2);
    expect(c.replays[0].fitness).toBeCloseTo(1 - 2 / 7, 10);
    const without = conform(example(), logOf({ ...cases, x: ['Receive', 'Draft', 'Approve', 'Send'] }));
    expect(without.replays[0].cost).toBe(0);
  });

  it('counts each event of a repeated step past the first as out of turn', () => {
    const c = conform(example(), logOf({ x: ['Receive', 'Draft', 'Draft', 'Approve', 'Send'] }));
    expect(c.replays[0].cost).toBe(1);
    expect(c.result.deviatingCases[0].deviations).toEqual([{ kind: 'wrong-order', activity: 'Draft', nodeId: 'd' }]);
  });
});
