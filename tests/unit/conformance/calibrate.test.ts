// Calibration: the numbers written from a log, how they are written into the workflow, and a batch of
// the calibrated workflow answering at approvals as the log's reviewers did.
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { batchLog } from '../../../scripts/generate-sample-log';
import { applyCalibration, calibrationOf } from '../../../shared/conformance/calibrate';
import { conform } from '../../../shared/conformance/conform';
import { fitCutLogNormal, normalCdf, normalQuantile } from '../../../shared/conformance/lognormal';
import { percentile } from '../../../shared/conformance/stats';
import type { Workflow } from '../../../shared/model/schema';
import { runBatch } from '../../../shared/simulation/batch';
import { logNormal, seededRandom } from '../../../shared/simulation/random';
import { parseSimulationSection, SimulationSpecError } from '../../../shared/simulation/scenario';
import { example, logOf, SUPPORT, template } from './helpers';

/** The example with a gate that never times out: answers are not cut, so the numbers are the log's own. */
function noTimeout(): Workflow {
  const wf = example();
  return { ...wf, nodes: wf.nodes.map((n) => (n.kind === 'approval' ? { ...n, config: { ...n.config, timeoutHours: null } } : n)) };
}

describe('calibration from a log', () => {
  // Events a minute apart, so every step takes 1 minute; approvals below take longer.
  const log = logOf({
    a: ['Receive', 'Draft', 'Approve', 'Send'],
    b: ['Receive', 'Draft', 'Approve', 'Send'],
    c: ['Receive', 'Draft', 'Approve', 'By hand'],
    d: ['Receive', 'Draft', 'Approve', 'Send'],
    e: ['Receive', 'Draft', 'By hand'],
  });
  log.events.filter((e) => e.activity === 'Approve').forEach((e, i) => (e.time += [10, 30, 50, 90][i] * 60_000));
  // Later events of those cases move with their approval.
  for (const caseId of ['a', 'b', 'c', 'd']) {
    const events = log.events.filter((e) => e.caseId === caseId);
    events[3].time = events[2].time + 60_000;
  }

  it('writes reviewer shares and response times, output shares and durations', () => {
    const wf = noTimeout();
    const c = calibrationOf(wf, conform(wf, log), 'log.csv');
    // Approve took 11, 31, 51 and 91 minutes since the draft (a minute apart plus the delays above).
    expect(c.reviewers).toEqual({ Owner: { approve: 0.75, reject: 0.25, timeout: 0, responseMinutes: { median: 31, p90: 91 } } });
    expect(c.handles).toEqual({ d: { ok: 0.8, low_confidence: 0.2, error: 0 }, s: { ok: 1, error: 0 } });
    // Every step but the approval; the intake (a case's first event) has no duration.
    expect(c.durations).toEqual({ d: { median: 1, p90: 1 }, s: { median: 1, p90: 1 }, h: { median: 1, p90: 1 } });
    expect(c.source).toEqual({ log: 'log.csv', cases: 5, events: 19 });
    expect(c.observations).toMatchObject({ Owner: 4, d: 5, s: 3 });
  });

  it('writes into the simulation section, keeping what the log says nothing about', () => {
    const wf: Workflow = {
      ...noTimeout(),
      simulation: {
        scenarios: [{ id: 'one', input: { x: 1 } }],
        reviewers: { OWNER: { approve: 0.5, reject: 0.5, note: 'kept' }, Finance: { approve: 1 } },
        durations: { old: { median: 2, p90: 3 } },
        extra: true,
      },
    };
    const calibration = calibrationOf(wf, conform(wf, log), 'log.csv');
    const next = applyCalibration(wf, calibration);
    const section = next.simulation as Record<string, unknown>;
    expect(section.scenarios).toEqual([{ id: 'one', input: { x: 1 } }]);
    expect(section.extra).toBe(true);
    // The profile the engine would pick for "Owner" (any case) is the one replaced.
    expect(section.reviewers).toEqual({ OWNER: { note: 'kept', ...calibration.reviewers.Owner }, Finance: { approve: 1 } });
    expect(section.durations).toEqual({ old: { median: 2, p90: 3 }, ...calibration.durations });
    expect(section.calibration).toEqual({ log: 'log.csv', cases: 5, events: 19 });
    expect(() => parseSimulationSection(next.simulation)).not.toThrow();
    expect(next.nodes).toBe(wf.nodes);
  });

  it('writes nothing over a simulation section it cannot read', () => {
    const wf = { ...noTimeout(), simulation: { reviewers: { Owner: { approve: 2 } } } };
    expect(() => applyCalibration(wf, calibrationOf(wf, conform(wf, log), 'log.csv'))).toThrow(SimulationSpecError);
  });
});

