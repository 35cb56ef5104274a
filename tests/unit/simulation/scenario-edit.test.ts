// Editing the simulation section: each edit returns a new, valid document (the input is frozen, so any
// mutation throws), touches only the edited scenario or profile, and refuses what the simulator would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { RESOURCES_DIR } from '../../../cli/repo';
import { loadWorkflow, serializeWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { parseSimulationSection, SimulationSpecError, workflowSlaMinutes } from '../../../shared/simulation/scenario';
import {
  actionsUsed,
  addScenario,
  profileFields,
  removeScenario,
  renameScenario,
  reviewerProfileProblem,
  reviewersOf,
  setReviewerProfile,
  setScenarioActionFault,
  setScenarioAiFault,
  setScenarioDecision,
  setScenarioInput,
  setWorkflowSla,
  type ScenarioEdit,
} from '../../../shared/simulation/scenario-edit';
import { simulateScenario } from '../../../shared/simulation/simulate';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const TEXT = readFileSync(join(RESOURCES_DIR, 'templates', 'support-ticket-triage.flowgate.json'), 'utf8');
const support = (): Workflow => deepFreeze(loadWorkflow(TEXT).workflow);
const data = loadSampleData();

function ok(edit: ScenarioEdit): Workflow {
  if (!edit.ok) throw new Error(`expected the edit to succeed: ${edit.reason}`);
  return edit.workflow;
}
function refused(edit: ScenarioEdit): string {
  if (edit.ok) throw new Error('expected the edit to be refused');
  return edit.reason;
}
const raw = (wf: Workflow) => wf.simulation as { scenarios: Record<string, unknown>[]; reviewers: Record<string, unknown> };
const section = (wf: Workflow) => parseSimulationSection(wf.simulation);

describe('adding and removing scenarios', () => {
  it('adds a scenario with an id from its name, its input and nothing scripted, and leaves the others as they were', () => {
    const before = support();
    const edit = addScenario(before, { name: 'Refund request', input: { ticketId: 'T-1002' } });
    const wf = ok(edit);
    expect(edit.ok && edit.id).toBe('refund-request');
    expect(raw(wf).scenarios.at(-1)).toEqual({ id: 'refund-request', name: 'Refund request', input: { ticketId: 'T-1002' } });
    expect(raw(wf).scenarios.slice(0, -1)).toEqual(raw(before).scenarios);
    expect(raw(wf).reviewers).toBe(raw(before).reviewers);
    // The document still loads and round-trips through the file format.
    expect(loadWorkflow(serializeWorkflow(wf)).workflow.simulation).toEqual(wf.simulation);
  });

  it('makes the id unique and keeps decisions and faults of a copy', () => {
    const once = ok(addScenario(support(), { name: 'Happy', input: {}, decisions: { n8: 'rejected' }, faults: { actions: { 'helpdesk:tickets.reply': 'error' } } }));
    const twice = ok(addScenario(once, { name: 'Happy', input: {} }));
    expect(section(twice).scenarios.map((s) => s.id).slice(-3)).toEqual(['reply-fails', 'happy-2', 'happy-3']);
    expect(section(twice).scenarios.at(-2)).toMatchObject({ decisions: { n8: 'rejected' }, faults: { ai: {}, actions: { 'helpdesk:tickets.reply': 'error' } } });
  });

  it('refuses a scenario without a name, and adds to a workflow that had no simulation section', () => {
    expect(refused(addScenario(support(), { name: '  ', input: {} }))).toBe('Give the scenario a name.');
    const bare = deepFreeze({ ...support(), simulation: undefined });
    expect(raw(ok(addScenario(bare, { name: 'First', input: { a: 1 } })))).toEqual({ scenarios: [{ id: 'first', name: 'First', input: { a: 1 } }] });
  });

  it('removes a scenario by id, and says so when there is none', () => {
    const wf = ok(removeScenario(support(), 'billing'));
    expect(section(wf).scenarios.map((s) => s.id)).toEqual(['happy', 'rejected', 'timeout', 'ai-down', 'reply-fails']);
    expect(refused(removeScenario(support(), 'nope'))).toBe('There is no scenario "nope" in this workflow.');
  });
});

describe('editing a scenario', () => {
  it('renames it and replaces its input; an empty name is refused', () => {
    const wf = ok(setScenarioInput(ok(renameScenario(support(), 'billing', 'Double charge')), 'billing', { ticketId: 'T-1010' }));
    expect(section(wf).scenarios[1]).toMatchObject({ id: 'billing', name: 'Double charge', input: { ticketId: 'T-1010' } });
    expect(refused(renameScenario(support(), 'billing', ''))).toBe('Give the scenario a name.');
    expect(refused(setScenarioInput(support(), 'billing', [] as unknown as Record<string, unknown>))).toContain('JSON object');
  });

  it('scripts and unscripts a decision, dropping the empty map', () => {
    const scripted = ok(setScenarioDecision(support(), 'billing', 'n8', 'timeout'));
    expect(raw(scripted).scenarios[1].decisions).toEqual({ n8: 'timeout' });
    const cleared = ok(setScenarioDecision(scripted, 'billing', 'n8', null));
    expect(raw(cleared).scenarios[1]).not.toHaveProperty('decisions');
    expect(refused(setScenarioDecision(support(), 'billing', 'n2', 'approved'))).toBe('There is no approval step with id "n2".');
    expect(refused(setScenarioDecision(support(), 'billing', 'n8', 'maybe' as 'approved'))).toContain('is not a decision');
  });

  it('sets AI and action faults, which then take effect in a run', () => {
    let wf = ok(setScenarioAiFault(support(), 'happy', 'n6', 'low_confidence'));
    wf = ok(setScenarioActionFault(wf, 'happy', 'helpdesk:tickets.reply', 'error'));
    expect(raw(wf).scenarios[0].faults).toEqual({ ai: { n6: 'low_confidence' }, actions: { 'helpdesk:tickets.reply': 'error' } });
    const replyFails = simulateScenario(ok(setScenarioAiFault(wf, 'happy', 'n6', null)), data, { scenarioId: 'happy' });
    expect(replyFails.calls.find((c) => c.action === 'tickets.reply')?.result).toBe('failed');
    expect(replyFails.approvals[0]).toMatchObject({ nodeId: 'n8', decision: 'approved', decidedBy: 'scenario' });

    const cleared = ok(setScenarioActionFault(ok(setScenarioAiFault(wf, 'happy', 'n6', null)), 'happy', 'helpdesk:tickets.reply', null));
    expect(raw(cleared).scenarios[0]).not.toHaveProperty('faults');
    expect(refused(setScenarioAiFault(support(), 'happy', 'n8', 'error'))).toBe('There is no AI step with id "n8".');
    expect(refused(setScenarioActionFault(support(), 'happy', 'nocolon', 'error'))).toContain('<connectionId>:<action>');
    expect(refused(setScenarioActionFault(support(), 'happy', 'crm:contacts.read', 'error'))).toBe('There is no connection with id "crm".');
  });

  it('keeps fields it does not know, and refuses an edit of a scenario that does not exist', () => {
    const custom = deepFreeze({ ...support(), simulation: { scenarios: [{ id: 's', name: 'S', input: {}, note: 'mine' }], extra: true } });
    const wf = ok(setScenarioDecision(custom, 's', 'n8', 'approved'));
    expect(wf.simulation).toEqual({ scenarios: [{ id: 's', name: 'S', input: {}, note: 'mine', decisions: { n8: 'approved' } }], extra: true });
    expect(refused(renameScenario(support(), 'nope', 'x'))).toBe('There is no scenario "nope" in this workflow.');
  });

  it('never stores a section the simulator would refuse', () => {
    const broken = deepFreeze({ ...support(), simulation: { scenarios: [{ id: 's' }], reviewers: { Lead: { approve: 3 } } } });
    expect(refused(renameScenario(broken, 's', 'Fine'))).toMatch(/^This would make the simulation section invalid: \$\.simulation\.reviewers\.Lead\.approve/);
    // Fixing the profile makes the section valid again.
    expect(section(ok(setReviewerProfile(broken, 'Lead', { approve: 1, reject: 0, timeout: 0, median: 10, p90: 20 }))).reviewers.Lead.approve).toBe(1);
  });
});

describe('reviewer profiles', () => {
  it('change the profile named like the reviewer in any case, and remove it', () => {
    const wf = ok(setReviewerProfile(support(), 'support SUPERVISOR', { approve: 0.5, reject: 0.3, timeout: 0.2, median: 15, p90: 60 }));
    expect(Object.keys(raw(wf).reviewers)).toEqual(['Support supervisor']);
    expect(raw(wf).reviewers['Support supervisor']).toEqual({ approve: 0.5, reject: 0.3, timeout: 0.2, responseMinutes: { median: 15, p90: 60 } });
    expect(profileFields(section(wf).reviewers['Support supervisor'])).toEqual({ approve: 0.5, reject: 0.3, timeout: 0.2, median: 15, p90: 60 });
    expect(raw(ok(setReviewerProfile(wf, 'Support supervisor', null))).reviewers).toEqual({});
    const added = ok(setReviewerProfile(support(), 'Finance lead', { approve: 1, reject: 0, timeout: 0, median: 60, p90: 600 }));
    expect(Object.keys(raw(added).reviewers)).toEqual(['Support supervisor', 'Finance lead']);
  });

  it('must add up to 1, with sensible response times', () => {
    const base = { approve: 0.8, reject: 0.15, timeout: 0.05, median: 30, p90: 240 };
    expect(reviewerProfileProblem(base)).toBeNull();
    expect(reviewerProfileProblem({ ...base, approve: 0.1 + 0.2, reject: 0.65 })).toBeNull();
    expect(reviewerProfileProblem({ ...base, approve: 0.7 })).toBe('Approve, reject and timeout must add up to 1; now they add up to 0.9.');
    expect(reviewerProfileProblem({ ...base, approve: 1.2 })).toBe('The approve probability must be between 0 and 1.');
    expect(reviewerProfileProblem({ ...base, median: 0 })).toContain('more than 0 minutes');
    expect(reviewerProfileProblem({ ...base, p90: 10 })).toBe('The 90th percentile must be at least the median.');
    expect(refused(setReviewerProfile(support(), 'Support supervisor', { ...base, reject: 0.5 }))).toContain('add up to 1');
    expect(refused(setReviewerProfile(support(), ' ', base))).toContain('name');
  });

  it('are listed for every reviewer an approval names, then the other profiles', () => {
    const wf = ok(setReviewerProfile(support(), 'Auditor', { approve: 1, reject: 0, timeout: 0, median: 1, p90: 2 }));
    expect(reviewersOf(wf)).toEqual(['Support supervisor', 'Auditor']);
  });
});

describe('the actions a workflow uses', () => {
  it('lists each connector action once, with the steps that call it', () => {
    expect(actionsUsed(support()).map((a) => [a.key, a.nodeIds])).toEqual([
      ['helpdesk:tickets.read', ['n1']],
      ['knowledge:kb.search', ['n6']],
      ['knowledge:kb.read_article', ['n6']],
      ['helpdesk:tickets.reply', ['n9']],
      ['helpdesk:tickets.close', ['n10']],
    ]);
  });
});

describe("the workflow's SLA", () => {
  const base = loadWorkflow(readFileSync(join(RESOURCES_DIR, 'templates', 'support-ticket-triage.flowgate.json'), 'utf8')).workflow;

  it('is set, changed and removed in the simulation section, leaving the rest as it was', () => {
    expect(workflowSlaMinutes(base)).toBeNull();
    const set = setWorkflowSla(deepFreeze(base), 240);
    if (!set.ok) throw new Error(set.reason);
    expect(workflowSlaMinutes(set.workflow)).toBe(240);
    expect((set.workflow.simulation as { scenarios: unknown }).scenarios).toBe((base.simulation as { scenarios: unknown }).scenarios);
    const same = setWorkflowSla(set.workflow, 240);
    expect(same.ok && same.workflow).toBe(set.workflow);
    const removed = setWorkflowSla(set.workflow, null);
    if (!removed.ok) throw new Error(removed.reason);
    expect(workflowSlaMinutes(removed.workflow)).toBeNull();
    expect('slaMinutes' in (removed.workflow.simulation as object)).toBe(false);
    expect(setWorkflowSla(base, 0)).toEqual({ ok: false, reason: 'The SLA must be a number of minutes above 0.' });
  });

  it('is refused with its JSON path when it is not a number of minutes above 0', () => {
    for (const bad of [0, -3, '2h']) {
      let error: unknown;
      try {
        parseSimulationSection({ slaMinutes: bad });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SimulationSpecError);
      expect((error as SimulationSpecError).path).toBe('$.simulation.slaMinutes');
    }
    expect(parseSimulationSection({ slaMinutes: 90 }).slaMinutes).toBe(90);
  });
});
