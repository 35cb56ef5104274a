// Comparing two batches: each figure's difference, its direction and whether it is for the better;
// counts per 1,000 items when the batches differ in size; settings and workflow differences.
import { describe, expect, it } from 'vitest';
import { changeOf, compareBatches, deltaText, toneOf, valueText, type BatchSide } from '../../../renderer/src/batch/compare';
import type { Workflow } from '../../../shared/model/schema';
import type { BatchSettings } from '../../../shared/simulation/batch-settings';
import type { BatchMetrics } from '../../../shared/simulation/metrics-schema';
import { supportTemplate } from '../../backend/simulation-helpers';

const SETTINGS: BatchSettings = { runs: 1000, seed: 1, inputs: { from: 'scenarios' }, faults: { aiUnavailable: 0, aiUnsure: 0, connectorFailure: 0 }, slaMinutes: null };

function metrics(overrides: Partial<BatchMetrics> = {}): BatchMetrics {
  return {
    runs: 1000,
    outcomes: { resolved: 600, escalated: 300 },
    stopped: { 'no-error-path': 100 },
    completedWithoutHuman: 500,
    reviewed: 400,
    escalated: 300,
    deniedCalls: 20,
    failedCalls: 5,
    errors: 30,
    deniedCallsByNode: {},
    errorsByNode: {},
    cycleTimeMinutes: { mean: 40, p50: 20, p90: 100, p95: 240, max: 300 },
    slaMinutes: null,
    slaBreaches: null,
    reviewerWorkload: { Supervisor: { items: 400, approved: 300, rejected: 50, timedOut: 50, hours: 800 } },
    steps: 5000,
    nodeVisits: { n1: 1000, n2: 400 },
    nodeMeanSeconds: { n1: 1, n2: 3600 },
    edgeTraversals: {},
    ...overrides,
  };
}

function side(id: string, m: BatchMetrics, settings = SETTINGS, document: Workflow | null = null): BatchSide {
  return { id, startedAt: null, settings, metrics: m, cancelled: false, document };
}

const rowOf = (c: ReturnType<typeof compareBatches>, key: string) => c.rows.find((r) => r.key === key)!;