describe('response times cut at a timeout', () => {
  it('has a normal distribution function and its inverse that agree', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.2815515655446004)).toBeCloseTo(0.9, 6);
    for (const p of [0.001, 0.02, 0.3, 0.5, 0.77, 0.99]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
  });

  it('finds the uncut log-normal from the answers that came before the cut', () => {
    const random = seededRandom(42);
    const cut = 240;
    const draws = Array.from({ length: 40_000 }, () => logNormal(random, 30, 240));
    const answered = Float64Array.from(draws.filter((d) => d <= cut)).sort();
    const fit = fitCutLogNormal(percentile(answered, 0.5), percentile(answered, 0.9), cut);
    expect(fit.median / 30).toBeGreaterThan(0.93);
    expect(fit.median / 30).toBeLessThan(1.07);
    expect(fit.p90 / 240).toBeGreaterThan(0.9);
    expect(fit.p90 / 240).toBeLessThan(1.1);
    expect(fit.beyond).toBeCloseTo(1 - answered.length / draws.length, 2);
    expect(fitCutLogNormal(30, 240, null)).toEqual({ median: 30, p90: 240, beyond: 0 });
  });
});

describe('a batch of the calibrated workflow', () => {
  it('decides at approvals as often, and answers as fast, as the log\'s reviewers did', () => {
    const data = loadSampleData();
    const wf = template(SUPPORT);
    // The log: a batch with a reviewer profile unlike the template's.
    const truth = { ...wf, simulation: { ...wf.simulation, reviewers: { 'Support supervisor': { approve: 0.6, reject: 0.25, timeout: 0.15, responseMinutes: { median: 45, p90: 300 } } } } };
    const settings = { inputs: { from: 'dataset' as const, dataset: 'tickets' }, faults: { aiUnsure: 0, aiUnavailable: 0, connectorFailure: 0 } };
    const rows = batchLog(truth, data, { runs: 6000, seed: 8, settings });
    const conformance = conform(wf, { format: 'csv', events: rows, fields: { caseId: 'case_id', activity: 'activity', time: 'timestamp' }, ignoredEvents: 0 });
    const logShares = conformance.result.handleCounts['n8'];
    const logTotal = logShares.approved + logShares.rejected + logShares.timeout;
    const logAnswers = conformance.replays.flatMap((r) => r.path.filter((p) => r.events[p.event ?? -1]?.activity === 'Supervisor approves reply' && p.handle !== 'timeout').map((p) => (r.events[p.event!].time - r.events[p.event! - 1].time) / 60_000));
    const calibrated = applyCalibration(wf, calibrationOf(wf, conformance, 'log.csv'));

    const result = runBatch(calibrated, data, { runs: 6000, seed: 99, ...settings });
    const load = result.metrics.reviewerWorkload['Support supervisor'];
    const total = load.approved + load.rejected + load.timedOut;
    expect(Math.abs(load.approved / total - logShares.approved / logTotal)).toBeLessThan(0.03);
    expect(Math.abs(load.rejected / total - logShares.rejected / logTotal)).toBeLessThan(0.03);
    expect(Math.abs(load.timedOut / total - logShares.timeout / logTotal)).toBeLessThan(0.03);
    // Answers (not timeouts) in the calibrated batch: waited hours less the timeouts' 4 h each.
    const answeredHours = load.hours - load.timedOut * 4;
    const logAnsweredHours = logAnswers.reduce((a, b) => a + b, 0) / 60;
    expect(Math.abs(answeredHours / (load.approved + load.rejected) / (logAnsweredHours / logAnswers.length) - 1)).toBeLessThan(0.1);
  }, 60_000);
});
