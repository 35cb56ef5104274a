// Replaying logs made from simulated batches (whose truth is known) and logs with deliberate faults.
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { batchLog, injectDeviations, type LogRow } from '../../../scripts/generate-sample-log';
import { conform } from '../../../shared/conformance/conform';
import type { EventLog } from '../../../shared/conformance/log';
import type { Workflow } from '../../../shared/model/schema';
import { batchItemOptions, defaultBatchInputs, prepareBatch } from '../../../shared/simulation/batch';
import { simulate } from '../../../shared/simulation/simulate';
import { example, logOf, SUPPORT, template } from './helpers';

const TEMPLATES = ['support-ticket-triage', 'invoice-approval', 'employee-onboarding', 'sales-lead-intake', 'risky-support-bot'];
const data = loadSampleData();

function asLog(rows: readonly LogRow[]): EventLog {
  return { format: 'csv', events: rows.map(({ caseId, activity, time, resource }) => ({ caseId, activity, time, resource })), fields: { caseId: 'case_id', activity: 'activity', time: 'timestamp' }, ignoredEvents: 0 };
}

function settingsFor(wf: Workflow) {
  return { inputs: defaultBatchInputs(wf, data), faults: { aiUnsure: 0.05, aiUnavailable: 0, connectorFailure: 0 } };
}

describe('a log made from a batch of the workflow', () => {
  it.each(TEMPLATES)('fits %s exactly: fitness 1, no deviation, no violation', (name) => {
    const wf = template(`resources/templates/${name}.flowgate.json`);
    const rows = batchLog(wf, data, { runs: 150, seed: 11, settings: settingsFor(wf) });
    const { result } = conform(wf, asLog(rows));
    expect(result.cases).toBe(150);
    expect(result.fitness).toBe(1);
    expect(result.fittingCases).toBe(150);
    expect(result.deviatingCases).toEqual([]);
    expect(result.violations).toEqual([]);
    expect(result.unmappedActivities).toEqual([]);
    expect(result.unalignedCases).toEqual([]);
    expect(result.variants.reduce((n, v) => n + v.count, 0)).toBe(150);
  });

  it('counts the outputs the simulated items took, and times approvals as their reviewers answered', () => {
    const wf = template(SUPPORT);
    const settings = { runs: 200, seed: 5, settings: settingsFor(wf) };
    const { result } = conform(wf, asLog(batchLog(wf, data, settings)));
    // The truth, from the batch's own traces.
    const prepared = prepareBatch(wf, data, { ...settings.settings, runs: 200, seed: 5 });
    const truth: Record<string, Record<string, number>> = {};
    const answers: number[] = [];
    for (let i = 0; i < 200; i++) {
      const trace = simulate(prepared.compiled, batchItemOptions(prepared, i));
      for (const step of trace.path) {
        if (step.handle === null) continue;
        truth[step.nodeId] ??= {};
        truth[step.nodeId][step.handle] = (truth[step.nodeId][step.handle] ?? 0) + 1;
      }
      for (const a of trace.approvals) answers.push(a.responseMinutes);
    }
    // Every node that leaves by an output, including the decision the log never records.
    for (const [nodeId, byHandle] of Object.entries(truth)) {
      if (wf.nodes.find((n) => n.id === nodeId)!.kind === 'end') continue;
      expect(result.handleCounts[nodeId], nodeId).toEqual(byHandle);
    }
    expect(Object.keys(result.handleCounts['n3']).sort()).toEqual(['billing', 'else']);
    const sorted = answers.sort((a, b) => a - b);
    expect(result.durations['n8'].count).toBe(sorted.length);
    expect(result.durations['n8'].median).toBeCloseTo(sorted[Math.ceil(sorted.length / 2) - 1], 1);
  });

  it('finds the injected deviations in the cases they were injected in, and the one approval violation', () => {
    const wf = template(SUPPORT);
    const { rows, injected } = injectDeviations(batchLog(wf, data, { runs: 120, seed: 21, settings: settingsFor(wf) }));
    const { result } = conform(wf, asLog(rows));
    const byCase = Object.fromEntries(result.deviatingCases.map((c) => [c.caseId, c.deviations]));
    const id = (kind: string) => injected.find((d) => d.kind === kind)!.caseId;
    expect(Object.keys(byCase).sort()).toEqual(injected.map((d) => d.caseId).sort());
    expect(byCase[id('skipped')]).toEqual([{ kind: 'skipped', activity: 'Close ticket', nodeId: 'n10' }]);
    expect(byCase[id('wrong-order')]).toEqual([{ kind: 'wrong-order', activity: expect.stringMatching(/^(Draft reply|Find help articles)$/), nodeId: expect.stringMatching(/^n[67]$/) }]);
    expect(byCase[id('not-in-design')]).toEqual([{ kind: 'not-in-design', activity: 'Call customer' }]);
    expect(byCase[id('violation')]).toEqual([{ kind: 'skipped', activity: 'Supervisor approves reply', nodeId: 'n8' }]);
    expect(result.violations.map((v) => [v.caseId, v.nodeId, v.action])).toEqual([
      [id('violation'), 'n9', 'tickets.reply'],
      [id('violation'), 'n10', 'tickets.close'],
    ]);
    expect(result.violations[0].approvalNodeIds).toEqual(['n8']);
    expect(result.fittingCases).toBe(116);
  });
});

