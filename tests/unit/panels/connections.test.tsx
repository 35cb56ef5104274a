import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { BUILTIN_CONNECTORS } from '../../../shared/connectors/catalog';
import { connectorsOf } from '../../../shared/connectors/lookup';
import { updateConnection } from '../../../shared/model/edits/connections';
import type { Workflow } from '../../../shared/model/schema';
import { ConnectionsPanel } from '../../../renderer/src/panels/ConnectionsPanel';
import { hasIcon } from '../../../renderer/src/chrome/icons';
import { AddConnectionPicker } from '../../../renderer/src/panels/connections/AddConnectionPicker';
import { CustomConnectorCard } from '../../../renderer/src/panels/connections/CustomConnectors';
import { attrOf, elementOf, hasAttr, optionsOf, selectedOf, testIds, textOf } from './html';
import { supportWorkflow } from './fixture';

const noop = () => {};
const render = (wf: Workflow, focus?: string | null) => renderToStaticMarkup(<ConnectionsPanel workflow={wf} onChange={noop} focusConnectionId={focus} />);
const helpdesk = BUILTIN_CONNECTORS.find((c) => c.id === 'helpdesk')!;

describe('ConnectionsPanel', () => {
  it('lists every connection, folded, with an Add connection button', () => {
    const html = render(supportWorkflow());
    expect(testIds(html)).toEqual(expect.arrayContaining(['connection-helpdesk', 'connection-kb', 'connection-orders', 'add-connection']));
    expect(testIds(html)).not.toContain('field-identity');
    expect(attrOf(html, 'connection-toggle-kb', 'aria-expanded')).toBe('false');
    expect(textOf(elementOf(html, 'connection-helpdesk'))).toContain('Help desk · 3 grants');
  });

  it('says what to do when there is no connection yet', () => {
    const html = render({ ...supportWorkflow(), connections: [] });
    expect(textOf(elementOf(html, 'connections-empty'))).toContain('No connections yet.');
  });

  it('opens the focused connection with its identity, logging, maintainer and revocation', () => {
    const html = render(supportWorkflow(), 'helpdesk');
    const card = elementOf(html, 'connection-helpdesk');
    expect(card).toContain('fg-panel-focused');
    expect(attrOf(card, 'field-identity', 'value')).toBe('svc-ai');
    expect(hasAttr(card, 'field-logging', 'checked')).toBe(true);
    expect(attrOf(card, 'field-maintainer', 'value')).toBe('IT');
    expect(attrOf(card, 'field-revocation', 'value')).toBe('Disable svc-ai');
    expect(textOf(elementOf(card, 'field-connector'))).toContain(helpdesk.label);
    // An SVG icon, not an emoji that a browser without an emoji font draws as an empty box.
    expect(elementOf(card, 'field-connector')).toContain('<svg data-icon="ticket"');
    expect(elementOf(html, 'connection-toggle-kb')).toContain('<svg data-icon="book"');
    expect(testIds(card)).toContain('remove-connection-helpdesk');
    expect(elementOf(html, 'connection-kb')).not.toContain('field-identity');
  });

  it('lists each action of the connector with its scope, effect, flags and a grant checkbox', () => {
    const html = render(supportWorkflow(), 'helpdesk');
    for (const a of helpdesk.actions) {
      const row = elementOf(html, `action-helpdesk-${a.scope}`);
      expect(textOf(row)).toContain(a.scope);
      expect(textOf(row)).toContain(a.label);
      expect(row).toContain(`fg-panel-effect-${a.effect}">${a.effect}<`);
      expect(textOf(row).includes('customer-facing')).toBe(a.customerFacing);
      for (const d of a.data) expect(textOf(row)).toContain(d);
      expect(hasAttr(html, `grant-helpdesk-${a.scope}`, 'checked')).toBe(a.scope === 'tickets.read');
    }
    expect(textOf(elementOf(html, 'action-helpdesk-tickets.reply'))).toContain('granted through tickets.*');
    expect(textOf(elementOf(html, 'action-helpdesk-tickets.read'))).not.toContain('granted through');
  });

  it('shows grants that are not actions (wildcards, unknown scopes) as removable chips, and a field to add one', () => {
    const html = render(supportWorkflow(), 'helpdesk');
    expect(textOf(elementOf(html, 'extra-grant-helpdesk-tickets.*'))).toContain('wildcard');
    expect(textOf(elementOf(html, 'extra-grant-helpdesk-bogus.scope'))).toContain('not an action of this connector');
    expect(testIds(html)).toEqual(expect.arrayContaining(['remove-grant-helpdesk-tickets.*', 'remove-grant-helpdesk-bogus.scope', 'field-new-grant', 'add-grant']));
    expect(testIds(html)).not.toContain('extra-grant-helpdesk-tickets.read');
    expect(hasAttr(html, 'add-grant', 'disabled')).toBe(true);
  });

  it('shows the actions of a custom connector the same way', () => {
    const html = render(supportWorkflow(), 'orders');
    expect(textOf(elementOf(html, 'field-connector'))).toContain('Order system');
    expect(textOf(elementOf(html, 'field-connector'))).toContain('custom');
    expect(elementOf(html, 'field-connector')).toContain('<svg data-icon="plug"');
    expect(hasAttr(html, 'grant-orders-erp.orders.read', 'checked')).toBe(true);
    expect(hasAttr(html, 'grant-orders-erp.orders.cancel', 'checked')).toBe(false);
    const cancel = elementOf(html, 'action-orders-erp.orders.cancel');
    expect(cancel).toContain('fg-panel-effect-delete');
    expect(textOf(cancel)).toContain('customer-facing');
  });

  it('warns about a connector Flowgate does not know and shows its grants as chips', () => {
    const wf = updateConnection(supportWorkflow(), 'kb', { connector: 'ghost', grants: ['ghost.read'] });
    const html = render(wf, 'kb');
    expect(textOf(elementOf(html, 'connection-kb'))).toContain('Flowgate does not know a connector called "ghost"');
    expect(textOf(elementOf(html, 'extra-grant-kb-ghost.read'))).toContain('unknown');
    expect(elementOf(html, 'connection-toggle-kb')).toContain('<svg data-icon="plug"');
  });

  it('renders user text as text', () => {
    const wf = updateConnection(supportWorkflow(), 'kb', { label: '<script>x()</script>', identity: '"><b>' });
    const html = render(wf, 'kb');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(attrOf(html, 'field-identity', 'value')).toBe('"><b>');
  });

  it('lists the custom connectors with a way to define one', () => {
    const html = render(supportWorkflow());
    expect(testIds(html)).toEqual(expect.arrayContaining(['custom-connectors', 'custom-connector-erp', 'add-custom-connector']));
    expect(textOf(elementOf(html, 'custom-connector-erp'))).toContain('erp · 2 actions');
  });
});

