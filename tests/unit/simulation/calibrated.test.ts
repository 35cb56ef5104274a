// Calibrated runs: outputs drawn at each visit from a log's shares, steps taking the log's times, and
// what a batch keeps of a calibration once the design has changed.
import { describe, expect, it } from 'vitest';
import type { AiProvider } from '../../../shared/simulation/ai-provider';
import { batchItemOptions, prepareBatch, runBatch } from '../../../shared/simulation/batch';
import { calibrationFor } from '../../../shared/simulation/calibrated';
import { compileWorkflow } from '../../../shared/simulation/compile';
import { mockAi } from '../../../shared/simulation/mock-ai';
import { simulate } from '../../../shared/simulation/simulate';
import type { TraceEvent } from '../../../shared/simulation/trace';
import { ai, approval, conn, decision, end, escalation, integration, intake, run, testData, workflow } from './build';

const path = (t: { path: { nodeId: string; handle: string | null }[] }) => t.path.map((p) => `${p.nodeId}:${p.handle}`);
const eventsOf = <T extends TraceEvent['type']>(t: { events: TraceEvent[] }, type: T) => t.events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);

/** Intake → classify (a) → comment (s) → done; unsure and failures end elsewhere. */
const wf = workflow({
  connections: [conn('helpdesk', 'helpdesk', ['tickets.read', 'tickets.comment'])],
  nodes: [
    intake('i'),
    ai('a', { task: 'classify', prompt: '{{subject}} {{body}}', output: 'category', confidenceThreshold: 0.7, labels: [{ name: 'billing', keywords: ['refund', 'charge', 'invoice'] }, { name: 'other', keywords: [] }] }),
    integration('s', 'helpdesk', 'tickets.comment', { ticketId: 'T-1', body: 'Seen' }),
    end('done'),
    end('unsure', 'unsure'),
    end('failed', 'failed'),
  ],
  edges: [
    ['i', 'out', 'a'],
    ['a', 'ok', 's'],
    ['a', 'low_confidence', 'unsure'],
    ['a', 'error', 'failed'],
    ['s', 'ok', 'done'],
    ['s', 'error', 'failed'],
  ],
});
const sure = { id: 's1', name: '', input: { subject: 'Refund', body: 'Please refund the charge on my invoice.' }, decisions: {}, faults: { ai: {}, actions: {} } };
const vague = { ...sure, input: { subject: 'Hello', body: 'A question.' } };

