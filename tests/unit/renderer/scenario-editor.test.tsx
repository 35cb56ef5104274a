// The scenario editor as rendered for the support template: a decision per approval step, a fault per
// AI step and per connector action the workflow calls, the reviewer profiles with an inline error when
// their probabilities do not add up to 1, and user text shown as text.
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Workflow } from '../../../shared/model/schema';
import { parseSimulationSection } from '../../../shared/simulation/scenario';
import { renameScenario, setReviewerProfile, type ScenarioEdit } from '../../../shared/simulation/scenario-edit';
import { ScenarioEditor } from '../../../renderer/src/simulation/ScenarioEditor';
import { supportTemplate } from '../../backend/simulation-helpers';
import { attrOf, elementOf, optionsOf, selectedOf, testIds, textOf } from '../panels/html';

const noop = () => {};
function render(wf: Workflow, scenarioId: string): string {
  const scenario = parseSimulationSection(wf.simulation).scenarios.find((s) => s.id === scenarioId)!;
  return renderToStaticMarkup(<ScenarioEditor workflow={wf} scenario={scenario} onChange={noop} />);
}
function ok(edit: ScenarioEdit): Workflow {
  if (!edit.ok) throw new Error(edit.reason);
  return edit.workflow;
}

describe('the scenario editor', () => {
  const wf = supportTemplate();

  it('shows the scenario’s name, input, decisions and faults', () => {
    const html = render(wf, 'reply-fails');
    expect(attrOf(html, 'scenario-name', 'value')).toBe('Help desk refuses the reply');
    expect(JSON.parse(textOf(elementOf(html, 'scenario-input')))).toMatchObject({ ticketId: 'T-1006' });
    expect(selectedOf(html, 'scenario-decision-n8')).toBe('approved');
    expect(optionsOf(html, 'scenario-decision-n8').map((o) => o.value)).toEqual(['', 'approved', 'rejected', 'timeout']);
    expect(selectedOf(html, 'scenario-fault-action-helpdesk:tickets.reply')).toBe('error');
    expect(selectedOf(html, 'scenario-fault-action-helpdesk:tickets.close')).toBe('');
    expect(selectedOf(html, 'scenario-fault-ai-n2')).toBe('');
    expect(optionsOf(html, 'scenario-fault-ai-n2').map((o) => o.value)).toEqual(['', 'error', 'low_confidence']);
    expect(testIds(html)).toContain('scenario-delete');
  });

  it('offers one decision per approval step, one fault per AI step and per action the workflow calls', () => {
    const ids = testIds(render(wf, 'happy'));
    expect(ids.filter((id) => id.startsWith('scenario-decision-'))).toEqual(['scenario-decision-n8']);
    expect(ids.filter((id) => id.startsWith('scenario-fault-ai-'))).toEqual(['scenario-fault-ai-n2', 'scenario-fault-ai-n6', 'scenario-fault-ai-n7']);
    expect(ids.filter((id) => id.startsWith('scenario-fault-action-'))).toEqual([
      'scenario-fault-action-helpdesk:tickets.read',
      'scenario-fault-action-knowledge:kb.search',
      'scenario-fault-action-knowledge:kb.read_article',
      'scenario-fault-action-helpdesk:tickets.reply',
      'scenario-fault-action-helpdesk:tickets.close',
    ]);
  });

  it('shows the reviewer profile, and says inline when its probabilities do not add up to 1', () => {
    const html = render(wf, 'happy');
    expect(['approve', 'reject', 'timeout', 'median', 'p90'].map((f) => attrOf(html, `reviewer-Support supervisor-${f}`, 'value'))).toEqual(['0.8', '0.15', '0.05', '30', '240']);
    expect(testIds(html)).not.toContain('reviewer-Support supervisor-error');
    // The file format accepts probabilities adding up to less than 1; the editor asks for exactly 1.
    const short = { ...wf, simulation: { ...wf.simulation, reviewers: { 'Support supervisor': { approve: 0.5, reject: 0.3, timeout: 0 } } } };
    const out = render(short, 'happy');
    expect(textOf(elementOf(out, 'reviewer-Support supervisor-error'))).toBe('Approve, reject and timeout must add up to 1; now they add up to 0.8.');
    expect(attrOf(out, 'reviewer-Support supervisor-median', 'value')).toBe('30');
  });

  it('offers to add a profile for a reviewer who has none', () => {
    const html = render(ok(setReviewerProfile(wf, 'Support supervisor', null)), 'happy');
    expect(testIds(html)).toContain('reviewer-Support supervisor-add');
    expect(testIds(html)).not.toContain('reviewer-Support supervisor-approve');
  });

  it('shows a name holding markup as text', () => {
    const html = render(ok(renameScenario(wf, 'happy', '<img src=x onerror=alert(1)>')), 'happy');
    expect(html).not.toContain('<img');
    expect(attrOf(html, 'scenario-name', 'value')).toBe('<img src=x onerror=alert(1)>');
  });
});
