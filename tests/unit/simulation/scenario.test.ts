import { describe, expect, it } from 'vitest';
import { parseSimulationSection, scenarioProblems, SimulationSpecError } from '../../../shared/simulation/scenario';
import { prepareScenarioRun } from '../../../shared/simulation/simulate';
import { NO_DATA } from '../../../shared/simulation/datasets';
import { ai, approval, conn, end, intake, workflow } from './build';

function error(value: unknown): SimulationSpecError {
  try {
    parseSimulationSection(value);
  } catch (e) {
    if (e instanceof SimulationSpecError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('the simulation section', () => {
  it('accepts the documented format and fills defaults', () => {
    const section = parseSimulationSection({
      scenarios: [{ id: 's', name: 'S', input: { body: 'x' }, decisions: { g: 'approved' }, faults: { ai: { a: 'error' }, actions: { 'helpdesk:tickets.reply': 'error' } } }, { id: 't' }],
      reviewers: { Lead: { approve: 0.8, reject: 0.15, timeout: 0.05, responseMinutes: { median: 30, p90: 240 } } },
    });
    expect(section.scenarios[1]).toEqual({ id: 't', name: '', input: {}, decisions: {}, faults: { ai: {}, actions: {} } });
    expect(section.reviewers.Lead.approve).toBe(0.8);
    expect(parseSimulationSection(undefined)).toEqual({ scenarios: [], reviewers: {} });
  });

  it('names the JSON path of what is wrong', () => {
    expect(error({ scenarios: [{ id: 's', decisions: { g: 'maybe' } }] }).path).toBe('$.simulation.scenarios[0].decisions.g');
    expect(error({ scenarios: [{ id: 's', faults: { ai: { a: 'slow' } } }] }).path).toBe('$.simulation.scenarios[0].faults.ai.a');
    expect(error({ scenarios: [{ id: 's', faults: { actions: { nocolon: 'error' } } }] }).message).toContain('<connectionId>:<action>');
    expect(error({ scenarios: [{ id: 's' }, { id: 's' }] }).path).toBe('$.simulation.scenarios[1].id');
    expect(error({ reviewers: { Lead: { approve: 2 } } }).path).toBe('$.simulation.reviewers.Lead.approve');
    expect(error({ reviewers: { Lead: { approve: 0.9, reject: 0.9 } } }).message).toContain('add up to 1');
    expect(error({ reviewers: { Lead: { approve: 1, responseMinutes: { median: 60, p90: 10 } } } }).path).toBe('$.simulation.reviewers.Lead.responseMinutes.p90');
    expect(error({ scenarios: 'none' }).path).toBe('$.simulation.scenarios');
  });

  it('finds decisions and faults that name steps or connections the workflow does not have', () => {
    const wf = workflow({ connections: [conn('helpdesk', 'helpdesk', [])], nodes: [intake('i'), ai('a', { task: 'classify' }), approval('g'), end('z')], edges: [] });
    const section = parseSimulationSection({
      scenarios: [
        { id: 'ok', decisions: { g: 'approved' }, faults: { ai: { a: 'error' }, actions: { 'helpdesk:tickets.read': 'error' } } },
        { id: 'bad', decisions: { a: 'approved' }, faults: { ai: { g: 'error' }, actions: { 'crm:x': 'error' } } },
      ],
    });
    expect(scenarioProblems(wf, section, 'ok')).toEqual([]);
    expect(scenarioProblems(wf, section).map((p) => p.path)).toEqual([
      '$.simulation.scenarios[1].decisions.a',
      '$.simulation.scenarios[1].faults.ai.g',
      '$.simulation.scenarios[1].faults.actions["crm:x"]',
    ]);
  });

  it('prepares a run of the first scenario, a named one, or refuses an unknown scenario or step', () => {
    const wf = workflow({ nodes: [intake('i'), approval('g'), end('z')], edges: [], simulation: { scenarios: [{ id: 'one' }, { id: 'two' }] } });
    expect(prepareScenarioRun(wf, NO_DATA).scenario.id).toBe('one');
    expect(prepareScenarioRun(wf, NO_DATA, { scenarioId: 'two' }).scenario.id).toBe('two');
    expect(() => prepareScenarioRun(wf, NO_DATA, { scenarioId: 'three' })).toThrow('there is no scenario "three" (scenarios: "one", "two")');
    expect(() => prepareScenarioRun(wf, NO_DATA, { decisions: { i: 'approved' } })).toThrow('no approval step with id "i"');
  });
});