describe('compareBatches', () => {
  it('compares shares, counts, cycle times and reviewer hours, each with its direction and tone', () => {
    const before = metrics();
    const after = metrics({
      outcomes: { resolved: 700, escalated: 250 },
      stopped: { 'no-error-path': 50 },
      completedWithoutHuman: 650,
      escalated: 250,
      errors: 12,
      cycleTimeMinutes: { mean: 30, p50: 25, p90: 100, p95: 120, max: 300 },
      reviewerWorkload: { Supervisor: { items: 300, approved: 250, rejected: 25, timedOut: 25, hours: 500 } },
      nodeVisits: { n1: 1000, n2: 300 },
    });
    const c = compareBatches(side('a', before), side('b', after));
    expect(c.perThousand).toBe(false);
    expect(rowOf(c, 'outcome:resolved')).toMatchObject({ a: 0.6, b: 0.7, unit: 'share', change: 'up', tone: 'neutral' });
    expect(rowOf(c, 'stopped:no-error-path')).toMatchObject({ a: 0.1, b: 0.05, change: 'down', tone: 'better' });
    expect(rowOf(c, 'withoutHuman')).toMatchObject({ change: 'up', tone: 'better' });
    expect(rowOf(c, 'escalated')).toMatchObject({ change: 'down', tone: 'better' });
    expect(rowOf(c, 'errors')).toMatchObject({ a: 30, b: 12, unit: 'count', tone: 'better' });
    expect(rowOf(c, 'denied')).toMatchObject({ change: 'same', tone: 'same' });
    expect(rowOf(c, 'p50')).toMatchObject({ a: 20, b: 25, change: 'up', tone: 'worse' });
    expect(rowOf(c, 'p95')).toMatchObject({ a: 240, b: 120, change: 'down', tone: 'better' });
    const cycle = 'Cycle time (to the end or the hand-off)';
    expect(rowOf(c, 'p90')).toMatchObject({ group: cycle, label: 'p90', a: 100, b: 100, change: 'same' });
    expect(rowOf(c, 'max')).toMatchObject({ group: cycle, label: 'Longest (max)', a: 300, b: 300, change: 'same' });
    expect(c.rows.filter((r) => r.group === cycle).map((r) => r.key)).toEqual(['p50', 'p90', 'p95', 'max', 'mean']);
    expect(rowOf(c, 'escalated').label).toBe('Handed to a team');
    // B escalated fewer items: its cycle times are compared as usual, and nothing needs saying.
    expect(c.handOffNote).toBeNull();
    expect(rowOf(c, 'withoutHuman').label).toBe('Completed without a person');
    expect(rowOf(c, 'reviewer-hours:Supervisor')).toMatchObject({ a: 800, b: 500, unit: 'hours', tone: 'better' });
    expect(rowOf(c, 'reviewer-items:Supervisor')).toMatchObject({ a: 400, b: 300, tone: 'neutral' });
    expect(rowOf(c, 'step:n2')).toMatchObject({ a: 0.4, b: 0.3, unit: 'share', change: 'down' });
    // No SLA on either side: no SLA row.
    expect(c.rows.some((r) => r.key === 'sla')).toBe(false);
  });

  it('puts counts and hours per 1,000 items when the batches ran different numbers of items', () => {
    const small = metrics({ runs: 500, errors: 30, reviewerWorkload: { Supervisor: { items: 200, approved: 200, rejected: 0, timedOut: 0, hours: 100 } } });
    const big = metrics({ runs: 2000, errors: 120, reviewerWorkload: { Supervisor: { items: 800, approved: 800, rejected: 0, timedOut: 0, hours: 400 } } });
    const c = compareBatches(side('a', small, { ...SETTINGS, runs: 500 }), side('b', big, { ...SETTINGS, runs: 2000 }));
    expect(c.perThousand).toBe(true);
    expect(rowOf(c, 'errors')).toMatchObject({ a: 60, b: 60, change: 'same' });
    expect(rowOf(c, 'reviewer-hours:Supervisor')).toMatchObject({ a: 200, b: 200, change: 'same' });
    expect(c.settings[0]).toEqual({ label: 'Items', a: '500', b: '2,000', differs: true });
  });

  it('lists outcomes, roles and steps only one side has, with — where the other has no such step', () => {
    const a = metrics({ outcomes: { resolved: 1000 }, nodeVisits: { n1: 1000, gate: 200 }, reviewerWorkload: {} });
    const b = metrics({ outcomes: { resolved: 900, rejected: 100 }, nodeVisits: { n1: 1000, gate2: 300 } });
    const c = compareBatches(side('a', a), side('b', b));
    expect(rowOf(c, 'outcome:rejected')).toMatchObject({ a: 0, b: 0.1, change: 'up' });
    expect(rowOf(c, 'step:gate')).toMatchObject({ a: 0.2, b: null, change: 'down' });
    expect(rowOf(c, 'step:gate2')).toMatchObject({ a: null, b: 0.3, change: 'up' });
    expect(valueText(rowOf(c, 'step:gate').b, 'share')).toBe('—');
    expect(rowOf(c, 'reviewer-hours:Supervisor')).toMatchObject({ a: 0, b: 800, tone: 'worse' });
  });

  it('names steps after the later document, notices a changed workflow and differing settings', () => {
    const wf = supportTemplate();
    const moved: Workflow = { ...wf, edges: wf.edges.slice(1) };
    const c = compareBatches(side('a', metrics({ nodeVisits: { n1: 10 } }), SETTINGS, wf), side('b', metrics({ nodeVisits: { n1: 10 } }), { ...SETTINGS, seed: 9, slaMinutes: 60 }, moved));
    expect(rowOf(c, 'step:n1').label).toBe(wf.nodes.find((n) => n.id === 'n1')!.label);
    expect(c.workflowChanged).toBe(true);
    expect(c.settings.filter((s) => s.differs).map((s) => s.label)).toEqual(['Seed', 'SLA']);
    expect(compareBatches(side('a', metrics(), SETTINGS, wf), side('b', metrics(), SETTINGS, structuredClone(wf))).workflowChanged).toBe(false);
  });

  it('never calls shorter cycle times better when B hands more items to a team, and says why', () => {
    const before = metrics({ escalated: 200, cycleTimeMinutes: { mean: 60, p50: 30, p90: 200, p95: 300, max: 400 } });
    // More hand-offs, and so shorter times on the clock (the team's time is not counted).
    const after = metrics({ escalated: 450, cycleTimeMinutes: { mean: 20, p50: 5, p90: 100, p95: 150, max: 400 } });
    const c = compareBatches(side('a', before), side('b', after));
    expect(rowOf(c, 'escalated')).toMatchObject({ change: 'up', tone: 'worse' });
    for (const key of ['p50', 'p90', 'p95', 'mean']) expect(rowOf(c, key), key).toMatchObject({ change: 'down', tone: 'neutral' });
    expect(c.handOffNote).toMatch(/^B hands a larger share of items to a team\. Cycle times end at an escalation’s hand-off: the time the receiving team then takes is not counted\./);
    // A longer time with more hand-offs is still worse.
    expect(rowOf(compareBatches(side('a', before), side('b', { ...after, cycleTimeMinutes: { ...after.cycleTimeMinutes, max: 900 } })), 'max')).toMatchObject({ change: 'up', tone: 'worse' });
    // The other way round (fewer hand-offs), times are compared again.
    const back = compareBatches(side('a', after), side('b', before));
    expect(rowOf(back, 'p50')).toMatchObject({ change: 'up', tone: 'worse' });
    expect(back.handOffNote).toBeNull();
  });

  it('compares the share over the SLA when either batch had one', () => {
    const c = compareBatches(side('a', metrics()), side('b', metrics({ slaMinutes: 60, slaBreaches: 250 })));
    expect(rowOf(c, 'sla')).toMatchObject({ a: null, b: 0.25, tone: 'worse' });
  });
});