describe('outputs drawn from calibrated shares', () => {
  it('an AI step drawn to fail is not asked and leaves by error, saying why', () => {
    let asked = 0;
    const provider: AiProvider = { name: 'counting', run: (r) => (asked++, mockAi.run(r)) };
    const t = run(wf, { scenario: sure, ai: provider, handleShares: { a: { ok: 0, low_confidence: 0, error: 1 } } });
    expect(path(t)).toEqual(['i:out', 'a:error', 'failed:null']);
    expect(asked).toBe(0);
    expect(eventsOf(t, 'ai')[0].error).toBe('The AI service did not answer (drawn from the calibrated shares).');
    // Without a calibrated time, it waits the AI's 30 s timeout, as with the fault.
    expect(t.elapsedMs).toBe(30_000);
  });

  it('an AI step drawn to be unsure keeps its answer at half its threshold; one drawn to be sure goes on below it', () => {
    const unsure = run(wf, { scenario: sure, handleShares: { a: { low_confidence: 1 } } });
    expect(path(unsure)).toEqual(['i:out', 'a:low_confidence', 'unsure:null']);
    expect(eventsOf(unsure, 'ai')[0]).toMatchObject({ output: 'billing', confidence: 0.35, note: 'unsure (drawn from the calibrated shares)' });

    // With nothing to go on the mock is unsure (0.35); drawn "ok", the step leaves by ok all the same.
    expect(path(run(wf, { scenario: vague }))).toContain('a:low_confidence');
    const forcedSure = run(wf, { scenario: vague, handleShares: { a: { ok: 1 } } });
    expect(path(forcedSure)).toEqual(['i:out', 'a:ok', 's:ok', 'done:null']);
    expect(eventsOf(forcedSure, 'ai')[0].confidence).toBeLessThan(0.7);
  });

  it("an integration drawn to fail makes its call, which fails; drawn to succeed, it is spared the scenario's action fault", () => {
    const failing = run(wf, { scenario: sure, handleShares: { s: { ok: 0, error: 1 } } });
    expect(path(failing)).toEqual(['i:out', 'a:ok', 's:error', 'failed:null']);
    expect(failing.calls.at(-1)).toMatchObject({ action: 'tickets.comment', allowed: true, result: 'failed' });
    expect(eventsOf(failing, 'error').at(-1)!.message).toBe('"tickets.comment" on "helpdesk" failed (drawn from the calibrated shares).');
    expect(failing.changes).toEqual([]);

    const faulty = { ...sure, faults: { ai: {}, actions: { 'helpdesk:tickets.comment': 'error' as const } } };
    expect(path(run(wf, { scenario: faulty }))).toContain('s:error');
    const spared = run(wf, { scenario: faulty, handleShares: { s: { ok: 1, error: 0 } } });
    expect(path(spared)).toContain('s:ok');
    expect(spared.changes).toHaveLength(1);
  });

  it('a call the connection does not grant fails even when the step is drawn to succeed', () => {
    const ungranted = { ...wf, connections: wf.connections.map((c) => ({ ...c, grants: ['tickets.read'] })) };
    const t = run(ungranted, { scenario: sure, handleShares: { s: { ok: 1 } } });
    expect(path(t)).toContain('s:error');
    expect(t.calls.at(-1)).toMatchObject({ allowed: false, result: 'denied' });
  });

  it('a decision takes the drawn branch, whatever its rules say', () => {
    const routed = workflow({
      nodes: [intake('i'), decision('d', [{ id: 'big', when: { all: [{ var: 'amount', op: 'gt', value: 100 }] } }]), end('big', 'big'), end('small', 'small')],
      edges: [
        ['i', 'out', 'd'],
        ['d', 'big', 'big'],
        ['d', 'else', 'small'],
      ],
    });
    const input = { ...sure, input: { amount: 5 } };
    expect(run(routed, { scenario: input }).outcome).toBe('small');
    expect(run(routed, { scenario: input, handleShares: { d: { big: 1, else: 0 } } }).outcome).toBe('big');
  });

  it('draws again at each visit, in proportion to the shares', () => {
    // A retry loop: an output drawn once per item would loop until the step limit.
    const loop = workflow({
      connections: [conn('helpdesk', 'helpdesk', ['tickets.comment'])],
      nodes: [intake('i'), integration('s', 'helpdesk', 'tickets.comment', { ticketId: 'T-1', body: 'x' }), end('done')],
      edges: [
        ['i', 'out', 's'],
        ['s', 'error', 's'],
        ['s', 'ok', 'done'],
      ],
    });
    const compiled = compileWorkflow(loop, testData());
    let visits = 0;
    let failures = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const t = simulate(compiled, { seed, recordEvents: false, handleShares: { s: { ok: 0.25, error: 0.75 } } });
      expect(t.outcome).toBe('resolved');
      visits += t.path.filter((p) => p.nodeId === 's').length;
      failures += t.path.filter((p) => p.nodeId === 's' && p.handle === 'error').length;
    }
    expect(Math.abs(failures / visits - 0.75)).toBeLessThan(0.02);
  });
});

