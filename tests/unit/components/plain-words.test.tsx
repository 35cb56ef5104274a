// @vitest-environment happy-dom
// Plain words before ids: the action picker leads with the action's name and groups the actions the
// connection grants first; rules are named by their title (their id in small type in Properties only);
// a decision's outputs are named by the rule's name; the inspector keeps a step's id folded away.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { ruleTitle, titledRuleIds } from '../../../shared/analysis/rule-titles';
import { RULES } from '../../../shared/analysis/rules/index';
import { RULE_ERROR } from '../../../shared/analysis/types';
import { outputsOf } from '../../../shared/kinds/registry';
import { setBranchLabel } from '../../../shared/model/edits/branches';
import type { Workflow } from '../../../shared/model/schema';
import { ALL_SEVERITIES, type ProblemFilter } from '../../../renderer/src/analysis/problems';
import { ProblemsPanel } from '../../../renderer/src/analysis/ProblemsPanel';
import { Inspector } from '../../../renderer/src/panels/Inspector';
import { PropertiesPanel } from '../../../renderer/src/panels/PropertiesPanel';
import { supportWorkflow } from '../panels/fixture';
import { supportWithoutReplyGrant } from '../renderer/analysis-fixtures';
import { host } from './host';

afterEach(cleanup);

const noop = () => {};
const inspect = (nodeIds: string[], wf: Workflow = supportWorkflow()) =>
  host(wf, (workflow, onChange) => <Inspector workflow={workflow} nodeIds={nodeIds} edgeIds={[]} onChange={onChange} onSelectConnection={noop} />);

/** The visible text of an element: what is inside a closed <details> (beyond its summary) is not shown. */
function visibleText(el: Element): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === 3) text += node.textContent;
    if (!(node instanceof Element)) return;
    if (node.tagName === 'DETAILS' && !(node as HTMLDetailsElement).open) {
      const summary = node.querySelector('summary');
      if (summary) text += summary.textContent;
      return;
    }
    node.childNodes.forEach(walk);
  };
  walk(el);
  return text;
}

describe('the action picker', () => {
  it('leads with the action’s name, its scope second, and lists the actions the connection grants first', () => {
    inspect(['n8']);
    const select = screen.getByTestId('field-action') as HTMLSelectElement;
    const groups = [...select.querySelectorAll('optgroup')].map((g) => ({ label: g.label, options: [...g.querySelectorAll('option')].map((o) => o.value) }));
    // The Orders connection grants reading orders, not cancelling them.
    expect(groups).toEqual([
      { label: 'Granted by Orders', options: ['erp.orders.read'] },
      { label: 'Not granted by Orders — a step using one is flagged', options: ['erp.orders.cancel'] },
    ]);
    const read = select.querySelector('option[value="erp.orders.read"]')!;
    expect(read.querySelector('.fg-opt-label')!.textContent).toBe('Read orders');
    expect(read.querySelector('.fg-opt-id')!.textContent).toBe(' · erp.orders.read · read');
    expect(read.textContent).toBe('Read orders · erp.orders.read · read');
    // A wildcard grant covers the actions under it.
    cleanup();
    inspect(['n4']);
    const replyGroups = [...(screen.getByTestId('field-action') as HTMLSelectElement).querySelectorAll('optgroup')];
    expect(replyGroups[0].label).toBe('Granted by Help desk');
    expect([...replyGroups[0].querySelectorAll('option')].map((o) => o.value)).toContain('tickets.reply');
  });

  it('chooses an action by its value, as any select', () => {
    const hosted = inspect(['n8']);
    fireEvent.change(screen.getByTestId('field-action'), { target: { value: 'erp.orders.cancel' } });
    expect(hosted.workflow.nodes.find((n) => n.id === 'n8')!.config).toMatchObject({ action: 'erp.orders.cancel' });
  });

  it('names a connection by its label, its id second', () => {
    inspect(['n4']);
    const option = (screen.getByTestId('field-connection') as HTMLSelectElement).querySelector('option[value="helpdesk"]')!;
    expect(option.textContent).toBe('Help desk · helpdesk');
    expect(option.querySelector('.fg-opt-label')!.textContent).toBe('Help desk');
  });
});

