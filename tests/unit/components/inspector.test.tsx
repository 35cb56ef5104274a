// @vitest-environment happy-dom
// The inspector as a user drives it: typing, choosing, clicking; each change reaches the document,
// and the form shows the document it gets back. (Inspector markup is checked in tests/unit/panels/.)
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Workflow, WorkflowNode } from '../../../shared/model/schema';
import { Inspector } from '../../../renderer/src/panels/Inspector';
import { supportWorkflow } from '../panels/fixture';
import { host } from './host';

afterEach(cleanup);

const noop = () => {};
function inspect(nodeIds: string[], edgeIds: string[] = [], wf: Workflow = supportWorkflow()) {
  return host(wf, (workflow, onChange) => <Inspector workflow={workflow} nodeIds={nodeIds} edgeIds={edgeIds} onChange={onChange} onSelectConnection={noop} />);
}
const nodeOf = (wf: Workflow, id: string) => wf.nodes.find((n) => n.id === id) as WorkflowNode;
const input = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;

describe('the inspector, clicked', () => {
  it('renames a step as the user types, each keystroke coalesced into one undo step', () => {
    const hosted = inspect(['n5']);
    fireEvent.change(input('field-label'), { target: { value: 'Supervisor check' } });
    fireEvent.change(input('field-label'), { target: { value: 'Supervisor check!' } });
    expect(nodeOf(hosted.workflow, 'n5').label).toBe('Supervisor check!');
    expect(input('field-label').value).toBe('Supervisor check!');
    expect(new Set(hosted.changes.map((c) => c.coalesceKey)).size).toBe(1);
  });

  it('keeps a timeout that is not a number as typed, says why, and stores nothing until it is one', () => {
    const hosted = inspect(['n5']);
    fireEvent.change(input('field-timeoutHours'), { target: { value: 'soon' } });
    expect(input('field-timeoutHours').value).toBe('soon');
    expect(input('field-timeoutHours').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('inspector-approval').textContent).toContain('"soon" is not a number.');
    expect(hosted.changes).toEqual([]);
    fireEvent.change(input('field-timeoutHours'), { target: { value: '4,5' } });
    expect((nodeOf(hosted.workflow, 'n5').config as { timeoutHours: number }).timeoutHours).toBe(4.5);
  });

  it("moves an integration step to another connection and drops an action the new connector does not have", () => {
    const hosted = inspect(['n4']);
    fireEvent.change(screen.getByTestId('field-connection'), { target: { value: 'orders' } });
    expect(nodeOf(hosted.workflow, 'n4').config).toMatchObject({ connection: 'orders', action: '' });
    const actions = [...(screen.getByTestId('field-action') as HTMLSelectElement).options].map((o) => o.value);
    expect(actions).toEqual(['', 'erp.orders.read', 'erp.orders.cancel']);
    fireEvent.change(screen.getByTestId('field-action'), { target: { value: 'erp.orders.read' } });
    expect(nodeOf(hosted.workflow, 'n4').config).toMatchObject({ connection: 'orders', action: 'erp.orders.read' });
  });

  it('adds a decision branch with an output of its own, and removing it takes its link along', () => {
    const hosted = inspect(['n3']);
    fireEvent.click(screen.getByTestId('add-rule'));
    expect(screen.getByTestId('rule-2')).toBeTruthy();
    const rules = () => (nodeOf(hosted.workflow, 'n3').config as { rules: { id: string }[] }).rules.map((r) => r.id);
    expect(rules()).toEqual(['r1', 'r2', 'r3']);
    expect(hosted.workflow.edges.some((e) => e.source === 'n3' && e.sourceHandle === 'r1')).toBe(true);
    fireEvent.click(screen.getByTestId('remove-rule-0'));
    expect(rules()).toEqual(['r2', 'r3']);
    expect(hosted.workflow.edges.some((e) => e.source === 'n3' && e.sourceHandle === 'r1')).toBe(false);
    expect(screen.queryByTestId('rule-2')).toBeNull();
  });

  it('edits a condition: a number where the operator needs one, a warning where the text is none', () => {
    const hosted = inspect(['n3']);
    const row = within(screen.getByTestId('rule-1'));
    fireEvent.change(row.getByTestId('field-rules-1-cond-1-op'), { target: { value: 'gte' } });
    fireEvent.change(row.getByTestId('field-rules-1-cond-1-value'), { target: { value: '250' } });
    const condition = () => (nodeOf(hosted.workflow, 'n3').config as { rules: { when: { any: { op: string; value: unknown }[] } }[] }).rules[1].when.any[1];
    expect(condition()).toMatchObject({ op: 'gte', value: 250 });
    fireEvent.change(row.getByTestId('field-rules-1-cond-1-value'), { target: { value: 'lots' } });
    expect(condition()).toMatchObject({ op: 'gte', value: 'lots' });
    expect(screen.getByTestId('rule-1').textContent).toContain('"lots" is not a number; this comparison needs one.');
  });

  it('deletes the selected link with its Delete button', () => {
    const hosted = inspect([], ['e3']);
    fireEvent.click(screen.getByTestId('delete-selection'));
    expect(hosted.workflow.edges.map((e) => e.id)).not.toContain('e3');
    expect(hosted.workflow.nodes).toHaveLength(supportWorkflow().nodes.length);
  });
});