describe('calibrated step times', () => {
  const handOff = workflow({
    nodes: [intake('i'), ai('a', { task: 'draft', prompt: '{{subject}}', output: 'draft' }), escalation('h'), decision('d', []), end('z')],
    edges: [
      ['i', 'out', 'a'],
      ['a', 'ok', 'h'],
      ['a', 'low_confidence', 'h'],
      ['a', 'error', 'h'],
      ['h', 'out', 'd'],
      ['d', 'else', 'z'],
    ],
  });

  it('a step takes the time drawn for it in all, in place of its own fixed time', () => {
    const plain = run(handOff, { scenario: sure });
    // The draft takes 7 s ± 20 %; the hand-off and the decision take nothing.
    expect(plain.elapsedMs).toBeGreaterThanOrEqual(5_600);
    expect(plain.elapsedMs).toBeLessThanOrEqual(8_400);
    // A median equal to its p90 is that time exactly.
    const timed = run(handOff, { scenario: sure, stepMinutes: { a: { median: 2, p90: 2 }, h: { median: 30, p90: 30 }, d: { median: 1, p90: 1 }, z: { median: 0.5, p90: 0.5 } } });
    expect(timed.elapsedMs).toBe((2 + 30 + 1 + 0.5) * 60_000);
    const left = eventsOf(timed, 'step.left');
    expect(left.map((e) => [e.nodeId, e.atMs])).toEqual([
      ['i', 0],
      ['a', 120_000],
      ['h', 1_920_000],
      ['d', 1_980_000],
    ]);
    // An AI step drawn to fail waits its calibrated time, not the 30 s timeout.
    expect(run(handOff, { scenario: sure, handleShares: { a: { error: 1 } }, stepMinutes: { a: { median: 0.1, p90: 0.1 } } }).elapsedMs).toBe(6_000);
  });

  it('draws times from a log-normal with the median and p90 given; a median of 0 takes no time', () => {
    const compiled = compileWorkflow(handOff, testData());
    const times = Array.from({ length: 4000 }, (_, i) => simulate(compiled, { scenario: sure, seed: i + 1, recordEvents: false, stepMinutes: { h: { median: 20, p90: 120 } }, ai: { name: 'instant', run: () => ({ ok: true, output: 'x', confidence: 1, durationMs: 0 }) } }).elapsedMs / 60_000).sort((a, b) => a - b);
    expect(times[1999] / 20).toBeGreaterThan(0.93);
    expect(times[1999] / 20).toBeLessThan(1.07);
    expect(times[3599] / 120).toBeGreaterThan(0.9);
    expect(times[3599] / 120).toBeLessThan(1.1);
    const instant = simulate(compiled, { scenario: sure, stepMinutes: { a: { median: 0, p90: 0.01 } } });
    expect(instant.elapsedMs).toBe(0);
  });

  it('a step never takes less than its calls do', () => {
    const t = run(wf, { scenario: sure, stepMinutes: { s: { median: 0, p90: 0 } }, handleShares: { a: { ok: 1 } } });
    const comment = t.calls.find((c) => c.action === 'tickets.comment')!;
    // The comment's call starts at the step's start and takes its 300 ms ± 20 %.
    expect(t.elapsedMs - comment.atMs).toBeGreaterThanOrEqual(240);
  });
});