describe('approval violations', () => {
  const cases = (extra: Record<string, string[]>) => logOf({ base: ['Receive', 'Draft', 'Approve', 'Send'], hand: ['Receive', 'Draft', 'By hand'], ...extra });

  it('are sensitive steps done with no approval before them', () => {
    const { result } = conform(example(), cases({ skip: ['Receive', 'Draft', 'Send'], late: ['Receive', 'Draft', 'Send', 'Approve'] }));
    expect(result.violations.map((v) => [v.caseId, v.nodeId, v.action, v.activity])).toEqual([
      ['skip', 's', 'email.send', 'Send'],
      ['late', 's', 'email.send', 'Send'],
    ]);
    expect(result.violations[0].at).toBe('2024-06-03T11:02:00.000Z');
  });

  it('count an approval as given unless its outcome, or the step after it, says otherwise', () => {
    const { result } = conform(
      example(),
      cases({
        saidNo: ['Receive', 'Draft', 'Approve=Rejected', 'Send'],
        saidYes: ['Receive', 'Draft', 'Approve=approved', 'Send'],
        wentToHand: ['Receive', 'Draft', 'Approve', 'By hand', 'Send'],
      }),
    );
    expect(result.violations.map((v) => v.caseId)).toEqual(['saidNo', 'wentToHand']);
  });

  it('are not looked for where the design has no approval: those steps are listed once instead', () => {
    const wf = template('resources/templates/risky-support-bot.flowgate.json');
    const { result } = conform(wf, asLog(batchLog(wf, data, { runs: 40, seed: 2, settings: settingsFor(wf) })));
    expect(result.violations).toEqual([]);
    expect(result.ungatedSensitiveSteps.length).toBeGreaterThan(0);
    for (const id of result.ungatedSensitiveSteps) expect(result.durations[id] ?? result.handleCounts[id]).toBeDefined();
  });
});

describe('cycle time, limits and outputs', () => {
  it('measures cycle time from first to last event and counts cases over the SLA', () => {
    const wf = { ...example(), simulation: { slaMinutes: 2.5 } };
    const log = logOf({ a: ['Receive', 'Draft', 'By hand'], b: ['Receive', 'Draft', 'Approve', 'Send'], c: ['Receive', 'Draft', 'Approve', 'Send'] });
    expect(conform(wf, log).result.cycleTime).toEqual({ median: 3, p90: 3, slaMinutes: 2.5, overSla: 2 });
    expect(conform(example(), log).result.cycleTime).toEqual({ median: 3, p90: 3, slaMinutes: null, overSla: null });
  });

  it('sets aside a case too long to replay, says why, and leaves it out of the fitness', () => {
    const { result } = conform(example(), logOf({ short: ['Receive', 'Draft', 'By hand'], long: ['Receive', 'Draft', 'Approve', 'Send'] }), { limits: { maxEvents: 3, maxExpanded: 1000 } });
    expect(result.unalignedCases).toEqual([{ caseId: 'long', events: 4, reason: 'it has 4 events; cases longer than 3 events are not replayed' }]);
    expect(result.fitness).toBe(1);
    expect(result.fittingCases).toBe(1);
  });

  it('replays cases of hundreds of events on the support template quickly and exactly', () => {
    const wf = template(SUPPORT);
    const loop = ['New ticket', 'Classify ticket', 'Find help articles', 'Draft reply'];
    const long = Array.from({ length: 150 }, () => loop).flat();
    const { result } = conform(wf, logOf({ long: [...long, 'Supervisor approves reply', 'Send reply', 'Close ticket'], ok: ['New ticket', 'Classify ticket', 'Human triage'] }));
    // The first four and the last three are synchronous; every other event is out of turn. The
    // cheapest run does two recorded steps (New ticket, Classify ticket, then the billing escalation,
    // which this log never records): m₀ = 2.
    expect(result.deviatingCases[0].deviations).toHaveLength(long.length - 4);
    expect(result.deviatingCases[0].fitness).toBeCloseTo(1 - (long.length - 4) / (long.length + 3 + 2), 4);
  });
});