describe('a decision’s outputs', () => {
  it('are named by their rule’s name, or by its place when it has none, in the registry the canvas and the timeline read', () => {
    const wf = supportWorkflow();
    const decision = wf.nodes.find((n) => n.id === 'n3')!;
    expect(outputsOf(decision).map((h) => [h.id, h.label])).toEqual([
      ['r1', 'Billing'],
      ['r2', 'Urgent'],
      ['else', 'else'],
    ]);
    const unnamed = setBranchLabel(wf, 'n3', 1, '  ');
    expect(outputsOf(unnamed.nodes.find((n) => n.id === 'n3')!).map((h) => h.label)).toEqual(['Billing', 'Rule 2', 'else']);
  });

  it('are named in the inspector by the rule’s name, never its id', () => {
    inspect(['n3']);
    const form = screen.getByTestId('inspector-decision');
    expect(within(form).getByTestId('rule-0').textContent).toContain('Takes “Billing” when');
    expect(visibleText(form)).not.toMatch(/\br[12]\b/);
  });
});

describe('the inspector', () => {
  it('shows no step id unless “In the file” is opened', () => {
    const { container } = inspect(['n5']);
    const panel = container.querySelector('[data-testid="inspector"]')!;
    expect(visibleText(panel)).not.toContain('n5');
    const details = screen.getByTestId('inspector-file-id') as HTMLDetailsElement;
    details.open = true;
    expect(visibleText(panel)).toContain('Step id n5');
  });
});

describe('rule titles', () => {
  it('give every rule a title of its own, and name only rules that exist', () => {
    const ids = RULES.map((r) => r.meta.id);
    for (const id of ids) {
      expect(ruleTitle(id), id).not.toBe(id);
      expect(ruleTitle(id).length, id).toBeGreaterThan(3);
    }
    for (const id of titledRuleIds()) expect([...ids, RULE_ERROR], id).toContain(id);
    // A rule added later without a written title is named from its id, never shown as the id.
    expect(ruleTitle('gate/stale-approval')).toBe('Stale approval');
  });

  it('lead in Properties → Analysis rules, with the id in small type under each', () => {
    host(supportWorkflow(), (workflow, onChange) => <PropertiesPanel workflow={workflow} onChange={onChange} rules={{ counts: new Map(), onChange, onOpenRule: noop }} />);
    const row = screen.getByTestId('rule-gate/no-timeout');
    const title = row.querySelector('.rule-title')!;
    expect(title.textContent).toBe('Approval that can wait forever');
    const id = within(row).getByTestId('rule-id-gate/no-timeout');
    expect(id.textContent).toBe('gate/no-timeout');
    expect(id.classList.contains('fg-id')).toBe(true);
    expect(within(row).getByTestId('rule-setting-gate/no-timeout').getAttribute('aria-label')).toBe('Severity of “Approval that can wait forever”');
  });

  it('name each finding’s rule in the Problems panel, the id only in its tooltip', () => {
    const wf = supportWithoutReplyGrant();
    function Panel({ workflow }: { workflow: Workflow }) {
      const [filter, setFilter] = useState<ProblemFilter>({ text: '', severities: ALL_SEVERITIES });
      return <ProblemsPanel workflow={workflow} result={analyze(workflow)} filter={filter} onFilter={(p) => setFilter({ ...filter, ...p })} onFix={noop} onReveal={noop} onOpenRule={noop} onOpenRules={noop} onEdit={noop} />;
    }
    host(wf, (workflow) => <Panel workflow={workflow} />);
    const link = screen.getByTestId('rule-link-permission/exceeds-grant-n9');
    expect(link.textContent).toBe('Needs more than its connection grants');
    expect(link.getAttribute('title')).toBe('Read about this rule (permission/exceeds-grant)');
  });
});