describe('AddConnectionPicker', () => {
  it('offers every connector of the workflow, built-in and custom', () => {
    const wf = supportWorkflow();
    const html = renderToStaticMarkup(<AddConnectionPicker connectors={connectorsOf(wf)} onPick={noop} onCancel={noop} />);
    const ids = testIds(html)
      .filter((id) => id.startsWith('connector-option-'))
      .map((id) => id.slice('connector-option-'.length));
    expect(ids).toEqual([...BUILTIN_CONNECTORS.map((c) => c.id), 'erp']);
    expect(textOf(elementOf(html, 'connector-option-erp'))).toContain('custom');
    expect(textOf(elementOf(html, 'connector-option-helpdesk'))).toContain(`${helpdesk.actions.length} actions`);
  });

  it('draws each built-in connector with its own icon from the app’s SVG set, and a custom one with the plug', () => {
    const wf = supportWorkflow();
    const html = renderToStaticMarkup(<AddConnectionPicker connectors={connectorsOf(wf)} onPick={noop} onCancel={noop} />);
    const icons = BUILTIN_CONNECTORS.map((c) => {
      expect(hasIcon(c.icon), `${c.id}: "${c.icon}"`).toBe(true);
      expect(elementOf(html, `connector-option-${c.id}`)).toContain(`<svg data-icon="${c.icon}"`);
      return c.icon;
    });
    expect(new Set(icons).size).toBe(icons.length);
    expect(icons).not.toContain('plug');
    expect(elementOf(html, 'connector-option-erp')).toContain('<svg data-icon="plug"');
    // No emoji or other pictographs left in the picker.
    expect(textOf(html)).not.toMatch(/\p{Extended_Pictographic}/u);
  });
});

describe('CustomConnectorCard', () => {
  it('edits id, label and every action with its effect, customer-facing flag and data categories', () => {
    const wf = supportWorkflow();
    const html = renderToStaticMarkup(<CustomConnectorCard wf={wf} connector={wf.connectors![0]} index={0} expanded onToggle={noop} onChange={noop} />);
    expect(attrOf(html, 'field-custom-id', 'value')).toBe('erp');
    expect(attrOf(html, 'field-custom-label', 'value')).toBe('Order system');
    expect(attrOf(html, 'field-custom-action-0-scope', 'value')).toBe('erp.orders.read');
    expect(attrOf(html, 'field-custom-action-1-label', 'value')).toBe('Cancel an order');
    expect(optionsOf(html, 'field-custom-action-1-effect').map((o) => o.value)).toEqual(['read', 'write', 'send', 'delete', 'trigger', 'approve']);
    expect(selectedOf(html, 'field-custom-action-1-effect')).toBe('delete');
    expect(hasAttr(html, 'field-custom-action-1-customerFacing', 'checked')).toBe(true);
    expect(hasAttr(html, 'field-custom-action-0-customerFacing', 'checked')).toBe(false);
    expect(hasAttr(html, 'field-custom-action-0-data-financial', 'checked')).toBe(true);
    expect(hasAttr(html, 'field-custom-action-0-data-personal', 'checked')).toBe(false);
    expect(testIds(html)).toEqual(expect.arrayContaining(['add-custom-action', 'remove-custom-action-1', 'remove-custom-connector-erp']));
  });
});