describe('what a batch keeps of a calibration', () => {
  const design = workflow({
    connections: [conn('helpdesk', 'helpdesk', ['tickets.comment'])],
    nodes: [
      intake('i'),
      ai('a', { task: 'summarize', prompt: '{{body}}', output: 'summary' }),
      decision('d', [{ id: 'vip', when: { all: [{ var: 'vip', op: 'eq', value: true }] } }]),
      integration('s', 'helpdesk', 'tickets.comment', { ticketId: 'T-1', body: 'x' }),
      approval('g'),
      end('z'),
    ],
    edges: [
      ['i', 'out', 'a'],
      ['a', 'ok', 'd'],
      ['d', 'vip', 's'],
      ['d', 'else', 's'],
      ['s', 'ok', 'g'],
      ['g', 'approved', 'z'],
    ],
  });

  it('keeps what fits the design and says what it left out', () => {
    const { calibration, leftOut } = calibrationFor(design, {
      handles: {
        a: { ok: 0.5, low_confidence: 0.25, error: 0.25, retry: 0.1 },
        d: { vip: 0.2, else: 0.8 },
        s: { ok: 1, error: 0 },
        gone: { ok: 1 },
        i: { out: 1 },
      },
      durations: { a: { median: 1, p90: 2 }, g: { median: 30, p90: 60 }, z: { median: 0, p90: 0 }, gone: { median: 1, p90: 1 } },
    });
    expect(calibration).toEqual({
      handles: { a: { ok: 0.5, low_confidence: 0.25, error: 0.25 }, d: { vip: 0.2, else: 0.8 }, s: { ok: 1, error: 0 } },
      // An approval takes its reviewer's time.
      minutes: { a: { median: 1, p90: 2 }, z: { median: 0, p90: 0 } },
    });
    expect(leftOut).toEqual([
      '"a" has no "retry" output any more: its share from the log is left out.',
      'The calibrated outputs of "gone" are not used: the workflow has no such step any more.',
      'The calibrated outputs of "i" are not used: only AI steps, integrations and decisions take their outputs from a log.',
      'The calibrated time of "gone" is not used: the workflow has no such step any more.',
    ]);
  });

  it('leaves a decision to its rules once its branches changed since the log was read', () => {
    const { calibration, leftOut } = calibrationFor(design, { handles: { d: { vip: 0.2, else: 0.7, gold: 0.1 } } });
    expect(calibration).toBeNull();
    expect(leftOut).toEqual(['"d" has other branches than when the log was read: its rules decide, not the log\'s shares.']);
    expect(calibrationFor(design, { handles: { d: { else: 1 } } }).calibration).toBeNull();
  });

  it('gives the items the calibration; calibrated AI steps get none of the fault rates, the others do', () => {
    const twoAi = workflow({
      nodes: [intake('i'), ai('a', { task: 'summarize', prompt: '{{body}}', output: 's1' }), ai('b', { task: 'summarize', prompt: '{{body}}', output: 's2' }), end('z'), end('x', 'failed')],
      edges: [
        ['i', 'out', 'a'],
        ['a', 'ok', 'b'],
        ['a', 'error', 'x'],
        ['b', 'ok', 'z'],
        ['b', 'error', 'x'],
      ],
      simulation: { scenarios: [{ id: 's', input: { body: 'Some text to read.' } }], handles: { a: { ok: 1, low_confidence: 0, error: 0 } }, durations: { b: { median: 3, p90: 3 } } },
    });
    const settings = { runs: 50, seed: 4, faults: { aiUnavailable: 1 } };
    const prepared = prepareBatch(twoAi, testData(), settings);
    expect(prepared.calibration).toEqual({ handles: { a: { ok: 1, low_confidence: 0, error: 0 } }, minutes: { b: { median: 3, p90: 3 } } });
    const options = batchItemOptions(prepared, 0);
    expect(options.scenario!.faults.ai).toEqual({ b: 'error' });
    expect(options.handleShares).toBe(prepared.calibration!.handles);
    const m = runBatch(twoAi, testData(), settings).metrics;
    expect(m.errorsByNode).toEqual({ b: 50 });
    // b waits its calibrated 3 minutes, not the 30 s timeout; a takes its 4 s summary (± 20 %).
    expect(m.cycleTimeMinutes.mean).toBeGreaterThan(3.05);
    expect(m.cycleTimeMinutes.max).toBeLessThanOrEqual(3.08);
  });

  it('a batch of one is still one run, calibrated alike', () => {
    const calibrated = { ...design, simulation: { scenarios: [{ id: 's', input: { body: 'Text to read.' } }], handles: { d: { vip: 0.5, else: 0.5 } }, durations: { a: { median: 2, p90: 9 }, s: { median: 1, p90: 4 } } } };
    for (const seed of [1, 2, 3, 4, 5]) {
      const prepared = prepareBatch(calibrated, testData(), { runs: 1, seed });
      const trace = simulate(prepared.compiled, batchItemOptions(prepared, 0));
      const m = runBatch(calibrated, testData(), { runs: 1, seed }).metrics;
      expect(m.cycleTimeMinutes.p50).toBe(trace.elapsedMinutes);
      expect(m.steps).toBe(trace.steps);
      expect(Object.entries(m.nodeVisits).filter(([, v]) => v > 0).map(([id]) => id).sort()).toEqual([...new Set(trace.path.map((p) => p.nodeId))].sort());
    }
  });
});
