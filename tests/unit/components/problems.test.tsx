// @vitest-environment happy-dom
// The Problems panel as a user drives it, wired the way the dock wires it: each edit and quick fix
// becomes the document, which is analysed again, so a fix that works makes its row go away.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { applyFix } from '../../../shared/analysis/fixes';
import type { Finding } from '../../../shared/analysis/types';
import { suppress } from '../../../shared/model/edits/lint-settings';
import type { Workflow } from '../../../shared/model/schema';
import { ALL_SEVERITIES, type ProblemFilter } from '../../../renderer/src/analysis/problems';
import { ProblemsPanel } from '../../../renderer/src/analysis/ProblemsPanel';
import { supportWithoutReplyGrant, template } from '../renderer/analysis-fixtures';
import { host } from './host';

afterEach(cleanup);

function problems(wf: Workflow) {
  const revealed: Finding[] = [];
  const rules: string[] = [];
  function Panel({ workflow, onChange }: { workflow: Workflow; onChange(next: Workflow): void }) {
    const [filter, setFilter] = useState<ProblemFilter>({ text: '', severities: ALL_SEVERITIES });
    return (
      <ProblemsPanel
        workflow={workflow}
        result={analyze(workflow)}
        filter={filter}
        onFilter={(patch) => setFilter({ ...filter, ...patch })}
        onFix={(finding, index) => onChange(applyFix(workflow, finding, index))}
        onReveal={(finding) => revealed.push(finding)}
        onOpenRule={(ruleId) => rules.push(ruleId)}
        onOpenRules={() => rules.push('*')}
        onEdit={(edit) => onChange(edit(workflow))}
      />
    );
  }
  const hosted = host(wf, (workflow, onChange) => <Panel workflow={workflow} onChange={onChange} />);
  return Object.assign(hosted, { revealed, rules });
}

const ROW = 'problem-permission/exceeds-grant-n9';

describe('the Problems panel, clicked', () => {
  it('applies a quick fix: the grant is added and the finding goes away', () => {
    const panel = problems(supportWithoutReplyGrant());
    expect(screen.getByTestId('problems-toggle-error').textContent).toBe('1 error');
    fireEvent.click(screen.getByTestId('fix-permission/exceeds-grant-n9-0'));
    expect(panel.workflow.connections.find((c) => c.id === 'helpdesk')!.grants).toContain('tickets.reply');
    expect(screen.queryByTestId(ROW)).toBeNull();
    expect(screen.getByTestId('problems-toggle-error').textContent).toBe('0 errors');
  });

  it('shows what a finding is about when its row is clicked, and opens its rule page from the rule link', () => {
    const panel = problems(supportWithoutReplyGrant());
    const row = within(screen.getByTestId(ROW));
    fireEvent.click(row.getByTitle('Error: click to show it'));
    expect(panel.revealed.map((f) => [f.ruleId, f.nodeId])).toEqual([['permission/exceeds-grant', 'n9']]);
    fireEvent.click(row.getByTestId('rule-link-permission/exceeds-grant-n9'));
    expect(panel.rules).toEqual(['permission/exceeds-grant']);
    expect(panel.changes).toEqual([]);
  });

  it('hides a severity when its toggle is pressed, and filters by what is typed', () => {
    problems(template('risky-support-bot'));
    const rows = () => screen.queryAllByTestId(/^problem-(?!group)/).filter((el) => el.hasAttribute('data-severity'));
    const before = rows();
    expect(before.some((r) => r.getAttribute('data-severity') === 'error')).toBe(true);
    fireEvent.click(screen.getByTestId('problems-toggle-error'));
    expect(screen.getByTestId('problems-toggle-error').getAttribute('aria-pressed')).toBe('false');
    expect(rows().length).toBeGreaterThan(0);
    expect(rows().every((r) => r.getAttribute('data-severity') !== 'error')).toBe(true);
    expect(screen.getByTestId('problems-summary').textContent).toMatch(/^\d+ of \d+ shown$/);
    fireEvent.change(screen.getByTestId('problems-filter'), { target: { value: 'no-maintainer' } });
    expect(rows().length).toBeGreaterThan(0);
    expect(rows().every((r) => r.getAttribute('data-testid')!.startsWith('problem-integration/no-maintainer-'))).toBe(true);
  });

  it('lifts a suppression from the Suppressed list: the finding is active again', () => {
    const suppressed = suppress(supportWithoutReplyGrant(), 'n9', 'permission/exceeds-grant', 'Granted by hand in production');
    const panel = problems(suppressed);
    expect(screen.queryByTestId(ROW)).toBeNull();
    expect(screen.getByTestId('problems-panel').textContent).toContain('Granted by hand in production');
    fireEvent.click(screen.getByTestId('unsuppress-permission/exceeds-grant-n9'));
    expect(panel.workflow.nodes.find((n) => n.id === 'n9')!.lint).toBeUndefined();
    expect(screen.getByTestId(ROW)).toBeTruthy();
  });
});
