import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { BUILTIN_CONNECTORS } from '../../../shared/connectors/catalog';
import { setProperties } from '../../../shared/model/edits/workflow';
import type { Workflow } from '../../../shared/model/schema';
import { SYSTEM_VARIABLES } from '../../../shared/model/variables';
import { Inspector } from '../../../renderer/src/panels/Inspector';
import { PropertiesPanel } from '../../../renderer/src/panels/PropertiesPanel';
import { addField, patchConfig, setLabel } from '../../../shared/model/edits/node-config';
import { OPERATORS } from '../../../shared/model/edits/branches';
import { attrOf, elementOf, hasAttr, optionsOf, selectedOf, testIds, textOf } from './html';
import { supportWorkflow } from './fixture';

const noop = () => {};
function render(wf: Workflow, nodeIds: string[], edgeIds: string[] = []): string {
  return renderToStaticMarkup(<Inspector workflow={wf} nodeIds={nodeIds} edgeIds={edgeIds} onChange={noop} onSelectConnection={noop} />);
}
const connector = (id: string) => BUILTIN_CONNECTORS.find((c) => c.id === id)!;

describe('Inspector: selection', () => {
  it('shows a hint when nothing (or a step that no longer exists) is selected', () => {
    const wf = supportWorkflow();
    expect(testIds(render(wf, []))).toContain('inspector-empty');
    expect(testIds(render(wf, ['gone']))).toContain('inspector-empty');
  });

  it('describes a link by its ends and the output it leaves from, with a Delete button', () => {
    const html = render(supportWorkflow(), [], ['e3']);
    expect(textOf(elementOf(html, 'inspector-edge'))).toContain('Route — Billing → To billing');
    expect(testIds(html)).toContain('delete-selection');
  });

  it('counts several selected steps and links and offers to delete them', () => {
    const html = render(supportWorkflow(), ['n1', 'n2'], ['e5']);
    expect(textOf(elementOf(html, 'inspector-multi'))).toContain('2 steps and 1 link selected');
    expect(testIds(html)).toContain('delete-selection');
    expect(textOf(render(supportWorkflow(), ['n1', 'n2', 'n3']))).toContain('3 steps selected');
  });

  it('shows the common part of every step: name, kind and id', () => {
    const html = render(supportWorkflow(), ['n5']);
    expect(attrOf(html, 'field-label', 'value')).toBe('Supervisor');
    expect(textOf(elementOf(html, 'kind-badge'))).toBe('Approval');
    expect(textOf(html)).toContain('n5');
  });

  it('renders what the user typed as text, never as markup', () => {
    const wf = setLabel(supportWorkflow(), 'n5', '<img src=x onerror=alert(1)>');
    const html = render(wf, ['n5']);
    expect(html).not.toContain('<img');
    expect(attrOf(html, 'field-label', 'value')).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('Inspector: intake', () => {
  const html = render(supportWorkflow(), ['n1']);

  it('offers the sources, the connections (or none) and only the read actions of the chosen connector', () => {
    expect(selectedOf(html, 'field-source')).toBe('ticket');
    expect(optionsOf(html, 'field-source').map((o) => o.value)).toEqual(['form', 'email', 'ticket', 'webhook', 'schedule', 'manual']);
    expect(optionsOf(html, 'field-connection').map((o) => o.value)).toEqual(['', 'helpdesk', 'kb', 'orders']);
    expect(selectedOf(html, 'field-connection')).toBe('helpdesk');
    const reads = connector('helpdesk')
      .actions.filter((a) => a.effect === 'read')
      .map((a) => a.scope);
    expect(optionsOf(html, 'field-action').map((o) => o.value)).toEqual(['', ...reads]);
    expect(selectedOf(html, 'field-action')).toBe('tickets.read');
  });

  it('lists the fields as editable names and flags empty or unusable ones inline', () => {
    expect(['field-fields-0', 'field-fields-1', 'field-fields-2'].map((id) => attrOf(html, id, 'value'))).toEqual(['subject', 'body', 'email']);
    expect(testIds(html)).toContain('add-field');
    const withBad = addField(patchConfig(supportWorkflow(), 'n1', 'intake', { fields: ['subject', 'customer email'] }), 'n1');
    const text = textOf(render(withBad, ['n1']));
    expect(text).toContain('Templates cannot refer to "customer email"');
    expect(text).toContain('Give this field a name.');
  });

  it('hides the action when no connection is chosen', () => {
    const wf = patchConfig(supportWorkflow(), 'n1', 'intake', { connection: undefined, action: undefined });
    const out = render(wf, ['n1']);
    expect(selectedOf(out, 'field-connection')).toBe('');
    expect(testIds(out)).not.toContain('field-action');
  });
});

describe('Inspector: AI step', () => {
  const wf = supportWorkflow();
  const html = render(wf, ['n2']);

  it('shows task, prompt, output, threshold, mode and provider with their values', () => {
    expect(selectedOf(html, 'field-task')).toBe('classify');
    expect(textOf(elementOf(html, 'field-prompt'))).toBe('Classify {{subject}} with {{mystery}}');
    expect(attrOf(html, 'field-output', 'value')).toBe('category');
    expect(attrOf(html, 'field-confidenceThreshold', 'value')).toBe('0.7');
    expect(attrOf(html, 'field-confidenceThreshold-range', 'value')).toBe('0.7');
    expect(selectedOf(html, 'field-mode')).toBe('act');
    expect(selectedOf(html, 'field-provider')).toBe('mock');
  });

  it('shows a prompt template holding markup as text, never as HTML', () => {
    const hostile = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> for {{subject}}';
    const out = render(patchConfig(wf, 'n2', 'ai', { prompt: hostile }), ['n2']);
    expect(out).not.toMatch(/<script|<img/i);
    expect(out).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(textOf(elementOf(out, 'field-prompt'))).toBe(hostile);
    // The markup is not mistaken for variables: the one it uses is known, so nothing is flagged.
    expect(testIds(out)).not.toContain('unknown-variables');
  });

  it('offers the variables available at the step as chips, and warns about unknown ones', () => {
    const chips = testIds(html)
      .filter((id) => id.startsWith('var-chip-'))
      .map((id) => id.slice('var-chip-'.length));
    expect(chips).toEqual(['subject', 'body', 'email', ...SYSTEM_VARIABLES.map((v) => v.name)]);
    expect(chips).not.toContain('category');
    expect(textOf(elementOf(html, 'unknown-variables'))).toContain('{{mystery}}');
    const clean = render(patchConfig(wf, 'n2', 'ai', { prompt: 'Classify {{subject}}' }), ['n2']);
    expect(testIds(clean)).not.toContain('unknown-variables');
  });

  it('edits labels with their keywords for classify and route, not for other tasks', () => {
    expect(attrOf(html, 'field-labels-0-name', 'value')).toBe('billing');
    expect(attrOf(html, 'field-labels-0-keywords', 'value')).toBe('invoice, refund');
    expect(testIds(html)).toEqual(expect.arrayContaining(['add-label', 'remove-label-1']));
    const summarize = render(patchConfig(wf, 'n2', 'ai', { task: 'summarize' }), ['n2']);
    expect(testIds(summarize)).not.toContain('field-labels-0-name');
  });

  it('lists only read actions for knowledge sources, every action for tools, with effects and flags', () => {
    const kbReads = connector('knowledge')
      .actions.filter((a) => a.effect === 'read')
      .map((a) => a.scope);
    expect(optionsOf(html, 'field-sources-0-action').map((o) => o.value)).toEqual(kbReads);
    expect(optionsOf(html, 'field-tools-0-action').map((o) => o.value)).toEqual(connector('helpdesk').actions.map((a) => a.scope));
    expect(selectedOf(html, 'field-tools-0-action')).toBe('tickets.reply');
    const tool = elementOf(html, 'tools-0');
    expect(tool).toContain('fg-panel-effect-send');
    expect(textOf(tool.replace(/<select.*<\/select>/, ''))).toContain('customer-facing');
    expect(elementOf(html, 'sources-0')).toContain('fg-panel-effect-read');
    expect(testIds(html)).toEqual(expect.arrayContaining(['add-sources', 'add-tools', 'remove-tools-0']));
  });

  it('explains act mode and names the tools it would run without review', () => {
    expect(textOf(html)).toContain('Runs without review: Reply to the customer (send).');
    const suggest = render(patchConfig(wf, 'n2', 'ai', { mode: 'suggest' }), ['n2']);
    expect(textOf(suggest)).not.toContain('Runs without review');
    expect(textOf(suggest)).toContain('Suggest: the AI only drafts');
  });

  it('asks for the fields to extract on an extract step', () => {
    const extract = render(patchConfig(wf, 'n2', 'ai', { task: 'extract', fields: ['amount'] }), ['n2']);
    expect(attrOf(extract, 'field-fields-0', 'value')).toBe('amount');
    expect(testIds(html)).not.toContain('field-fields-0');
  });
});

describe('Inspector: integration', () => {
  const wf = supportWorkflow();
  const html = render(wf, ['n4']);

  it('lists the chosen connector’s actions and shows the chosen one’s effect and flags', () => {
    expect(selectedOf(html, 'field-connection')).toBe('helpdesk');
    expect(optionsOf(html, 'field-action').map((o) => o.value)).toEqual(connector('helpdesk').actions.map((a) => a.scope));
    expect(selectedOf(html, 'field-action')).toBe('tickets.reply');
    const label = optionsOf(html, 'field-action').find((o) => o.value === 'tickets.delete')!.label;
    expect(label).toContain('delete');
    expect(html).toContain('fg-panel-effect-send');
    expect(textOf(html)).toContain('customer-facing');
    expect(testIds(html)).toContain('edit-connection');
  });

  it('maps each input of the action, keeps other mapped inputs removable, and shows chips for one input', () => {
    const inputs = connector('helpdesk').actions.find((a) => a.scope === 'tickets.reply')!.inputs ?? [];
    expect(inputs.length).toBeGreaterThan(0);
    for (const name of inputs) expect(testIds(html)).toContain(`field-input-${name}`);
    expect(attrOf(html, 'field-input-ticketId', 'value')).toBe('{{ticketId}}');
    expect(attrOf(html, 'field-input-legacy', 'value')).toBe('x');
    expect(testIds(html)).toContain('remove-input-legacy');
    expect(testIds(html)).not.toContain('remove-input-ticketId');
    expect(testIds(html).filter((id) => id.endsWith('-chips'))).toEqual([`field-input-${inputs[0]}-chips`]);
    expect(textOf(elementOf(html, 'field-input-ticketId-unknown'))).toContain('{{ticketId}}');
  });

  it('lists the actions of a custom connector for a connection that uses one', () => {
    const custom = render(wf, ['n8']);
    expect(optionsOf(custom, 'field-action').map((o) => o.value)).toEqual(['erp.orders.read', 'erp.orders.cancel']);
    expect(selectedOf(custom, 'field-action')).toBe('erp.orders.read');
  });

  it('keeps a connection or action that no longer exists visible in the select', () => {
    const gone = render(patchConfig(wf, 'n4', 'integration', { connection: 'old', action: 'x.y' }), ['n4']);
    expect(optionsOf(gone, 'field-connection')[0]).toEqual({ value: 'old', label: 'No such connection · old', selected: true });
    expect(selectedOf(gone, 'field-action')).toBe('x.y');
    expect(testIds(gone)).not.toContain('edit-connection');
  });
});

describe('Inspector: decision', () => {
  const html = render(supportWorkflow(), ['n3']);

  it('shows the rules in order with their mode, conditions and readable operators', () => {
    expect(testIds(html).filter((id) => /^rule-\d+$/.test(id))).toEqual(['rule-0', 'rule-1']);
    expect(attrOf(html, 'field-rules-0-label', 'value')).toBe('Billing');
    expect(selectedOf(html, 'field-rules-0-mode')).toBe('all');
    expect(selectedOf(html, 'field-rules-1-mode')).toBe('any');
    expect(attrOf(html, 'field-rules-0-cond-0-var', 'value')).toBe('category');
    expect(selectedOf(html, 'field-rules-1-cond-0-op')).toBe('in');
    expect(attrOf(html, 'field-rules-1-cond-0-value', 'value')).toBe('high, urgent');
    expect(attrOf(html, 'field-rules-1-cond-1-value', 'value')).toBe('100');
    expect(optionsOf(html, 'field-rules-0-cond-0-op').map((o) => o.label)).toEqual(OPERATORS.map((o) => o.label));
    expect(optionsOf(html, 'field-rules-0-cond-0-op').map((o) => o.label)).toContain('is greater than');
  });

  it('explains that the first rule that holds wins and shows the else path', () => {
    const text = textOf(html);
    expect(text).toContain('the first rule that holds decides the path');
    expect(text).toContain('Otherwise → else');
    expect(testIds(html)).toEqual(expect.arrayContaining(['add-rule', 'add-condition-0', 'move-rule-down-0', 'move-rule-up-1', 'remove-rule-1', 'remove-condition-1-1']));
    expect(hasAttr(html, 'move-rule-up-0', 'disabled')).toBe(true);
    expect(hasAttr(html, 'move-rule-down-1', 'disabled')).toBe(true);
  });

  it('suggests the variables available at the step and flags the ones that are not', () => {
    expect(html).toMatch(/<datalist id="fg-panel-vars-n3">.*value="category"/);
    expect(attrOf(html, 'field-rules-0-cond-0-var', 'list')).toBe('fg-panel-vars-n3');
    expect(textOf(html)).toContain('{{priority}} is not available at this step.');
    expect(textOf(html)).not.toContain('{{category}} is not available');
  });

  it('has no value input for "is set" and warns about a rule without conditions', () => {
    const wf = patchConfig(supportWorkflow(), 'n3', 'decision', {
      rules: [
        { id: 'r1', label: '', when: { all: [{ var: 'category', op: 'exists' }] } },
        { id: 'r2', label: 'Always', when: { all: [] } },
      ],
    });
    const out = render(wf, ['n3']);
    expect(testIds(out)).not.toContain('field-rules-0-cond-0-value');
    expect(textOf(out)).toContain('No conditions: this rule always holds');
  });
});

describe('Inspector: approval, escalation, end', () => {
  it('approval: reviewer, instructions and a timeout that may be empty', () => {
    const html = render(supportWorkflow(), ['n5']);
    expect(attrOf(html, 'field-reviewer', 'value')).toBe('Support lead');
    expect(textOf(elementOf(html, 'field-instructions'))).toBe('Check tone');
    expect(attrOf(html, 'field-timeoutHours', 'value')).toBe('');
    expect(textOf(html)).toContain('No timeout');
    const timed = render(patchConfig(supportWorkflow(), 'n5', 'approval', { timeoutHours: 8, reviewer: '' }), ['n5']);
    expect(attrOf(timed, 'field-timeoutHours', 'value')).toBe('8');
    expect(textOf(timed)).toContain('Nobody is named to review');
  });

  it('escalation: team, reason, priority and an optional connection with its actions', () => {
    const html = render(supportWorkflow(), ['n6']);
    expect(attrOf(html, 'field-team', 'value')).toBe('Billing');
    expect(textOf(elementOf(html, 'field-reason'))).toBe('Money');
    expect(optionsOf(html, 'field-priority').map((o) => o.value)).toEqual(['low', 'normal', 'high', 'urgent']);
    expect(selectedOf(html, 'field-priority')).toBe('high');
    expect(selectedOf(html, 'field-connection')).toBe('');
    expect(testIds(html)).not.toContain('field-action');
    const withConn = render(patchConfig(supportWorkflow(), 'n6', 'escalation', { connection: 'helpdesk' }), ['n6']);
    expect(optionsOf(withConn, 'field-action').map((o) => o.value)).toEqual(['', ...connector('helpdesk').actions.map((a) => a.scope)]);
  });

  it('end: common outcomes in a select, anything else in a text field', () => {
    const html = render(supportWorkflow(), ['n7']);
    expect(optionsOf(html, 'field-outcome').map((o) => o.value)).toEqual(['resolved', 'rejected', 'escalated', 'stopped', 'cancelled', '__other__']);
    expect(selectedOf(html, 'field-outcome')).toBe('__other__');
    expect(attrOf(html, 'field-outcome-custom', 'value')).toBe('refunded');
    const resolved = render(patchConfig(supportWorkflow(), 'n7', 'end', { outcome: 'resolved' }), ['n7']);
    expect(selectedOf(resolved, 'field-outcome')).toBe('resolved');
    expect(testIds(resolved)).not.toContain('field-outcome-custom');
  });
});

describe('PropertiesPanel', () => {
  it('edits name, description and owner and shows the id and schema version read-only', () => {
    const wf = setProperties(supportWorkflow(), { description: 'Tickets in, replies out' });
    const html = renderToStaticMarkup(<PropertiesPanel workflow={wf} onChange={noop} />);
    expect(attrOf(html, 'field-name', 'value')).toBe('Support triage');
    expect(textOf(elementOf(html, 'field-description'))).toBe('Tickets in, replies out');
    expect(attrOf(html, 'field-owner', 'value')).toBe('Support lead');
    expect(textOf(elementOf(html, 'workflow-id'))).toBe('wf-1');
    expect(textOf(elementOf(html, 'schema-version'))).toBe('flowgate.workflow, version 1');
    expect(textOf(html)).not.toContain('Nobody owns');
    const noOwner = renderToStaticMarkup(<PropertiesPanel workflow={setProperties(wf, { owner: '' })} onChange={noop} />);
    expect(textOf(noOwner)).toContain('Nobody owns this process yet.');
  });
});
