// What the Simulation panel offers to start from, and the sim.start call each choice makes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../../../cli/repo';
import { loadWorkflow } from '../../../shared/model/load';
import { inputText, parseSeed, sourcesOf, startParams, TYPED, type Samples } from '../../../renderer/src/simulation/scenarios';

const wf = loadWorkflow(readFileSync(join(RESOURCES_DIR, 'templates', 'support-ticket-triage.flowgate.json'), 'utf8')).workflow;
const samples: Samples = { dataset: 'tickets', idKey: 'ticketId', records: [{ id: 'T-1007', label: 'Export is slow' }] };

describe('start options', () => {
  it("lists the workflow's scenarios, then the sample records, then a typed input", () => {
    const { options, problem } = sourcesOf(wf, samples);
    expect(problem).toBeNull();
    expect(options.map((o) => o.value)).toEqual([
      'scenario:happy',
      'scenario:billing',
      'scenario:rejected',
      'scenario:timeout',
      'scenario:ai-down',
      'scenario:reply-fails',
      'record:T-1007',
      TYPED,
    ]);
    expect(options[0].label).toBe('Password reset link expired');
    expect(options[6]).toMatchObject({ label: 'T-1007 · Export is slow', input: { ticketId: 'T-1007' } });
  });

  it('still offers sample records and a typed input when the simulation section is broken', () => {
    const { options, problem } = sourcesOf({ ...wf, simulation: { scenarios: 'many' } }, samples);
    expect(problem).toMatch(/\$\.simulation\.scenarios/);
    expect(options.map((o) => o.group)).toEqual(['record', 'typed']);
  });
});

describe('the sim.start call', () => {
  const { options } = sourcesOf(wf, samples);
  const happy = options[0];

  it('sends an unedited scenario by id, an edited one inline', () => {
    expect(startParams(wf, happy, inputText(happy.input), '3', 'ask', samples)).toEqual({ ok: true, value: { document: wf, seed: 3, approvals: 'ask', scenarioId: 'happy' } });
    const edited = startParams(wf, happy, '{"ticketId": "T-1001", "subject": "Other"}', '', 'scenario', samples);
    expect(edited.ok && edited.value).toMatchObject({
      seed: 1,
      scenario: { id: 'happy', name: 'Password reset link expired (edited)', input: { ticketId: 'T-1001', subject: 'Other' }, decisions: { n8: 'approved' } },
    });
    expect(edited.ok && 'scenarioId' in edited.value).toBe(false);
  });

  it('sends a sample record or a typed input as an inline scenario', () => {
    const record = startParams(wf, options[6], '{"ticketId": "T-1007"}', '1', 'scenario', samples);
    expect(record.ok && record.value.scenario).toEqual({ id: 'T-1007', name: 'Sample ticket T-1007', input: { ticketId: 'T-1007' } });
    const typed = startParams(wf, options[7], '{"subject": "Hello"}', '1', 'scenario', samples);
    expect(typed.ok && typed.value.scenario).toEqual({ id: 'typed', name: 'Typed input', input: { subject: 'Hello' } });
  });

  it('refuses an input that is not a JSON object, and a seed that is not a whole number', () => {
    expect(startParams(wf, happy, '{"a":', '1', 'scenario', samples)).toMatchObject({ ok: false, error: expect.stringMatching(/not valid JSON/) });
    expect(startParams(wf, happy, '[1, 2]', '1', 'scenario', samples)).toMatchObject({ ok: false, error: expect.stringMatching(/JSON object/) });
    expect(startParams(wf, happy, '{}', '1.5', 'scenario', samples)).toMatchObject({ ok: false, error: 'The seed must be a whole number.' });
    expect(parseSeed(' -4 ')).toEqual({ ok: true, value: -4 });
    expect(parseSeed('99999999999999999999').ok).toBe(false);
  });
});