describe('differences in words', () => {
  it('ignores rounding, and says better or worse only where one way is better', () => {
    expect(changeOf(0.5, 0.5004, 'share')).toBe('same');
    expect(changeOf(0.5, 0.501, 'share')).toBe('up');
    expect(changeOf(null, 0, 'count')).toBe('same');
    expect(toneOf('up', 'lower')).toBe('worse');
    expect(toneOf('down', 'lower')).toBe('better');
    expect(toneOf('up', 'higher')).toBe('better');
    expect(toneOf('up', null)).toBe('neutral');
    expect(toneOf('same', 'lower')).toBe('same');
  });

  it('writes values and signed differences in their units', () => {
    const c = compareBatches(side('a', metrics()), side('b', metrics({ completedWithoutHuman: 532, errors: 41, cycleTimeMinutes: { mean: 40, p50: 8, p90: 100, p95: 240, max: 300 } })));
    expect(deltaText(rowOf(c, 'withoutHuman'))).toBe('+3.2 pts');
    expect(deltaText(rowOf(c, 'errors'))).toBe('+11');
    expect(deltaText(rowOf(c, 'p50'))).toBe('−12 min');
    expect(deltaText(rowOf(c, 'denied'))).toBe('no change');
    expect(valueText(0.532, 'share')).toBe('53.2 %');
    expect(valueText(1234.56, 'count')).toBe('1,234.6');
    expect(valueText(800, 'hours')).toBe('800 h');
    expect(valueText(90, 'minutes')).toBe('1 h 30 min');
  });
});
